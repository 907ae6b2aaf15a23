"""The walk's results as text: a table of states (answers sent, violations, warnings, most
replies in a turn, seconds), violations by invariant, and the first violations in detail."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from tools.fuzz.invariants import INVARIANTS, VIOLATION, WARNING, Finding
from tools.fuzz.walker import Record, StateResult, WalkResult

SHOWN_VIOLATIONS = 30


@dataclass(frozen=True)
class Row:
    name: str
    answers: int
    violations: int
    failing: int  # answers with at least one violation
    warnings: int
    max_replies: int
    seconds: float


def _count(records: Iterable[Record], severity: str) -> int:
    return sum(1 for r in records for f in r.findings if f.severity == severity)


def row(result: StateResult) -> Row:
    records = result.records
    return Row(
        result.state,
        sum(1 for r in records if r.is_answer),
        _count(records, VIOLATION),
        sum(1 for r in records if any(f.severity == VIOLATION for f in r.findings)),
        _count(records, WARNING),
        max((r.max_replies for r in records), default=0),
        result.seconds,
    )


def total(rows: Sequence[Row], seconds: float) -> Row:
    return Row(
        "total",
        sum(r.answers for r in rows),
        sum(r.violations for r in rows),
        sum(r.failing for r in rows),
        sum(r.warnings for r in rows),
        max((r.max_replies for r in rows), default=0),
        seconds,
    )


def violations(walk: WalkResult) -> list[tuple[Record, Finding]]:
    return [
        (record, finding)
        for state in walk.states
        for record in state.records
        for finding in record.findings
        if finding.severity == VIOLATION
    ]


def as_json(walk: WalkResult) -> list[dict[str, Any]]:
    """Every conversation with findings: ``[{"state", "category", "text", "max_replies",
    "findings": [{"invariant", "severity", "detail", "excerpt"}]}]``."""
    return [
        {
            "state": record.state,
            "category": record.category,
            "text": record.text,
            "max_replies": record.max_replies,
            "findings": [asdict(finding) for finding in record.findings],
        }
        for state in walk.states
        for record in state.records
        if record.findings
    ]


def first_violations(walk: WalkResult, limit: int) -> list[tuple[Record, Finding]]:
    """Up to `limit` violations: the first of each state in walk order, then the second of
    each, and so on, so that one broken state does not hide the others."""
    queues = [
        [(r, f) for r in state.records for f in r.findings if f.severity == VIOLATION]
        for state in walk.states
    ]
    listed: list[tuple[Record, Finding]] = []
    for depth in range(max((len(q) for q in queues), default=0)):
        listed += [queue[depth] for queue in queues if depth < len(queue)]
        if len(listed) >= limit:
            break
    return listed[:limit]


def by_invariant(walk: WalkResult) -> dict[str, Counter[str]]:
    """state -> invariant -> number of violations."""
    table: dict[str, Counter[str]] = {}
    for state in walk.states:
        counts: Counter[str] = Counter()
        for record in state.records:
            counts.update(f.invariant for f in record.findings if f.severity == VIOLATION)
        table[state.state] = counts
    return table


def render(walk: WalkResult, shown: int = SHOWN_VIOLATIONS) -> str:
    rows = [row(state) for state in walk.states]
    width = max([len(r.name) for r in rows] + [len("total")])
    head = f"{'state':<{width}}  answers  violations  (answers)  warnings  max replies  seconds"
    lines = [head, "-" * len(head)]
    for r in [*rows, total(rows, walk.seconds)]:
        if r.name == "total":
            lines.append("-" * len(head))
        lines.append(
            f"{r.name:<{width}}  {r.answers:>7}  {r.violations:>10}  {r.failing:>9}  "
            f"{r.warnings:>8}  {r.max_replies:>11}  {r.seconds:>7.1f}"
        )
    lines += ["", _invariant_table(walk, width), ""]
    rate = walk.turns / walk.seconds if walk.seconds else 0.0
    lines.append(f"{walk.turns} messages sent in {walk.seconds:.0f} s ({rate:.1f} per second)")
    found = violations(walk)
    if found:
        listed = first_violations(walk, shown)
        lines += ["", f"{len(listed)} of {len(found)} violations, taking each state in turn:"]
        lines += [_describe(record, finding) for record, finding in listed]
    warnings = [
        (r, f) for s in walk.states for r in s.records for f in r.findings if f.severity == WARNING
    ]
    if warnings:
        lines += ["", f"{len(warnings)} warnings (stored values the fuzzer cannot judge):"]
        lines += [_describe(record, finding) for record, finding in warnings[:shown]]
    return "\n".join(lines)


def _invariant_table(walk: WalkResult, width: int) -> str:
    label = "violations by invariant"
    width = max(width, len(label))
    numbers = [name.split(" ", 1)[0] for name in INVARIANTS]
    head = f"{label:<{width}}  " + "  ".join(f"{n:>4}" for n in numbers)
    lines = [head, "-" * len(head)]
    sums: Counter[str] = Counter()
    for state, counts in by_invariant(walk).items():
        sums.update(counts)
        lines.append(_counts(state, counts, width))
    lines.append(_counts("total", sums, width))
    lines.append("  ".join(f"{name.replace(' ', '=', 1)}" for name in INVARIANTS))
    return "\n".join(lines)


def _counts(name: str, counts: Counter[str], width: int) -> str:
    return f"{name:<{width}}  " + "  ".join(f"{counts[i]:>4}" for i in INVARIANTS)


def _describe(record: Record, finding: Finding) -> str:
    text = " ".join(record.text.split())
    text = text if len(text) <= 50 else text[:49] + "…"
    line = (
        f"- {record.state} | {record.category} | {text!r} | {finding.invariant}: {finding.detail}"
    )
    return f"{line}\n    bot: {finding.excerpt}" if finding.excerpt else line
