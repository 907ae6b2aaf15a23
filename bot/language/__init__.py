"""Language understanding: the spaCy rule pipeline that extracts and normalises entities, and its
Rasa NLU component. Public surface: `extract(text, today=...)`.

`extract` is imported on first use, not with the package: the pipeline loads spaCy (and through
it TensorFlow, about 400 MB), which the action server's modules that only read answers
(`answers.py`, `choices.py`) never need (docs/BENCHMARKS.md, action server memory).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.language.pipeline import extract

__all__ = ["extract"]


def __getattr__(name: str) -> Any:
    """The package's lazily imported names (PEP 562); AttributeError for any other."""
    if name == "extract":
        from bot.language.pipeline import extract

        return extract
    raise AttributeError(f"module 'bot.language' has no attribute {name!r}")
