"""Everything that plugs into Rasa or changes it, written against Rasa 3.6.21.

- patches.py: every change to Rasa's own code (three speed fixes, two that make failures
  visible), each a named `Patch` naming the Rasa function it replaces and why; applied only by
  `install()`, which `python -m bot.rasa_server` calls before Rasa's command line runs;
- channels/: the input channels credentials.yml names: the checked REST channel (rest.py), the
  chat widget's socket.io channel (socketio.py) and the guard both wrap Rasa's message handler
  in (guard.py: safe guidance when anything fails; refuses to start without the patches);
- tracker_store.py: `CachedSQLTrackerStore`, Rasa's SQL tracker store keeping recent
  conversations in memory (endpoints.yml's `tracker_store`);
- lock_store.py: `RedisTicketLockStore`, a Redis lock store with atomic tickets for several Rasa
  servers (endpoints.yml's `lock_store` when $REDIS_URL is set).

Importing any of these changes nothing in Rasa; tests/rasa_ext/test_patch_shapes.py fails if a
Rasa upgrade changes anything they replace or override.
"""
