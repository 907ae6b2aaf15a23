"""Durations in days: "3 weeks", "a fortnight", "since March", "since last Tuesday", "for years".

Conventions (DESIGN.md's language contract): a week is 7 days, a month 30, a year 365; vague
plurals mean a couple ("for months" = 60, "for years" = 730); a range takes its upper end and
"more than N" adds a day, so that a duration is never read as shorter than the person said.
Dates are counted back from `today`, which callers inject (tests pin it).
"""

from __future__ import annotations

import re
from calendar import monthrange
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from bot.language.numbers import NUMBER_PATTERN, round_half_up, to_number

# No one has had pain for longer than a lifetime; bigger numbers are typing slips, not days
# (the same cap as bot/triage/parse.py), and stop "999...9 days" overflowing.
MAX_DAYS = 365 * 100
UNIT_DAYS: dict[str, float] = {}
for _names, _days in (
    ("hour hours hr hrs h", 1 / 24),
    ("day days dys dy d night nights", 1),
    ("week weeks wk wks weeek weeks' w", 7),
    ("fortnight fortnights", 14),
    ("month months mo mos mth mths mnth mnths monthes", 30),
    ("year years yr yrs y yeras", 365),
    ("decade decades", 3650),
):
    for _name in _names.split():
        UNIT_DAYS[_name] = _days

_UNIT = "|".join(sorted((re.escape(u) for u in UNIT_DAYS), key=len, reverse=True))
_N = NUMBER_PATTERN
_MORE = r"(?P<more>more\s+than|over|longer\s+than|upwards\s+of|just\s+over|past)\s+"
_RANGE_SEP = r"\s*(?:-|–|to|or|/)\s*"

