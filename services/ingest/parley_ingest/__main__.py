from parley_ingest.main import main

main()
