"""docs/BENCHMARKS.md as the benchmark writes it: the issue's targets judged from the measured
figures, and the generated blocks replaced without touching the hand-written findings."""

from __future__ import annotations

from pathlib import Path

from tools.bench import report
from tools.bench.results import CrossValidation, Machine, Results, SetupResult
from tools.bench.stats import Level

MB = 1024 * 1024
MACHINE = Machine("Test CPU", 2, 24.0, "Debian", "3.10.13", "3.6.21", "3.6.2")


def _setup(key: str, p95: float, turns_per_s: float, rss_mb: float, train: float) -> SetupResult:
    levels = [Level(c, 3, 100, p95 / 2, p95, p95 * 1.5, turns_per_s) for c in (1, 8)]
    return SetupResult(key, key, train, "rasa train", levels, {"rasa": int(rss_mb * MB)},
                       {"rasa": int(rss_mb * MB)}, {}, 5, 5)  # fmt: skip


def _results(ours: SetupResult, cv: CrossValidation | None = None) -> Results:
    default = _setup("default", p95=300, turns_per_s=10, rss_mb=900, train=200)
    return Results("2026-11-21 12:00", MACHINE, "python -m tools.bench", False, 3, 20, [1, 8],
                   180, {"spinebot": ours, "default": default}, None, cv)  # fmt: skip


def _verdicts(results: Results) -> dict[str, bool | None]:
    return {target.name: target.met for target in report.targets(results)}


def test_targets_met() -> None:
    cv = CrossValidation("2026-11-21", 5, {"spinebot": 0.745, "default": 0.75}, {}, "m")
    verdicts = _verdicts(_results(_setup("spinebot", 90, 31, 500, 60), cv))
    assert set(verdicts.values()) == {True}
    assert len(verdicts) == 6  # p95 at 1 and 8, throughput at 8, F1, memory, training


def test_each_target_missed_on_its_own_figure() -> None:
    cv = CrossValidation("2026-11-21", 5, {"spinebot": 0.73, "default": 0.75}, {}, "m")
    verdicts = _verdicts(_results(_setup("spinebot", 110, 29, 601, 91), cv))
    assert set(verdicts.values()) == {False}


def test_an_unmeasured_cross_validation_is_said_to_be_so() -> None:
    verdicts = _verdicts(_results(_setup("spinebot", 90, 31, 500, 60)))
    assert verdicts["CV intent macro-F1, ours vs (a)"] is None
    assert "not measured" in report.markdown(_results(_setup("spinebot", 90, 31, 500, 60)))


def test_writing_the_figures_keeps_the_hand_written_findings(tmp_path: Path) -> None:
    doc = tmp_path / "BENCHMARKS.md"
    report.write_doc(doc, results_body="first run\n")
    doc.write_text(doc.read_text() + "\n## Where the time goes\n\nProfiled by hand.\n")
    report.write_doc(doc, results_body="second run\n")
    text = doc.read_text()
    assert "second run" in text and "first run" not in text
    assert "Profiled by hand." in text


def test_cross_validation_figures_are_kept_for_later_runs(tmp_path: Path) -> None:
    doc = tmp_path / "BENCHMARKS.md"
    cv = CrossValidation("2026-11-21", 5, {"spinebot": 0.745, "default": 0.7}, {"spinebot": 9.0,
                         "default": 900.0}, "Test CPU")  # fmt: skip
    report.write_doc(doc, cv_body=report.cv_markdown(cv, {}))
    report.write_doc(doc, results_body="a run\n")
    assert report.cached_cv(doc) == cv
    assert report.cached_cv(tmp_path / "missing.md") is None
