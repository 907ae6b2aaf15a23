"""`python -m tools.patient_eval --help`."""

from tools.patient_eval.evaluate import main

raise SystemExit(main())
