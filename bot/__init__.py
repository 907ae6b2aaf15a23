"""SpineBot's product code: everything that runs in production (README.md, "Where things are",
maps each package to its job). Tools and tests live outside it, in tools/ and tests/."""
