"""Language understanding: the spaCy rule pipeline that extracts and normalises entities, and its
Rasa NLU component. Public surface: `extract(text, today=...)`."""

from bot.language.pipeline import extract

__all__ = ["extract"]
