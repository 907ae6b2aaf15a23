"""Rasa input channels configured for SpineBot (named in credentials.yml).

- rest.py: `CheckedRestInput`, Rasa's REST channel with its input checked;
- socketio.py: `WidgetSocketIO`, the socket.io channel the chat widget talks to;
- guard.py: `guarded()`, the wrapper both give Rasa's message handler, so a failure ends the
  replies with safe guidance.
"""
