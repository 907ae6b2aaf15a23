"""The machine-readable triage payload every outcome carries (DESIGN.md, triage contract)."""

from __future__ import annotations

from typing import Any

from bot.triage import Assessment


def triage_payload(assessment: Assessment) -> dict[str, Any]:
    """`{"triage": {"level": ..., "reasons": [...], "disclaimer": true}}` plus what a widget or
    test needs to style it: whether it interrupts, and the rules that fired."""
    return {
        "triage": {
            "level": assessment.level.value,
            "reasons": [str(reason) for reason in assessment.reasons],
            "rules": [reason.rule for reason in assessment.reasons],
            "interrupt": assessment.interrupt,
            "disclaimer": True,
        }
    }
