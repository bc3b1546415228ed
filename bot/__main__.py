"""`python -m bot`: the command line's original name, kept as a stable entry point."""

from rumorbot.cli import main

raise SystemExit(main())
