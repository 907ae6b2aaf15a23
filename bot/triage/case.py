"""What the engine knows about one person: a frozen case, and the facts rules read."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.triage.flags import (
    CAUDA_EQUINA,
    NEUROLOGICAL,
    TRAUMA,
    Flag,
    Radiation,
    Region,
    with_implied,
)


@dataclass(frozen=True)
class Case:
    """One person's answers so far.

    `duration_days` is how long the current pain has lasted, in days; `pain_score` is 0-10 on the
    numeric rating scale (CLINICAL.md §3.4); `age` is in years; None means not known. `radiation`
    is where pain, numbness or tingling spreads to, if anywhere. `red_flags` were answered yes (or
    volunteered), `unsure` were answered "not sure", and `answered` holds every screening question
    asked so far, whatever the answer. `screening_complete` is True once the dialogue has asked
    every question it will. `treatments_tried` maps each treatment key to its pathway step (1-5,
    CLINICAL.md §2.2) in the treatment table.
    """

    region: Region
    duration_days: int | None = None
    pain_score: int | None = None
    age: int | None = None
    radiation: Radiation | None = None
    red_flags: frozenset[Flag] = frozenset()
    unsure: frozenset[Flag] = frozenset()
    answered: frozenset[Flag] = frozenset()
    screening_complete: bool = False
    treatments_tried: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Facts:
    """A case seen the way the rules read it: a "not sure" counts as a yes (under-triage is the
    failure that matters most), pain down both legs counts as the bilateral-leg CES item, and a
    sign answers the question above it (`flags.IMPLIES`: "it burns when I pee" is a urinary
    symptom, reduced fetal movements mean pregnant now)."""

    case: Case
    flags: frozenset[Flag]

    @classmethod
    def of(cls, case: Case) -> Facts:
        """The facts of a case: yes and "not sure" answers, with what they imply."""
        flags = set(with_implied(case.red_flags | case.unsure))
        if case.radiation is Radiation.BOTH_LEGS:
            flags.add(Flag.BILATERAL_LEG_SYMPTOMS)
        return cls(case=case, flags=frozenset(flags))

    def has(self, *flags: Flag) -> bool:
        """True if any of the flags is present."""
        return any(flag in self.flags for flag in flags)

    def said_yes(self, flag: Flag) -> bool:
        """True only for a plain yes: for the one key whose yes can keep a level lower
        (previous kidney stones, NS-1), "not sure" must count as no."""
        return flag in self.case.red_flags

    def denied(self, flag: Flag) -> bool:
        """True if the question was answered and the answer was no."""
        return flag in self.case.answered and flag not in self.flags

    @property
    def neck(self) -> bool:
        """True for neck pain (the CLINICAL.md §1B rows)."""
        return self.case.region.is_neck

    @property
    def back(self) -> bool:
        """True for back pain in any part of the back (the CLINICAL.md §1A rows)."""
        return not self.case.region.is_neck

    @property
    def neurological(self) -> bool:
        """True if any nerve symptom is present (`flags.NEUROLOGICAL`)."""
        return bool(self.flags & NEUROLOGICAL)

    @property
    def cauda_equina(self) -> bool:
        """True if any cauda equina item of CLINICAL.md LB-1 is present (`flags.CAUDA_EQUINA`)."""
        return bool(self.flags & CAUDA_EQUINA)

    @property
    def trauma(self) -> bool:
        """True after a major or a minor injury (LB-3, NK-2)."""
        return bool(self.flags & TRAUMA)

    def age_at_least(self, years: int) -> bool:
        """True if the age is known and at least `years`; an unknown age is False."""
        return self.case.age is not None and self.case.age >= years

    def days_at_least(self, days: int) -> bool:
        """True if the duration is known and at least `days` days; an unknown one is False."""
        return self.case.duration_days is not None and self.case.duration_days >= days

    def pain_at_least(self, score: int) -> bool:
        """True if the 0-10 pain score is known and at least `score`; an unknown one is False."""
        return self.case.pain_score is not None and self.case.pain_score >= score

    @property
    def highest_step_tried(self) -> int:
        """The highest pathway step (1-5) among the treatments tried; 0 when none was tried."""
        return max(self.case.treatments_tried.values(), default=0)
