"""`python -m tools.fuzz --help`."""

from tools.fuzz.cli import main

raise SystemExit(main())
