"""Advice from the treatment table for an assessed case."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.care import CarePlan, care_plan
from bot.db.queries import pathway_steps
from bot.db.seed import ensure_seeded
from bot.triage import Case, Flag, Level, Radiation, Region, triage


@pytest.fixture
def seeded(engine: Engine) -> Iterator[Session]:
    ensure_seeded(engine)
    with Session(engine, future=True) as session:
        yield session


def plan(session: Session, region: Region = Region.LOWER_BACK, **kwargs: object) -> CarePlan:
    steps = pathway_steps(session)
    tried = {key: steps[key] for key in kwargs.pop("tried", [])}  # type: ignore[attr-defined]
    case = Case(region, screening_complete=True, treatments_tried=tried, **kwargs)  # type: ignore[arg-type]
    return care_plan(session, case, triage(case))


def keys(treatments: object) -> list[str]:
    return [t.key for t in treatments]  # type: ignore[attr-defined]


def test_acute_self_care_recommends_conservative_care_and_no_procedures(seeded: Session) -> None:
    result = plan(seeded, duration_days=5, pain_score=4, age=30)
    assert keys(result.recommendations)[:2] == ["advice_stay_active", "heat"]
    assert "posture_ergonomics" in keys(result.recommendations)
    assert result.consultation_topics == ()


@pytest.mark.parametrize(
    ("days", "tried"), [(5, []), (40, []), (200, []), (200, ["physical_therapy"])]
)
def test_prescription_medicines_are_never_advice_to_try(
    seeded: Session, days: int, tried: list[str]
) -> None:
    """A prescriber decides on them (CLINICAL.md §5): explained when asked, never recommended."""
    result = plan(seeded, duration_days=days, age=30, tried=tried)
    assert result.recommendations  # conservative advice is still given at every step
    assert "prescription_medicines" not in keys(result.recommendations)
    assert "prescription_medicines" not in keys(result.consultation_topics)
    assert "nsaids" in keys(result.recommendations)  # over the counter, with a pharmacist's word


def test_a_few_days_of_codeine_do_not_by_themselves_call_for_a_consultation(
    seeded: Session,
) -> None:
    tried = {"prescription_medicines": pathway_steps(seeded)["prescription_medicines"]}
    case = Case(Region.LOWER_BACK, 5, 4, 30, screening_complete=True, treatments_tried=tried)
    assert triage(case).level is Level.SELF_CARE
    assert plan(seeded, duration_days=5, age=30, tried=[*tried]).consultation_topics == ()


def test_red_flag_gets_no_routine_advice(seeded: Session) -> None:
    result = plan(seeded, duration_days=5, red_flags=frozenset({Flag.SADDLE_NUMBNESS}))
    assert result == CarePlan()


def test_subacute_moves_to_supervised_care(seeded: Session) -> None:
    result = keys(plan(seeded, duration_days=40, age=30).recommendations)
    assert "physical_therapy" in result and "heat" not in result


def test_chronic_after_physical_therapy_offers_procedures_only_as_consultation_topics(
    seeded: Session,
) -> None:
    result = plan(seeded, duration_days=200, age=30, tried=["physical_therapy"])
    assert "physical_therapy" not in keys(result.recommendations)
    assert "advice_stay_active" in keys(result.recommendations)  # holds at every step
    assert "psychological_therapy" in keys(result.recommendations)
    topics = keys(result.consultation_topics)
    assert "epidural_steroid_injection" in topics
    assert "prolotherapy" not in topics  # not offered by this clinic (clinic.yml)
    assert not set(topics) & set(keys(result.recommendations))


def test_after_a_procedure_surgery_becomes_a_consultation_topic(seeded: Session) -> None:
    result = plan(seeded, duration_days=200, age=30, tried=["epidural_steroid_injection"])
    topics = keys(result.consultation_topics)
    assert "discectomy" in topics and "epidural_steroid_injection" not in topics


def test_neck_surgery_topic_is_the_neck_one(seeded: Session) -> None:
    result = plan(seeded, Region.NECK, duration_days=200, age=30, tried=["prp"])
    topics = keys(result.consultation_topics)
    assert "cervical_myelopathy_surgery" in topics and "discectomy" not in topics


def test_severe_sciatica_suggests_a_consultation_about_injections(seeded: Session) -> None:
    result = plan(seeded, duration_days=10, age=30, pain_score=7, radiation=Radiation.LEG)
    assert "epidural_steroid_injection" in keys(result.consultation_topics)