# "3 weeks", "3-4 weeks", "two or three months", "3wks", "a week and a half", "2.5 years".
QUANTITY = re.compile(
    rf"\b(?:{_MORE})?(?P<n>{_N})(?:{_RANGE_SEP}(?P<n2>{_N}))?\s*(?P<unit>{_UNIT})\b"
    rf"(?P<half>\s+and\s+a\s+half)?(?!\s*(?:old|of\s+age)\b)",
    re.IGNORECASE,
)
# "one and a half weeks", "2 and a half months".
AND_A_HALF = re.compile(
    rf"\b(?:{_MORE})?(?P<n>{_N})\s+and\s+a\s+half\s+(?P<unit>{_UNIT})\b", re.IGNORECASE
)
# Bare units: "a week" is covered by QUANTITY; these are "for weeks", "for years", "months now".
VAGUE = re.compile(
    r"\b(?:for|been|over\s+the\s+(?:last|past))\s+(?:many\s+)?(?P<unit>days|weeks|months|years|decades)\b",
    re.IGNORECASE,
)
VAGUE_DAYS = {"days": 2, "weeks": 14, "months": 60, "years": 730, "decades": 7300}
# Clinical shorthand: 3/7 = 3 days, 2/52 = 2 weeks, 3/12 = 3 months.
SHORTHAND = re.compile(r"(?<![\d/])(?P<n>\d{1,2})/(?P<d>7|52|12)(?![\d/])")
SHORTHAND_DAYS = {"7": 1, "52": 7, "12": 30}
TODAYISH = re.compile(
    r"(?<!for )(?<!all )\b(?P<word>today|this\s+morning|this\s+afternoon|this\s+evening|tonight|"
    r"the\s+day\s+before\s+yesterday|yesterday|last\s+night|overnight)\b",
    re.IGNORECASE,
)
TODAYISH_DAYS = {"the day before yesterday": 2, "yesterday": 1, "last night": 1, "overnight": 1}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = (
    r"mon(?:day)?|tue(?:s|sday)?|wed(?:nesday)?|thu(?:rs|rsday)?|fri(?:day)?|sat(?:urday)?"
    r"|sun(?:day)?"
)
WEEKDAY = re.compile(
    rf"\b(?P<lead>since|on|from|started|start|began|begun|last)\s+(?:last\s+|this\s+past\s+)?"
    rf"(?P<day>{_WEEKDAY})\b",
    re.IGNORECASE,
)
LAST_PERIOD = re.compile(
    r"\b(?:since|from|started|began|start|in)\s+(?:last|the\s+last|the\s+past)\s+"
    r"(?P<unit>week|weekend|month|year)\b|\blast\s+(?P<unit2>week|weekend|month|year)\b",
    re.IGNORECASE,
)
MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH = (
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
)
# "since March", "in June", "since the accident in June", "since 3 March", "since March 2024".
MONTH = re.compile(
    rf"\b(?P<lead>since|in|from|started|began|start|back\s+in|around|during|early|mid|late|end\s+of)"
    rf"\s+(?:(?:the\s+)?(?P<dom>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?)?(?P<month>{_MONTH})\b"
    rf"(?:\s+(?P<dom2>\d{{1,2}})(?:st|nd|rd|th)?\b)?(?:\s+(?P<year>(?:19|20)\d\d)\b)?"
    rf"(?P<last>\s+last\s+year)?",
    re.IGNORECASE,
)
# "since the accident in June": a short gap of words between "since" and the month.
SINCE_EVENT_IN_MONTH = re.compile(
    rf"\bsince\s+(?:the|my|a|an)\s+\w+(?:\s+\w+)?\s+(?:in|on|at\s+the\s+(?:start|end)\s+of)\s+"
    rf"(?P<month>{_MONTH})\b(?:\s+(?P<year>(?:19|20)\d\d)\b)?",
    re.IGNORECASE,
)
# "since the start of the month", "since the beginning of October", "since the start of the year".
START_OF = re.compile(
    rf"\b(?:since|from)\s+the\s+(?:start|beginning)\s+of\s+(?:the\s+|this\s+)?"
    rf"(?P<what>month|year|{_MONTH})\b",
    re.IGNORECASE,
)
# "for the past week", "over the last fortnight", "the last month".
PAST_PERIOD = re.compile(
    r"\b(?:for\s+|over\s+|in\s+)?the\s+(?:past|last)\s+(?P<unit>week|fortnight|month|year)\b",
    re.IGNORECASE,
)
YEAR = re.compile(r"\b(?:since|in|from|back\s+in)\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
HOLIDAYS = re.compile(
    r"\b(?:since|over|after|before|at)\s+(?:the\s+)?(?P<name>christmas|xmas|new\s+year|new\s+year's|"
    r"summer|spring|autumn|winter|fall|halloween|bonfire\s+night|guy\s+fawkes\s+night|boxing\s+day|"
    r"valentine'?s\s+day)\b",
    re.IGNORECASE,
)
HOLIDAY_DATES = {  # (month, day) each holiday or season starts
    "christmas": (12, 25),
    "xmas": (12, 25),
    "new year": (1, 1),
    "new year's": (1, 1),
    "spring": (3, 1),
    "summer": (6, 1),
    "autumn": (9, 1),
    "fall": (9, 1),
    "winter": (12, 1),
    "halloween": (10, 31),
    "bonfire night": (11, 5),
    "guy fawkes night": (11, 5),
    "boxing day": (12, 26),
    "valentine's day": (2, 14),
    "valentines day": (2, 14),
}
# Thanksgiving (US): the fourth Thursday of November, computed per year.
THANKSGIVING = re.compile(r"\b(?:since|over|after|before|at)\s+thanksgiving\b", re.IGNORECASE)
# "all week", "all this month": as long as the period.
ALL_PERIOD = re.compile(r"\ball\s+(?:this\s+|last\s+)?(?P<unit>week|month|year)\b", re.IGNORECASE)
# "20 minutes ago", "a few minutes ago": today. (Minutes are no unit otherwise: "stiff for 45
# minutes after I get up" is not how long the pain has lasted.)
MINUTES_AGO = re.compile(
    rf"\b(?:{_N}|a\s+few|a\s+couple\s+of)\s+(?:minutes?|mins?)\s+ago\b", re.IGNORECASE
)


EASTER = re.compile(r"\b(?:since|over|after|at)\s+easter\b", re.IGNORECASE)


def _easter(year: int) -> date:
    """Western Easter Sunday (the anonymous Gregorian computus)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    leap = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * leap) // 433
    month = (h + leap - 7 * m + 90) // 25
    return date(year, month, (h + leap - 7 * m + 33 * month + 19) % 32)


@dataclass(frozen=True)
class Duration:
    """A duration found in a text: its character span `start`-`end` and its length in `days`
    (0 for today)."""

    start: int
    end: int
    days: int


def _month_number(text: str) -> int:
    prefix = text.lower()[:3]
    return next(i for i, name in enumerate(MONTHS, 1) if name.startswith(prefix))


def _most_recent(today: date, month: int, day: int = 1, year: int | None = None) -> date:
    """The most recent date on or before today with this month and day (or in `year`)."""

    def on(y: int) -> date:
        return date(y, month, max(1, min(day, monthrange(y, month)[1])))  # "March 0" is the 1st

    if year is not None:
        return on(year)
    candidate = on(today.year)
    return candidate if candidate <= today else on(today.year - 1)


def _spelled_without_space(text: str, match: re.Match[str]) -> bool:
    """'ah' is not 'a' + 'h' (an hour): a number in words needs a space before its unit."""
    number_end = match.end("n2") if match.groupdict().get("n2") else match.end("n")
    return text[number_end - 1].isalpha() and number_end == match.start("unit")


def _quantity(match: re.Match[str]) -> int:
    unit = UNIT_DAYS[match["unit"].lower()]
    amount = to_number(match["n"])
    if match.groupdict().get("n2"):
        amount = max(amount, to_number(match["n2"]))
    if match.groupdict().get("half"):
        amount += 0.5
    days = amount * unit
    if amount == 0.5 and unit == 365:
        days = 180  # "half a year" is six months
    return round_half_up(min(days, MAX_DAYS)) + (1 if match.groupdict().get("more") else 0)


# "I'm 45 yrs", "aged 60 years": an age, not how long the pain has lasted.
_AGE_BEFORE = re.compile(r"\b(?:i'?m|i’m|i\s+am|aged?|age\s+of)\s*$", re.IGNORECASE)


def _an_age(text: str, m: re.Match[str]) -> bool:
    return UNIT_DAYS[m["unit"].lower()] == 365 and bool(_AGE_BEFORE.search(text[: m.start()]))


# "8 weeks pregnant", "30 weeks gone", "pregnant, 30 weeks", "I'm 20 weeks" in a message about
# a pregnancy: how far along a pregnancy is (CLINICAL.md §7B's weeks_pregnant), not how long the
# pain has lasted.
_GESTATION_AFTER = re.compile(
    r"^\s*(?:pregnant|preggers|gone|along|preg\b|pg\b|of\s+pregnancy|gestation|"
    r"into\s+(?:my|the|this)\s+pregnancy)",
    re.IGNORECASE,
)
_GESTATION_BEFORE = re.compile(
    r"\bpregnan\w*\s*[,:;-]?\s*(?:at|about|around|nearly|almost|and|now)?\s*$", re.IGNORECASE
)
_I_AM_BEFORE = re.compile(
    r"\b(?:i'?m|i’m|i\s+am)\s+(?:about|around|nearly|almost|only|just|now)?\s*$", re.IGNORECASE
)
_PREGNANCY_WORDS = re.compile(r"\b(?:pregnan\w*|bump|midwife|trimester)\b", re.IGNORECASE)
_NOT_GESTATION_AFTER = re.compile(r"^\s*(?:ago|into|of|with|since|now|in)\b", re.IGNORECASE)


def _a_gestation(text: str, m: re.Match[str]) -> bool:
    if UNIT_DAYS[m["unit"].lower()] not in (7, 30):
        return False
    before, after = text[: m.start()], text[m.end() :]
    if _GESTATION_AFTER.search(after) or _GESTATION_BEFORE.search(before):
        return True
    return (
        bool(_I_AM_BEFORE.search(before))
        and bool(_PREGNANCY_WORDS.search(text))
        and not _NOT_GESTATION_AFTER.search(after)
    )


def _find(text: str, today: date) -> Iterator[Duration]:
    for m in AND_A_HALF.finditer(text):
        amount = to_number(m["n"]) + 0.5
        days = round_half_up(min(amount * UNIT_DAYS[m["unit"].lower()], MAX_DAYS))
        yield Duration(m.start(), m.end(), days + (1 if m["more"] else 0))
    for m in QUANTITY.finditer(text):
        if (
            not _spelled_without_space(text, m)
            and not _an_age(text, m)
            and not _a_gestation(text, m)
        ):
            yield Duration(m.start(), m.end(), _quantity(m))
    for m in VAGUE.finditer(text):
        yield Duration(m.start("unit"), m.end(), VAGUE_DAYS[m["unit"].lower()])
    for m in SHORTHAND.finditer(text):
        yield Duration(m.start(), m.end(), int(m["n"]) * SHORTHAND_DAYS[m["d"]])
    for m in TODAYISH.finditer(text):
        word = " ".join(m["word"].lower().split())
        yield Duration(m.start(), m.end(), TODAYISH_DAYS.get(word, 0))
    for m in WEEKDAY.finditer(text):
        weekday = next(i for i, d in enumerate(WEEKDAYS) if d.startswith(m["day"].lower()[:3]))
        back = (today.weekday() - weekday) % 7 or 7
        yield Duration(m.start(), m.end(), back)
    for m in LAST_PERIOD.finditer(text):
        unit = (m["unit"] or m["unit2"]).lower()
        if unit == "weekend":
            back = (today.weekday() - 5) % 7 or 7  # the most recent Saturday before today
        else:
            back = {"week": 7, "month": 30, "year": 365}[unit]
        yield Duration(m.start(), m.end(), back)
    for m in MONTH.finditer(text):
        if m["month"].lower() == "may" and m["lead"].lower() not in ("since", "in", "back in"):
            continue  # "may" is usually the verb
        year = int(m["year"]) if m["year"] else (today.year - 1 if m["last"] else None)
        day = int(m["dom"] or m["dom2"] or 1)
        start = _most_recent(today, _month_number(m["month"]), day, year)
        yield Duration(m.start(), m.end(), max(0, (today - start).days))
    for m in SINCE_EVENT_IN_MONTH.finditer(text):
        year = int(m["year"]) if m["year"] else None
        start = _most_recent(today, _month_number(m["month"]), 1, year)
        yield Duration(m.start(), m.end(), max(0, (today - start).days))
    for m in START_OF.finditer(text):
        what = m["what"].lower()
        if what == "month":
            start = today.replace(day=1)
        elif what == "year":
            start = today.replace(month=1, day=1)
        else:
            start = _most_recent(today, _month_number(what))
        yield Duration(m.start(), m.end(), (today - start).days)
    for m in PAST_PERIOD.finditer(text):
        yield Duration(m.start(), m.end(), int(UNIT_DAYS[m["unit"].lower()]))
    for m in EASTER.finditer(text):
        easter = _easter(today.year)
        easter = easter if easter <= today else _easter(today.year - 1)
        yield Duration(m.start(), m.end(), (today - easter).days)
    for m in YEAR.finditer(text):
        start = date(int(m["year"]), 1, 1)
        if start <= today:
            yield Duration(m.start(), m.end(), (today - start).days)
    for m in HOLIDAYS.finditer(text):
        month, day = HOLIDAY_DATES[" ".join(m["name"].lower().split())]
        yield Duration(m.start(), m.end(), max(1, (today - _most_recent(today, month, day)).days))
    for m in THANKSGIVING.finditer(text):
        held = _thanksgiving(today.year)
        held = held if held <= today else _thanksgiving(today.year - 1)
        yield Duration(m.start(), m.end(), max(1, (today - held).days))
    for m in ALL_PERIOD.finditer(text):
        yield Duration(m.start(), m.end(), {"week": 7, "month": 30, "year": 365}[m["unit"].lower()])
    for m in MINUTES_AGO.finditer(text):
        yield Duration(m.start(), m.end(), 0)


def _thanksgiving(year: int) -> date:
    """The fourth Thursday of November (US Thanksgiving)."""
    first = date(year, 11, 1)
    return first + timedelta(days=(3 - first.weekday()) % 7 + 21)


def find_durations(text: str, today: date | None = None) -> list[Duration]:
    """Every duration in the text, in text order; where two overlap, the longer match is kept.

    `today` (default: the real date) is the date "since March" or "last Tuesday" counts back
    from. Conventions in the module docstring (a month is 30 days, a range its upper end).
    """
    today = today or date.today()
    found = sorted(_find(text, today), key=lambda d: (d.start, -(d.end - d.start)))
    kept: list[Duration] = []
    for duration in found:
        if kept and duration.start < kept[-1].end:
            if duration.end - duration.start > kept[-1].end - kept[-1].start:
                kept[-1] = duration
            continue
        kept.append(duration)
    return kept


# Item 4 of issue 15: past episodes and other events are not the current pain's duration.
FREQUENCY_BEFORE = re.compile(r"\b(?:times|twice|once)\s+$", re.IGNORECASE)  # "four times a week"
HISTORY_EVENT = re.compile(
    r"\b(?:smok\w*|surgery|operation|op|lymphoma|cancer|chemo\w*|remission|diagnosed|"
    r"gave\s+birth|had\s+(?:a|my)\s+baby|married|retired|moved)\b",
    re.IGNORECASE,
)
PAIN_WORDS = re.compile(
    r"\b(?:pain\w*|ach\w*|hurt\w*|sore|stiff\w*|sciatica|flare\w*|started|began|begun)\b",
    re.IGNORECASE,
)
RESTART = re.compile(r"\b(?:until|till|til|now|but|then|again)\b", re.IGNORECASE)
SENTENCE_END = re.compile(r"[.!?;]")
# "a flare two years ago, this one started ten days ago": the clause that says "this one" wins.
CURRENT_EPISODE = re.compile(
    r"\b(?:this\s+(?:one|time|episode|flare|bout|attack|round)|the\s+current\s+one|currently)\b",
    re.IGNORECASE,
)
CLAUSE_END = re.compile(r"[.;!?,]|\bbut\b", re.IGNORECASE)
NEAR = 40  # characters: how close an event word must stand to a duration to own it


def _clause(text: str, found: Duration) -> str:
    """The comma- or sentence-bounded stretch of text around a duration."""
    starts = [m.end() for m in CLAUSE_END.finditer(text, 0, found.start)]
    end = CLAUSE_END.search(text, found.end)
    return text[starts[-1] if starts else 0 : end.start() if end else len(text)]


def _of_another_event(text: str, found: Duration) -> bool:
    """True when an event word stands just before the duration with no restart word between
    ("I had lymphoma 8 years ago", "smoked for 40 years", "surgery ... in 2020"), or just after
    it ("8 years ago I had surgery"), and the words between name no pain."""
    before = text[max(0, found.start - NEAR) : found.start]
    events = list(HISTORY_EVENT.finditer(before))
    if events:
        between = before[events[-1].end() :]
        crossed = (
            RESTART.search(between) or PAIN_WORDS.search(between) or SENTENCE_END.search(between)
        )
        if not crossed:
            return True
    after = text[found.end : found.end + NEAR // 2]
    event = HISTORY_EVENT.search(after)
    if event is None:
        return False
    lead = after[: event.start()]
    return not PAIN_WORDS.search(lead) and not SENTENCE_END.search(lead)


def current_episode(text: str, found: list[Duration]) -> list[Duration]:
    """The durations that can be how long the current pain has lasted.

    A frequency ("four times a week") never is. Where one clause says "this one" or "this time"
    ("a flare two years ago, this one started ten days ago"), its duration is the current
    episode's. When others remain: a duration owned by another
    event ("I had lymphoma 8 years ago", "smoked for 40 years", "surgery in 2020 and fine until
    last week": `_of_another_event`) is that event's; and a same-day duration (value 0: "today",
    "an hour") told beside a longer one is when something happened or how long it lasted ("wet
    myself twice today ... back pain since Monday", "stiff for an hour in the morning").
    """
    found = [d for d in found if not FREQUENCY_BEFORE.search(text[: d.start])]
    if len(found) < 2:
        return found
    rest = [d for d in found if not _of_another_event(text, d)] or found
    rest = [d for d in rest if CURRENT_EPISODE.search(_clause(text, d))] or rest
    if any(d.days > 0 for d in rest):
        rest = [d for d in rest if d.days > 0]
    return rest


def days_since(text: str, today: date) -> int | None:
    """The first duration in the text, in days counted back from `today`, or None."""
    found = find_durations(text, today)
    return found[0].days if found else None
