"""The bundle's Python task: prints its first parameter."""

import sys

print(sys.argv[1])
