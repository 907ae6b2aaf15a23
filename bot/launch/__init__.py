"""Starting SpineBot: one module per job.

- __main__.py: `python -m bot.launch` (`make run`): the action server, the Rasa server and the
  web app, or with `--shell` (`make shell`) `rasa shell` against the action server;
- environment.py: the environment every server starts with (the variables endpoints.yml reads,
  loopback addresses, the tracker and lock store chosen from $DATABASE_URL and $REDIS_URL);
- processes.py: starting, waiting for and stopping the servers as child processes (also used
  by the end-to-end tests and the tools).

The Rasa server process itself starts in bot/rasa_server.py (`python -m bot.rasa_server`), the
web app in bot/web/__main__.py (`python -m bot.web`).
"""
