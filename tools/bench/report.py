"""The benchmark's figures as Markdown: the tables, the ratios against the comparators and the
issue's targets, written between markers in docs/BENCHMARKS.md so the hand-written findings
around them stay. Cross-validation figures are slow to make, so they live in their own marked
block with their date and are reused until `python -m tools.bench --cross-validate` renews them.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from tools.bench.results import CrossValidation, Results, SetupResult
from tools.bench.stats import ratio

MB = 1024 * 1024
RESULTS_BEGIN, RESULTS_END = "<!-- bench:results:begin -->", "<!-- bench:results:end -->"
CV_BEGIN, CV_END = "<!-- bench:cv:begin -->", "<!-- bench:cv:end -->"
CV_DATA = re.compile(r"<!-- bench:cv:data (\{.*?\}) -->", re.S)

# The targets (issue 7).
P95_FRACTION = 1 / 3  # SpineBot's p95 at most a third of comparator (a)'s
THROUGHPUT_FACTOR = 3.0  # at concurrency 8, at least three times (a)'s turns per second
F1_MARGIN = 0.01  # cross-validation intent F1 at most 0.01 below (a)'s
RSS_LIMIT_MB = 600.0  # Rasa server
TRAIN_LIMIT_S = 90.0  # cold `rasa train`
THROUGHPUT_LEVEL = 8


@dataclass(frozen=True)
class Target:
    name: str
    measured: str
    required: str
    met: bool | None  # None: not measured in this run


def _fmt(value: float, digits: int = 1) -> str:
    if math.isnan(value):
        return "n/a"
    if math.isinf(value):
        return "∞"
    return f"{value:.{digits}f}"


def targets(results: Results) -> list[Target]:
    ours = results.setups.get("spinebot")
    default = results.setups.get("default")
    found: list[Target] = []
    if ours and default:
        for ours_level in ours.levels:
            theirs = default.level(ours_level.concurrency)
            if theirs is None:
                continue
            share = ratio(ours_level.p95_ms, theirs.p95_ms)
            found.append(
                Target(
                    f"p95 turn latency at concurrency {ours_level.concurrency}, ours / (a)",
                    f"{ours_level.p95_ms:.0f} / {theirs.p95_ms:.0f} ms = {_fmt(share, 2)}",
                    f"≤ {P95_FRACTION:.2f}",
                    share <= P95_FRACTION,
                )
            )
        ours8, theirs8 = ours.level(THROUGHPUT_LEVEL), default.level(THROUGHPUT_LEVEL)
        if ours8 and theirs8:
            factor = ratio(ours8.turns_per_s, theirs8.turns_per_s)
            found.append(
                Target(
                    f"turns per second at concurrency {THROUGHPUT_LEVEL}, ours / (a)",
                    f"{_fmt(ours8.turns_per_s)} / {_fmt(theirs8.turns_per_s)} = {_fmt(factor, 2)}",
                    f"≥ {THROUGHPUT_FACTOR:.0f}",
                    factor >= THROUGHPUT_FACTOR,
                )
            )
    cv = results.cross_validation
    if cv and "spinebot" in cv.f1 and "default" in cv.f1:
        gap = cv.f1["default"] - cv.f1["spinebot"]
        found.append(
            Target(
                f"CV intent macro-F1, ours vs (a) ({cv.folds} folds, {cv.date})",
                f"{cv.f1['spinebot']:.3f} vs {cv.f1['default']:.3f}",
                f"ours ≥ (a) − {F1_MARGIN}",
                gap <= F1_MARGIN,
            )
        )
    else:
        found.append(
            Target("CV intent macro-F1, ours vs (a)", "not measured", f"≥ (a) − {F1_MARGIN}", None)
        )
    if ours:
        rss = ours.rss_peak.get("rasa", 0) / MB
        found.append(
            Target(
                "Rasa server RSS (peak under load)",
                f"{rss:.0f} MB",
                f"≤ {RSS_LIMIT_MB:.0f} MB",
                rss <= RSS_LIMIT_MB,
            )
        )
        found.append(
            Target(
                "cold `rasa train`",
                f"{ours.train_seconds:.0f} s",
                f"≤ {TRAIN_LIMIT_S:.0f} s",
                ours.train_seconds <= TRAIN_LIMIT_S,
            )
        )
    return found


def _verdict(met: bool | None) -> str:
    return {True: "met", False: "**missed**", None: "not measured"}[met]


def _mb(setup: SetupResult, role: str, which: str = "peak") -> str:
    values = setup.rss_peak if which == "peak" else setup.rss_idle
    return f"{values[role] / MB:.0f}" if values.get(role) else "–"


def markdown(results: Results) -> str:
    """The generated results section (without its markers)."""
    r = results
    lines = [
        f"## Results of the last run ({r.date})",
        "",
        f"Machine: {r.machine.describe()}.",
        "",
        f"Command: `{r.command}` ({r.repetitions} repetition(s) per concurrency level; "
        f"{r.conversations} conversations per repetition, or as many as the concurrency if "
        f"more; at most {r.time_limit_s:.0f} s per repetition; whole run "
        f"{r.seconds / 60:.1f} min).",
    ]
    if r.quick:
        lines += ["", "**Quick smoke run: figures are not comparable (comparators trained for "
                  "one epoch, one repetition).**"]  # fmt: skip
    lines += [
        "",
        "### Per-turn latency and throughput over REST (median of the repetitions)",
        "",
        "| setup | concurrency | turns | p50 ms | p95 ms | p99 ms | turns/s |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for setup in r.setups.values():
        for level in setup.levels:
            lines.append(
                f"| {setup.title} | {level.concurrency} | {level.turns} | {_fmt(level.p50_ms, 0)} "
                f"| {_fmt(level.p95_ms, 0)} | {_fmt(level.p99_ms, 0)} | {_fmt(level.turns_per_s)} |"
            )
    lines += [
        "",
        "### Training, memory, NLU",
        "",
        "| setup | cold train s | Rasa server RSS MB (idle / peak) | action server RSS MB "
        "(idle / peak) | NLU parses/s (p95 ms) | reached the expected triage level |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for s in r.setups.values():
        reached = f"{s.reached}/{s.expected}" if s.expected else "–"
        nlu = (
            f"{s.nlu['parses_per_s']:.0f} ({s.nlu['p95_ms']:.1f})"
            if s.nlu.get("parses_per_s")
            else "–"
        )
        rasa = f"{_mb(s, 'rasa', 'idle')} / {_mb(s, 'rasa')}"
        actions = f"{_mb(s, 'actions', 'idle')} / {_mb(s, 'actions')}"
        lines.append(
            f"| {s.title} | {s.train_seconds:.0f} ({s.train_how}) | {rasa} | {actions} "
            f"| {nlu} | {reached} |"
        )
    errors = {k: s.errors for k, s in r.setups.items() if s.errors or s.time_limited}
    for key, found in errors.items():
        limited = " (time limit reached)" if r.setups[key].time_limited else ""
        lines.append(f"\n{key}: {len(found)} failed conversations{limited}: {found[:3]}")
    lines += ["", "### Ratios", "", "| figure | ours / (a) | ours / (a') | ours / (b) |",
              "|---|---:|---:|---:|"]  # fmt: skip
    ours = r.setups.get("spinebot")
    for concurrency in r.concurrency:
        for figure, name in (("p95_ms", "p95 latency"), ("turns_per_s", "turns per second")):
            cells = []
            for key in ("default", "default-ours", "starter"):
                other = r.setups.get(key)
                mine = ours.level(concurrency) if ours else None
                theirs = other.level(concurrency) if other else None
                cells.append(
                    _fmt(ratio(getattr(mine, figure), getattr(theirs, figure)), 2)
                    if mine and theirs
                    else "–"
                )
            lines.append(f"| {name}, concurrency {concurrency} | {' | '.join(cells)} |")
    lines += ["", "### The issue's targets", "", "| target | measured | required | verdict |",
              "|---|---|---|---|"]  # fmt: skip
    for target in targets(r):
        lines.append(
            f"| {target.name} | {target.measured} | {target.required} | {_verdict(target.met)} |"
        )
    if r.scaleout is not None:
        lines += ["", *scaleout_markdown(r)]
    return "\n".join(lines) + "\n"


def scaleout_markdown(r: Results) -> list[str]:
    s = r.scaleout
    assert s is not None
    verdict = "**passed**" if s.ok else "**FAILED**"
    spread = ", ".join(f"{address}: {count}" for address, count in sorted(s.upstreams.items()))
    lines = [
        f"### {s.instances} Rasa servers and {s.instances} action servers behind nginx",
        "",
        f"PostgreSQL tracker store, Redis lock store, nginx round robin; {s.conversations} "
        f"conversations ({s.messages} messages, each ending with a double send) at concurrency "
        f"{s.concurrency}: p50 {_fmt(s.p50_ms, 0)} ms, p95 {_fmt(s.p95_ms, 0)} ms, "
        f"{_fmt(s.turns_per_s)} turns/s. REST requests per Rasa server: {spread or 'not logged'}.",
        "",
        f"Tracker consistency check (every user message exactly once, in order, each followed "
        f"by exactly the replies the client got, none interleaved): {verdict}"
        f" — {s.conversations - len(s.problems)} of {s.conversations} conversations consistent.",
    ]
    for sender, problems in list(s.problems.items())[:5]:
        lines.append(f"- {sender}: {'; '.join(problems[:3])}")
    if s.errors:
        lines.append(f"- {len(s.errors)} conversations failed: {s.errors[:3]}")
    return lines


def cv_markdown(cv: CrossValidation, titles: dict[str, str]) -> str:
    data = json.dumps(asdict(cv), sort_keys=True)
    lines = [
        f"## NLU cross-validation (cached; run {cv.date})",
        "",
        f"`python -m tools.bench --cross-validate`: {cv.folds}-fold stratified cross-validation "
        "of the intent classifier on data/nlu.yml (seed 42, tools/nlu/evaluate.py), for "
        f"config.yml and for rasa init's default config. Machine: {cv.machine}.",
        "",
        "| config | intent macro-F1 | time s |",
        "|---|---:|---:|",
    ]
    for key, f1 in cv.f1.items():
        lines.append(f"| {titles.get(key, key)} | {f1:.3f} | {cv.seconds.get(key, 0):.0f} |")
    lines += ["", f"<!-- bench:cv:data {data} -->"]
    return "\n".join(lines) + "\n"


def cached_cv(doc: Path) -> CrossValidation | None:
    """The cross-validation figures stored in the document, if any."""
    if not doc.exists():
        return None
    found = CV_DATA.search(doc.read_text(encoding="utf-8"))
    if not found:
        return None
    raw = json.loads(found.group(1))
    return CrossValidation(**raw)


SKELETON = f"""# Benchmarks

{RESULTS_BEGIN}
{RESULTS_END}

{CV_BEGIN}
{CV_END}
"""


def replace_block(text: str, begin: str, end: str, body: str) -> str:
    """`text` with everything between the markers replaced by `body` (markers kept)."""
    if begin not in text or end not in text:
        text = text.rstrip("\n") + f"\n\n{begin}\n{end}\n"
    head, rest = text.split(begin, 1)
    _, tail = rest.split(end, 1)
    return f"{head}{begin}\n{body}{end}{tail}"


def write_doc(doc: Path, results_body: str | None = None, cv_body: str | None = None) -> None:
    text = doc.read_text(encoding="utf-8") if doc.exists() else SKELETON
    if results_body is not None:
        text = replace_block(text, RESULTS_BEGIN, RESULTS_END, results_body)
    if cv_body is not None:
        text = replace_block(text, CV_BEGIN, CV_END, cv_body)
    doc.write_text(text, encoding="utf-8")
