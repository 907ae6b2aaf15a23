"""The database: models, lazily built engines and sessions, seeding, and queries."""
