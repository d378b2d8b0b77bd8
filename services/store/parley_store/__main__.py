from parley_store.service import main

main()
