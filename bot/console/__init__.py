"""The clinic staff console's own data layer: staff accounts and sign-in, the audit log,
transcripts, the screening report, and retention. The intake and triage records it works
through (the queue, a record in full, status and notes) live in bot/records/.

Every function takes a SQLAlchemy session (or, for transcripts and the screening report, the
tracker store's engine) and returns frozen dataclasses or plain values, never ORM rows; the
caller owns the transaction.
See docs/console.md.
The web routes in bot/web/ (console_auth.py, console_views.py) are HTTP glue on top of these
modules:

- users: create_user, authenticate, set_password, set_role, deactivate, reactivate,
  list_users, login_allowed (CLI: python -m bot.console.users)
- audit: record_audit, list_audit
- transcripts: transcript
- screening_report: screening_report, report_csv (grouped against one-by-one screening, read
  from the tracker store's slot events; CLINICAL.md §8.4)
- purge: retention_days, purge (CLI: python -m bot.console.purge); the records themselves go
  through bot/records/retention.py
"""
