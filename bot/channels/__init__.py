"""Rasa input channels configured for SpineBot (named in credentials.yml)."""
