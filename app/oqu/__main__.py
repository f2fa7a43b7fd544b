import sys

from oqu.cli import main

sys.exit(main())
