"""New-request notifications: an e-mail to the clinic's intake address when a consultation or
callback request arrives (issue 19, item 4).

- `mail_settings.py`: the SMTP server, sender, recipients and console link from clinic.yml's
  `notifications.email` section; the credentials from the environment. No section, no e-mails.
- `message.py`: the urgency band of a request and the e-mail itself. It carries the reference,
  the band and a link to the console, and nothing the person said, no symptom and no level.
- `outbox.py`: a request's notification is written in the same transaction as the request
  (`enqueue`) and sent later (`deliver_due`), retried with a growing delay while the mail server
  is unreachable, so no request goes unannounced and none is lost because mail failed.
- `__main__.py`: `python -m bot.notifications` sends what is due once, or every N seconds. The
  web app runs the same loop in the background (bot/web/app.py).
"""
