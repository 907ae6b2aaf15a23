"""The treatment table, seeded from content/treatments.yml on SQLite and on real PostgreSQL."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml
from sqlalchemy.orm import Session

from bot import settings
from bot.clinic import Clinic, ConfigError, load_clinic
from bot.db.content import load_treatments
from bot.db.queries import all_treatments, get_treatment, pathway_steps, treatments_for
from bot.db.seed import seed_treatments
from bot.triage import Region

# Every treatment row of CLINICAL.md §5, in the order written there.
CLINICAL_SECTION_5 = [
    "advice_stay_active", "heat", "ice", "exercise", "posture_ergonomics", "physical_therapy",
    "manual_therapy", "acupuncture", "psychological_therapy", "nsaids", "paracetamol",
    "prescription_medicines", "epidural_steroid_injection", "facet_joint_injection",
    "medial_branch_block", "radiofrequency_ablation", "prolotherapy", "neural_prolotherapy", "prp",
    "regenerative_injection", "discectomy", "spinal_fusion", "cervical_myelopathy_surgery",
]  # fmt: skip


def seed(session: Session, clinic: Clinic | None = None):  # type: ignore[no-untyped-def]
    entries = load_treatments(settings.treatments_file())
    session.commit()  # end the transaction an earlier read began, so seeding gets its own
    with session.begin():
        return seed_treatments(session, entries, clinic or load_clinic())


def test_seed_inserts_every_treatment_of_clinical_section_5(session: Session) -> None:
    report = seed(session)
    assert report.inserted == len(CLINICAL_SECTION_5)
    assert [t.key for t in all_treatments(session)] == CLINICAL_SECTION_5


def test_seeding_twice_changes_nothing(session: Session) -> None:
    seed(session)
    before = all_treatments(session)
    report = seed(session)
    assert (report.inserted, report.updated, report.removed) == (0, 0, 0)
    assert report.unchanged == len(CLINICAL_SECTION_5)
    session.expire_all()
    assert all_treatments(session) == before


def test_seed_updates_a_changed_row_and_removes_a_dropped_one(
    session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seed(session)
    raw = yaml.safe_load(settings.treatments_file().read_text())
    raw["treatments"] = [t for t in raw["treatments"] if t["key"] != "ice"]
    raw["treatments"][0]["name"] = "Advice, reassurance and staying active"
    edited = tmp_path / "treatments.yml"
    edited.write_text(yaml.safe_dump(raw))
    monkeypatch.setenv("SPINEBOT_TREATMENTS_FILE", str(edited))
    report = seed(session)
    assert (report.updated, report.removed) == (len(CLINICAL_SECTION_5) - 2, 1)
    # Positions after the removed row shift by one, so those rows count as updated too.
    session.expire_all()
    assert get_treatment(session, "ice") is None
    advice = get_treatment(session, "advice_stay_active")
    assert advice is not None and advice.name == "Advice, reassurance and staying active"


def test_clinic_configuration_decides_what_is_offered(session: Session) -> None:
    clinic = dataclasses.replace(load_clinic(), offers=frozenset({"prp"}))
    seed(session, clinic)
    assert get_treatment(session, "prp").offered  # type: ignore[union-attr]
    assert not get_treatment(session, "prolotherapy").offered  # type: ignore[union-attr]
    report = seed(session, load_clinic())
    assert report.updated > 0  # changing the configuration updates the rows


def test_clinic_offering_an_unknown_treatment_is_refused(session: Session) -> None:
    clinic = dataclasses.replace(load_clinic(), offers=frozenset({"laser_cure"}))
    with pytest.raises(ConfigError, match="laser_cure"):
        seed(session, clinic)


def test_procedures_are_marked_consultation_only(session: Session) -> None:
    seed(session)
    procedures = {t.key for t in all_treatments(session) if t.procedure}
    assert procedures == set(CLINICAL_SECTION_5[12:])
    assert all(t.step_min is not None and t.step_min >= 4 for t in all_treatments(session)
               if t.procedure)  # fmt: skip


def test_every_treatment_has_a_neutral_description_and_a_sourced_evidence_statement(
    session: Session,
) -> None:
    seed(session)
    for treatment in all_treatments(session):
        assert len(treatment.description) > 20
        assert len(treatment.evidence) > 40
        text = f"{treatment.description} {treatment.evidence}".lower()
        for promise in ("cure", "guarantee", "proven to", "fda-approved", "fda approved"):
            assert promise not in text, (treatment.key, promise)


def test_regenerative_injections_never_imply_approval(session: Session) -> None:
    seed(session)
    evidence = get_treatment(session, "regenerative_injection").evidence  # type: ignore[union-attr]
    assert "has not approved" in evidence


def test_step_one_for_low_back_is_conservative_self_care(session: Session) -> None:
    seed(session)
    keys = [t.key for t in treatments_for(session, 1, Region.LOWER_BACK, procedures=False)]
    assert keys[:3] == ["advice_stay_active", "heat", "exercise"]
    assert "posture_ergonomics" in keys
    assert "physical_therapy" not in keys
    assert "ice" not in keys and "acupuncture" not in keys  # no guideline support / conflict
    assert "prescription_medicines" not in keys  # a prescriber's decision, never self-care


def test_step_four_procedures_depend_on_region(session: Session) -> None:
    seed(session)
    back = {t.key for t in treatments_for(session, 4, Region.LOWER_BACK, procedures=True)}
    neck = {t.key for t in treatments_for(session, 4, Region.NECK, procedures=True)}
    assert "prolotherapy" in back and "prolotherapy" not in neck
    assert "epidural_steroid_injection" in back & neck
    surgery_neck = {t.key for t in treatments_for(session, 5, Region.NECK, procedures=True)}
    assert surgery_neck == {"cervical_myelopathy_surgery"}


def test_pathway_steps_map_every_key(session: Session) -> None:
    seed(session)
    steps = pathway_steps(session)
    assert steps["heat"] == 1 and steps["physical_therapy"] == 2 and steps["discectomy"] == 5
    assert steps["acupuncture"] == 1  # off the pathway: trying it says the person is past step 1
    assert steps["prescription_medicines"] == 1  # never suggested; trying it counts as step 1
