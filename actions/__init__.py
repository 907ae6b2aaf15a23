"""Rasa custom actions: thin glue between the dialogue and the bot package. No import-time side
effects: the action server imports every module here."""
