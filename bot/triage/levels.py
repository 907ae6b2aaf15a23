"""The six triage levels of the triage contract, most urgent first (CLINICAL.md §0.2)."""

from __future__ import annotations

from enum import Enum


class Level(str, Enum):
    """A triage disposition; the value is the stable name used in payloads and analytics."""

    CALL_EMERGENCY = "call_emergency"  # L1
    EMERGENCY_DEPARTMENT = "emergency_department"  # L2
    DOCTOR_TODAY = "doctor_today"  # L3
    DOCTOR_SOON = "doctor_soon"  # L4
    ROUTINE_APPOINTMENT = "routine_appointment"  # L5
    SELF_CARE = "self_care"  # L6

    @property
    def rank(self) -> int:
        """1 for the most urgent level (L1) to 6 for self-care (L6)."""
        return list(Level).index(self) + 1

    @property
    def is_urgent(self) -> bool:
        """Levels that interrupt the conversation: no routine advice is given (L1-L3)."""
        return self.rank <= 3

    def more_urgent_than(self, other: Level) -> bool:
        """True if this level is strictly more urgent than `other`."""
        return self.rank < other.rank


def most_urgent(levels: list[Level]) -> Level:
    """The most urgent of some levels; self-care when there are none."""
    return min(levels, key=lambda level: level.rank, default=Level.SELF_CARE)
