"""The intake and triage records staff follow up, in one package.

The dialogue writes through it (a completed triage, a consultation or callback request, a
request kept while the database is down); the staff console reads through it and changes a
record's status through it. Every function takes a SQLAlchemy session and returns frozen
dataclasses or plain values, never ORM rows; the caller owns the transaction.

- references: new_reference, free_reference, normalise_reference (SB- requests, TR- triages)
- triage_summary: TriageSummary, summary_from_json (kept with both kinds of record)
- intake_records: IntakeRequest, save_request, save_or_update_request, find_by_reference,
  requests_of
  (consultation and callback requests, table intake_records)
- triage_records: save_triage, triage_of (completed triages, table triage_records; a triage
  saved gives the conversation's earlier request its summary and level)
- answers: screening_answers (each warning-sign question a record's region calls for, answered
  or "not asked"); facts: record_facts (a record's facts in words); details: record_details
  (many records in full, for the CSV)
- queue: queue, record_detail (both kinds, as staff read them)
- workflow: change_status, add_note, next_statuses
- pending: requests kept while the database is down (CLI: python -m bot.records.pending)
- retention: purge_records (records and their notes older than a cutoff; the console's
  retention purge deletes records only through it)
- rows: add_row (a frozen dataclass stored as a row: staff notes here, the console's audit log)
"""
