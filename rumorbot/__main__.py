from rumorbot.cli import main

raise SystemExit(main())
