"""Duration categories (ACP 2017), pain bands (Serlin 1995) and the pathway step."""

from __future__ import annotations

import pytest

from bot.triage import Case, DurationCategory, PainBand, Region, duration_category, pain_band
from bot.triage import pathway_step as step_of


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, DurationCategory.ACUTE),
        (27, DurationCategory.ACUTE),
        (28, DurationCategory.SUBACUTE),
        (84, DurationCategory.SUBACUTE),
        (85, DurationCategory.CHRONIC),
        (3650, DurationCategory.CHRONIC),
        (None, DurationCategory.UNKNOWN),
    ],
)
def test_duration_category_boundaries(days: int | None, expected: DurationCategory) -> None:
    assert duration_category(days) is expected


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (0, PainBand.NONE),
        (1, PainBand.MILD),
        (4, PainBand.MILD),
        (5, PainBand.MODERATE),
        (6, PainBand.MODERATE),
        (7, PainBand.SEVERE),
        (10, PainBand.SEVERE),
        (None, PainBand.UNKNOWN),
    ],
)
def test_pain_band(score: int | None, expected: PainBand) -> None:
    assert pain_band(score) is expected


@pytest.mark.parametrize(
    ("days", "tried", "expected"),
    [
        (10, {}, 1),
        (27, {}, 1),
        (28, {}, 2),
        (84, {}, 2),
        (85, {}, 3),
        (None, {}, 1),
        (10, {"heat": 1}, 2),  # self-care tried: supervised care next
        (10, {"physical_therapy": 2}, 3),
        (200, {"physical_therapy": 2}, 3),
        (200, {"epidural_steroid_injection": 4}, 5),
        (200, {"discectomy": 5}, 5),  # the pathway ends at step 5
    ],
)
def test_pathway_step_moves_on_with_duration_and_treatments_tried(
    days: int | None, tried: dict[str, int], expected: int
) -> None:
    assert step_of(Case(Region.LOWER_BACK, duration_days=days, treatments_tried=tried)) == expected
