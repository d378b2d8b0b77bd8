from parley_api.app import main

main()
