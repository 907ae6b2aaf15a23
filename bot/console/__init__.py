"""The clinic staff console's data layer: staff accounts and sign-in, the audit log, the queue of
intake and triage records, their follow-up, transcripts, the screening report, and retention.

Every function takes a SQLAlchemy session (or, for transcripts and the screening report, the
tracker store's engine) and returns frozen dataclasses or plain values, never ORM rows; the
caller owns the transaction.
See docs/console.md.
The web routes in bot/web/ are HTTP glue on top of these modules:

- users: create_user, authenticate, set_password, set_role, deactivate, reactivate,
  list_users, login_allowed (CLI: python -m bot.console.users)
- audit: record_audit, list_audit
- records: queue, record_detail
- workflow: change_status, add_note, next_statuses
- triage: save_triage
- transcripts: transcript
- screening_report: screening_report, report_csv (grouped against one-by-one screening, read
  from the tracker store's slot events; CLINICAL.md §8.4)
- purge: retention_days, purge (CLI: python -m bot.console.purge)
"""
