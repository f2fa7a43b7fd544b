"""The frozen app's entry point: the same as ``python -m oqu``."""
import sys

from oqu.cli import main

if __name__ == "__main__":
    sys.exit(main())
