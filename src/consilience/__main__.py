from consilience.cli import main

raise SystemExit(main())
