from parley_extract.service import main

main()
