from hria.cli import main

main()
