"""Read the answer to a "Which of these?" follow-up (CLINICAL.md §8.3 A2): typed or a button.

The follow-up shows a group's items as a numbered list and as buttons, plus "Not sure which" and
"None of these after all". In the widget the person taps; in `rasa shell` or over plain REST they
type "1 and 3", "the bladder one", "not sure which" or "none". `read_choice` turns either into a
`Choice`, or None when the text is not an answer (the dialogue then asks again with help).

Pure functions on plain strings: no I/O, no Rasa.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

NOT_SURE_WHICH = "not_sure_which"
NONE_AFTER_ALL = "none_after_all"


@dataclass(frozen=True)
class Choice:
    """An answer to "Which of these?".

    `chosen` and `unsure` are disjoint sets of item keys. An item in `unsure` was named with
    "not sure", "maybe" and the like; it is present-but-unsure and never a "no". `unsure` can be
    non-empty while `chosen` is empty ("maybe 3"). At most one of the three kinds of answer is
    given: items (chosen and/or unsure), `not_sure_which`, or `none_after_all`.
    """

    chosen: frozenset[str]
    not_sure_which: bool = False
    none_after_all: bool = False
    unsure: frozenset[str] = field(default_factory=frozenset)


# Words a person uses for each red flag (keys are bot.triage.flags.Flag values). Regex fragments,
# matched whole-word on lower-cased text; the longest match wins, so "both legs" beats "both"
# and "numb genitals" beats "numb".
SYNONYMS: dict[str, tuple[str, ...]] = {
    "chest_pain": (r"chest", r"heart", r"breath\w*", r"short\s+of\s+breath", r"angina",
                   r"sweaty", r"tight(?:ness)?", r"pressure"),
    "tearing_pain": (r"tear(?:s|ing)?", r"torn", r"rip(?:s|ping|ped)?", r"dissect\w*"),
    "fainting": (r"faint\w*", r"pass(?:ed|ing)?\s+out", r"black(?:ed|ing)?\s+out", r"blackouts?",
                 r"collaps\w*", r"clammy", r"keel(?:ed)?\s+over", r"light[\s-]?headed\w*"),
    "aortic_aneurysm": (r"aort\w*", r"aneurysms?", r"aaa", r"(?:puls\w*|throbb\w*)\s+lump",
                        r"lump", r"artery"),
    "stroke_symptoms": (r"strokes?", r"droop\w*", r"slurr?\w*", r"double\s+vision", r"dizz\w*",
                        r"speech", r"face"),
    "sudden_severe_headache": (r"head\s*aches?", r"head", r"thunderclap", r"migraines?"),
    "saddle_numbness": (r"saddle", r"bottom", r"bum", r"butt", r"backside", r"groin", r"crotch",
                        r"perine\w*", r"wip(?:e|es|ing|ed)", r"numb(?:ness|ed|ing)?",
                        r"between\s+(?:my\s+|your\s+|the\s+)?legs"),
    "bladder_dysfunction": (r"bladder", r"pee(?:s|d|ing)?", r"wee(?:s|d|ing)?", r"urin\w*",
                            r"piss\w*", r"wees?", r"water\s*works", r"leak\w*"),
    "bowel_dysfunction": (r"bowels?", r"poo(?:s|p|ps|ping|ed)?", r"stools?", r"f(?:a|ae)ec\w*",
                          r"wind", r"fart\w*", r"soil\w*", r"constipat\w*"),
    "sexual_dysfunction": (r"sex\w*", r"genitals?", r"erect\w*", r"ejaculat\w*", r"penis",
                           r"vagina\w*", r"privates", r"private\s+parts?", r"impoten\w*",
                           r"libido",
                           r"numb(?:ness|ed|ing)?\s+(?:in\s+)?(?:my\s+|your\s+|the\s+)?(?:genitals?|privates"
                           r"|private\s+parts?|penis|vagina)"),
    "bilateral_leg_symptoms": (r"both\s+(?:of\s+)?(?:my\s+|your\s+|the\s+)?legs", r"legs?",
                               r"both\s+sides", r"sciatica",
                               r"(?:numb(?:ness|ed|ing)?|tingl\w*)\s+(?:in\s+|down\s+)?(?:both\s+)?"
                               r"(?:my\s+|your\s+)?legs"),
    "progressive_weakness": (r"weak\w*", r"getting\s+weaker"),
    "foot_drop": (r"foot", r"feet", r"toes?", r"drag\w*", r"slap\w*", r"drop\s+foot"),
    "unable_to_walk": (r"(?:can'?t|cannot|can\s+not|unable\s+to)\s+(?:walk|stand)",
                       r"hospital", r"get\s+there"),
    "gait_disturbance": (r"walk\w*", r"balance", r"gait", r"unsteady", r"wobbl\w*",
                         r"stumbl\w*"),
    "hand_clumsiness": (r"clums\w*", r"hands?", r"buttons?", r"dropp\w*",
                        r"drop(?:s|ped)?\s+things", r"writing", r"phone", r"grip"),
    "major_trauma": (r"accidents?", r"crash\w*", r"falls?", r"fell", r"fallen", r"falling",
                     r"collisions?", r"blow", r"injur\w*", r"trauma", r"car", r"div(?:e|ing)",
                     r"(?:serious|big|bad)\s+(?:accident|fall|crash)"),
    "minor_trauma": (r"slip\w*", r"knock\w*", r"jolt\w*", r"trip(?:ped)?",
                     r"(?:small|smaller|little|minor)\s+(?:fall|accident|bump)"),
    "limb_numbness": (r"numb(?:ness|ed|ing)?", r"tingl\w*", r"pins\s+and\s+needles"),
    "limb_weakness": (r"weak\w*",),
    "lhermitte": (r"electric\w*", r"shocks?", r"zap\w*", r"lhermitte", r"buzz\w*",
                  r"bend(?:ing)?\s+(?:my\s+|your\s+)?head"),
    "both_hands_numb": (r"both\s+(?:of\s+)?(?:my\s+|your\s+)?hands", r"numb(?:ness|ed|ing)?",
                        r"tingl\w*", r"(?:numb|tingly)\s+hands", r"pins\s+and\s+needles"),
    "bruising": (r"bruis\w*", r"graze\w*", r"grazing", r"scrap(?:e|es|ed)"),
    "osteoporosis_or_steroids": (r"steroids?", r"osteopor\w*", r"(?:thin|brittle|weak)\s+bones?",
                                 r"bones?", r"prednis\w*"),
    "fever": (r"fevers?", r"feverish", r"temperature", r"temp", r"shiver\w*",
              r"sweat(?:s|ing)?", r"chills?", r"rigou?rs?", r"hot\s+and\s+cold"),
    "confusion_or_rash": (r"confus\w*", r"rash\w*", r"drows\w*", r"sleepy", r"spots"),
    "very_unwell": (r"unwell", r"ill", r"poorly", r"very\s+sick"),
    "meningism": (r"stiff\w*", r"chin", r"light", r"photophob\w*", r"mening\w*"),
    "iv_drug_use": (r"drugs?", r"inject\w*", r"needles?", r"heroin", r"iv"),
    "immunosuppression": (r"immun\w*", r"chemo\w*", r"hiv", r"transplant\w*",
                          r"weak\s+immune(?:\s+system)?"),
    "cancer_history": (r"cancers?", r"tumou?rs?", r"lymphoma", r"leuka?emia", r"carcinoma",
                       r"oncolog\w*", r"radiotherapy"),
    "weight_loss": (r"weight", r"thinner", r"(?:lost|losing)\s+weight"),
    "night_pain": (r"nights?", r"sleep\w*", r"wak(?:e|es|ing)", r"woke", r"awake", r"bed"),
    "inflammatory_pattern": (r"mornings?", r"morning\s+stiffness"),
    # CLINICAL.md §7B: pain that may not come from the spine.
    "abdominal_or_flank_pain": (r"tumm(?:y|ies)", r"stomach", r"belly", r"abdom\w*", r"sides?",
                                r"groin", r"flank", r"loin"),
    "urinary_symptoms": (r"cloudy", r"smell\w*", r"dark\s+pee", r"(?:pee|wee|urine)\s+changed",
                         r"peeing\s+changed"),
    "possible_pregnancy": (r"(?:could|might)\s+be\s+pregnant", r"chance", r"periods?",
                           r"late\s+period", r"pregnancy\s+test"),
    "known_pregnancy": (r"pregnant", r"pregnancy", r"expecting", r"(?:i'?m|i\s+am)\s+pregnant",
                        r"bump"),
    "lower_abdominal_pelvic_pain": (r"lower\s+(?:tummy|stomach|belly|abdomen)", r"pelvi\w*",
                                    r"low\s+down"),
    "one_sided_lower_abdominal_pain": (r"one\s+side(?:d)?", r"one[\s-]sided",
                                       r"(?:left|right)\s+side"),
    "vaginal_bleeding": (r"bleed\w*", r"bled", r"spotting", r"discharge", r"blood"),
    "heavy_bleeding_or_clots": (r"clots?", r"heavy(?:\s+bleeding)?", r"heavily"),
    "shoulder_tip_pain": (r"shoulder(?:\s+tip)?", r"tip(?:\s+of\s+(?:my\s+)?shoulder)?"),
    "sudden_severe_abdominal_pain": (r"sudden(?:ly)?", r"severe", r"intense", r"sharp",
                                     r"agony"),
    "contractions_or_rhythmic_back_pain": (r"contractions?", r"tighten\w*",
                                           r"comes?\s+and\s+goes?", r"rhythm\w*"),
    "fluid_leak_vaginal": (r"fluids?", r"waters?", r"gush\w*", r"trickl\w*", r"leak\w*"),
    "reduced_fetal_movements": (r"baby", r"movements?", r"moving", r"kick\w*"),
    "flank_pain_to_groin": (r"groin", r"testic\w*", r"balls", r"labia", r"spread\w*"),
    "colicky_cannot_settle": (r"waves?", r"comfortable", r"comfy", r"still", r"restless"),
    "pain_not_eased_by_painkillers": (r"pain\s*killers?", r"tablets", r"pills", r"meds",
                                      r"paracetamol", r"ibuprofen"),
    "vomiting_cannot_keep_fluids": (r"vomit\w*", r"sick", r"throw\w*\s+up", r"threw\s+up",
                                    r"drinks?", r"keep\s+(?:anything|drinks|fluids)\s+down"),
    "previous_kidney_stones": (r"stones?", r"kidney\s+stones?"),
    "upper_abdominal_pain_to_back": (r"top\s+of\s+(?:my\s+)?(?:tummy|stomach|belly)",
                                     r"upper\s+(?:tummy|stomach|belly|abdomen)", r"through"),
    "right_upper_pain_to_shoulder_blade": (r"ribs?", r"shoulder\s+blade", r"right"),
    "pain_after_eating": (r"eat\w*", r"ate", r"food", r"meals?", r"fatty"),
    "jaundice": (r"yellow\w*", r"jaundice\w*", r"pale"),
    "painful_urination": (r"burn\w*", r"sting\w*", r"hurts?\s+to\s+(?:pee|wee)"),
    "urinary_frequency_urgency": (r"often", r"frequen\w*", r"urgen\w*", r"more\s+often"),
    "blood_in_urine": (r"blood(?:\s+in\s+(?:my\s+)?(?:pee|wee|urine))?", r"pink", r"red"),
    "no_urine_today": (r"no\s+(?:pee|wee|urine)", r"not\s+peed", r"all\s+day"),
    "kidney_risk": (r"kidneys?", r"one\s+kidney", r"transplant\w*", r"dialysis"),
    "urinary_tract_risk": (r"diabet\w*", r"sugar", r"prostate"),
    "one_sided_band_pain": (r"band", r"strip", r"stripe", r"skin"),
    "shingles_rash": (r"rash(?:es)?", r"blisters?", r"shingles"),
    "rash_near_eye": (r"eyes?", r"vision", r"eyesight"),
    "seizure": (r"fits?", r"seizures?", r"convuls\w*"),
}  # fmt: skip

_ONE_TO_TEN = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")
NUMBER_WORDS: dict[str, int] = {word: number for number, word in enumerate(_ONE_TO_TEN, 1)}
ORDINALS: dict[str, int] = {
    "first": 1,
    "second": 2,
    "third": 3,
    "fourth": 4,
    "forth": 4,
    "fifth": 5,
    "sixth": 6,
    "seventh": 7,
    "eighth": 8,
    "ninth": 9,
    "tenth": 10,
}

# Words that carry no meaning for the choice ("I think it's the bladder one please").
_FILLER_WORDS = (
    "the a an that this those these them they one ones i i'm im i've ive i'd id it it's its is "
    "was are be been think guess reckon yes yeah yep yup ya aye ok okay please thanks thank "
    "you just only definitely def probably actually so well um umm uhm er erm hmm oh oops "
    "sorry wait of item items option options number num thing things stuff issue issues "
    "problem problems trouble with my about have has had got do does did apply applies say "
    "would choose pick go for as too really there on list in from above below #  which "
    "sure certain right correct same new bit little lot lots quite very some kind of "
    "having feel feeling felt"
)
FILLER = frozenset(_FILLER_WORDS.split())
# Words after a number that show it is a duration, a score or a count, not a list position.
_UNIT_WORDS = (
    "day days week weeks wk wks month months year years yr yrs hour hours hr hrs minute minutes "
    "min mins time times x % percent kg kilos lb lbs pounds stone st am pm o'clock yo old mg ml "
    "out"
)
UNITS = frozenset(_UNIT_WORDS.split())
# Words before a number that make it a duration or an age.
_TIME_WORDS = "for since aged age than over under past ago"
TIME_WORDS = frozenset(_TIME_WORDS.split())
# Words that make a bare number read as a pain score.
_SCORE_WORDS = "pain hurts hurt hurting score scale rate rating level ache sore"
SCORE_WORDS = frozenset(_SCORE_WORDS.split())
# Label words too general to pick an item by ("my back hurts" names no item).
_LABEL_STOP_WORDS = (
    "or and your you to at like such e g eg not it can't cant cannot have ever now since after "
    "before down up through back neck pain began begin start started starting something day "
    "days getting gets get worse whatever position keeps keep long time told any along while "
    "when into more less than nearly sudden suddenly severe what from by"
)
LABEL_STOP = FILLER | frozenset(_LABEL_STOP_WORDS.split())
# Unknown words allowed before a text is taken for a free-text message instead of an answer.
MAX_UNKNOWN = 5

_PHRASES: tuple[tuple[str, str], ...] = (
    # (kind, regex): the longest match wins; on a tie the earlier rule.
    ("not_sure_which", r"not\s+(?:really\s+|totally\s+|quite\s+|100%\s+)?(?:sure|certain)\s+"
     r"(?:of\s+)?which(?:\s+ones?)?|(?:i\s+)?(?:don'?t|do\s+not)\s+know\s+which(?:\s+ones?)?"
     r"|dunno\s+which(?:\s+ones?)?|(?:i\s+)?(?:can'?t|cannot|can\s+not|couldn'?t)\s+"
     r"(?:really\s+)?(?:tell|say|decide|remember)(?:\s+which(?:\s+ones?)?)?"
     r"|unsure\s+which(?:\s+ones?)?|no\s+idea\s+which(?:\s+ones?)?|hard\s+to\s+(?:say|tell)"),
    ("unsure", r"not\s+(?:really\s+|totally\s+|quite\s+|completely\s+|100%\s+)?(?:sure|certain)"
     r"(?:\s+(?:about|of|on|if|whether))?|unsure(?:\s+(?:about|of|on|if))?"
     r"|(?:i\s+)?(?:don'?t|do\s+not)\s+know(?:\s+(?:about|if))?|dunno(?:\s+about)?"
     r"|no\s+idea|maybe|perhaps|possibly|might(?:\s+be|\s+have)?|could\s+be|uncertain"),
    ("none", r"none(?:\s+of\s+(?:them|these|those|the\s+above|it|that))?"
     r"(?:\s+(?:after\s+all|really|actually))?|neither(?:\s+of\s+(?:them|these|those))?"
     r"|nothing(?:\s+(?:at\s+all|really))?|no|nope|nah|naw|not\s+at\s+all|not\s+really"
     r"|not\s+any(?:\s+of\s+(?:them|these|those))?|all\s+(?:good|fine|ok|okay)"
     r"|(?:i\s+)?(?:don'?t|do\s+not|haven'?t)\s+(?:have|got)\s+any(?:\s+of\s+(?:them|these|those))?"),
    ("neg", r"not|except(?:\s+for)?|apart\s+from|other\s+than|but\s+not|excluding|without"
     r"|isn'?t|wasn'?t|aren'?t|nor"),
    ("none_but", r"none(?:\s+of\s+(?:them|these|those))?\s+(?:but|except(?:\s+for)?|apart\s+from"
     r"|other\s+than)|nothing\s+(?:but|except)|only"),
    ("all_but", r"(?:all|everything|every\s*one)(?:\s+of\s+(?:them|these|those))?\s+"
     r"(?:but|except(?:\s+for)?|apart\s+from|other\s+than|bar)"),
    ("all", r"all(?:\s+of\s+(?:them|these|those|it|the\s+above))?|all\s+(?:the\s+)?above"
     r"|every(?:thing|\s*one)(?:\s+on\s+the\s+list)?|each(?:\s+(?:one|of\s+them))?"
     r"|the\s+(?:whole\s+)?lot|all\s+(?:two|three|four|five|six|\d)(?:\s+of\s+them)?"),
    ("rest", r"(?:all\s+)?(?:of\s+)?the\s+(?:rest|others|other\s+ones?|remaining(?:\s+ones?)?)"
     r"|(?:the\s+)?rest(?:\s+of\s+them)?|others|everything\s+else"),
    ("both", r"both(?:\s+of\s+(?:them|these|those))?"),
    ("vague", r"(?:just\s+)?(?:one|some|a\s+few|a\s+couple|several|most|two|three|\d)\s+of\s+"
     r"(?:them|these|those|the\s+above)|some|a\s+few|a\s+couple|several"),
    ("first_n", r"(?:the\s+)?(?:first|top)\s+(?:two|three|four|2|3|4)"),
    ("last_n", r"(?:the\s+)?(?:last|bottom)\s+(?:two|three|four|2|3|4)"),
    ("second_last", r"(?:the\s+)?(?:second|2nd)(?:\s+to|\s+from)?\s+(?:the\s+)?last"
     r"|last\s+but\s+one|penultimate|next\s+to\s+last|one\s+before\s+(?:the\s+)?last"),
    ("last", r"last|final"),
    ("top", r"(?:the\s+)?top(?:\s+(?:one|item|option))?|(?:one\s+)?at\s+the\s+top"),
    ("bottom", r"(?:the\s+)?bottom\s+(?:one|item|option)|(?:one\s+)?at\s+the\s+bottom"),
    ("middle", r"middle"),
    ("ordinal", r"(?:" + "|".join(ORDINALS) + r")|\d+(?:st|nd|rd|th)"),
    ("range", r"\d+\s*(?:-|to|through|thru|until)\s*\d+"),
    ("number", r"\d+(?:\.\d+)?|" + "|".join(NUMBER_WORDS)),
    ("slash", r"/"),
    ("break", r"[,;.!?\n]|but|however|though|although|whereas|oh|wait|sorry|actually"),
    ("conn", r"and|or|plus|also|as\s+well(?:\s+as)?|then|n"),
    ("conn_symbol", r"&|\+"),
)  # fmt: skip
_SYMBOL_RULES = ("slash", "break", "conn_symbol")  # matched anywhere, not as whole words
_PHRASE_PATTERNS = tuple(
    (kind, re.compile(rx if kind in _SYMBOL_RULES else rf"(?<![\w'])(?:{rx})(?![\w'])"))
    for kind, rx in _PHRASES
)
_PRONOUN_ONE_AFTER = frozenset(
    {
        "the",
        "that",
        "this",
        "which",
        "each",
        "every",
        "any",
        "other",
        "no",
        "right",
        "correct",
        "same",
    }
)
_BREAK_WORDS = re.compile(r"[,;.!?\n]")
_SYNONYM_PATTERNS = {
    key: re.compile(rf"(?<![\w'])(?:{'|'.join(alts)})(?![\w'])") for key, alts in SYNONYMS.items()
}
_WORD = re.compile(r"[a-z0-9']+|[^\sa-z0-9']")
_PAYLOAD = re.compile(r"^/\w+\s*(\{.*\})\s*$", re.DOTALL)
_KEYS_ONLY = re.compile(r"^[a-z_]+(?:[\s,]+[a-z_]+)*$")
_LIST_NUMBER = re.compile(r"^\s*\d+\s*[.)]\s*")


@dataclass
class _Event:
    """One recognised piece of the text, in order."""

    kind: str
    start: int
    refs: frozenset[int] = frozenset()  # item positions, 0-based
    numeric: bool = False  # a number or position, which a following unit cancels
    word: str = ""


def read_choice(text: str, items: Sequence[tuple[str, str]]) -> Choice | None:
    """Read the answer to a "Which of these?" follow-up listing `items`.

    Args:
        text: what the person typed, or what a follow-up button sent (item keys separated by
            spaces or commas, `not_sure_which`, `none_after_all`, or a `/intent{...}` payload).
        items: the listed (key, label) pairs in the order shown; numbers count from 1.

    Returns:
        The choice, or None when the text does not answer the question.

    """
    keys = [key for key, _ in items]
    if not keys or not text or not text.strip():
        return None
    is_payload, payload = _read_payload(text, keys)
    if is_payload:
        return payload
    normal = _normalise(text)
    for index, (_, label) in enumerate(items):
        if _normalise(_LIST_NUMBER.sub("", label)).rstrip(".") == _LIST_NUMBER.sub(
            "", normal
        ).rstrip("."):
            return Choice(chosen=frozenset({keys[index]}))
    events = _events(normal, items)
    return _decide(events, keys)


def named_items(text: str, items: Sequence[tuple[str, str]]) -> frozenset[str]:
    """Return the keys of the listed items the text names, whether chosen, unsure or negated.

    For a partial denial typed at a group question: "no bladder trouble" names
    bladder_dysfunction, so it is "no" for that item only (CLINICAL.md §8.3 A8).
    """
    keys = [key for key, _ in items]
    if not keys or not text.strip():
        return frozenset()
    named: set[int] = set()
    for event in _resolved(_events(_normalise(text), items), len(keys)):
        if event.kind == "ref":
            named |= event.refs
    return frozenset(keys[i] for i in named)


def _normalise(text: str) -> str:
    """Lower-case the text, straighten quotes and squeeze spaces."""
    text = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    return " ".join(text.split())


def _read_payload(text: str, keys: list[str]) -> tuple[bool, Choice | None]:
    """Read what a button sends: (whether the text is a payload, its choice if it names any
    listed item or a special)."""
    raw = text.strip()
    match = _PAYLOAD.match(raw)
    if match:
        try:
            data = json.loads(match.group(1))
        except ValueError:
            return True, None
        value = data.get("screen_items") if isinstance(data, dict) else None
        if isinstance(value, list):
            value = " ".join(str(v) for v in value)
        if not isinstance(value, str):
            return True, None
        raw = value.strip()
    raw = raw.lower()
    if not _KEYS_ONLY.match(raw):
        return bool(match), None
    tokens = [t for t in re.split(r"[\s,]+", raw) if t]
    specials = {NOT_SURE_WHICH, NONE_AFTER_ALL}
    known = set(keys) | specials
    if not match and not all(t in known for t in tokens) and not all("_" in t for t in tokens):
        return False, None
    said = set(tokens)
    if said & specials:
        if said == {NOT_SURE_WHICH}:
            return True, Choice(chosen=frozenset(), not_sure_which=True)
        if said == {NONE_AFTER_ALL}:
            return True, Choice(chosen=frozenset(), none_after_all=True)
        return True, None
    chosen = frozenset(t for t in tokens if t in keys)
    return True, (Choice(chosen=chosen) if chosen else None)


def _label_words(items: Sequence[tuple[str, str]]) -> dict[str, frozenset[int]]:
    """Map each content-word stem of the labels and keys to the items whose label uses it."""
    index: dict[str, set[int]] = {}
    for position, (key, label) in enumerate(items):
        words = _WORD.findall(_normalise(label)) + key.split("_")
        for word in words:
            if word in LABEL_STOP or not word.isalpha() or len(word) < 3:
                continue
            index.setdefault(_stem(word), set()).add(position)
    return {stem: frozenset(where) for stem, where in index.items()}


def _stem(word: str) -> str:
    """Strip a common English ending so "peeing" meets "pee" and "numbness" meets "numb"."""
    word = word.removesuffix("'s")
    for suffix in ("ness", "ings", "ing", "ed", "ly", "es", "s", "y"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


def _events(text: str, items: Sequence[tuple[str, str]]) -> list[_Event]:
    """Split the text into recognised pieces: item words, numbers, positions and markers."""
    n = len(items)
    keys = [key for key, _ in items]
    candidates: list[tuple[int, int, int, list[_Event]]] = []  # start, end, rule order, events
    by_span: dict[tuple[int, int], set[int]] = {}
    for position, key in enumerate(keys):
        pattern = _SYNONYM_PATTERNS.get(key)
        if pattern is None:
            continue
        for match in pattern.finditer(text):
            by_span.setdefault(match.span(), set()).add(position)
    for (start, end), where in by_span.items():
        kind = "ref" if len(where) == 1 else "ambiguous"
        candidates.append((start, end, 0, [_Event(kind, start, frozenset(where))]))
    for order, (kind, pattern) in enumerate(_PHRASE_PATTERNS, 1):
        for match in pattern.finditer(text):
            events = _phrase_events(kind, match, n, keys)
            candidates.append((match.start(), match.end(), order, events))
    candidates.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen: list[_Event] = []
    for start, end, _, events in candidates:
        if any(start < t_end and t_start < end for t_start, t_end in taken):
            continue
        taken.append((start, end))
        chosen.extend(events)
    labels = _label_words(items)
    taken.sort()
    cursor = 0
    for start, end in [*taken, (len(text), len(text))]:
        for match in _WORD.finditer(text, cursor, start):
            chosen.append(_word_event(match.group(), match.start(), labels))
        cursor = max(cursor, end)
    chosen.sort(key=lambda e: e.start)
    return chosen


def _phrase_events(kind: str, match: re.Match[str], n: int, keys: list[str]) -> list[_Event]:
    """The events one matched phrase stands for."""
    start, said = match.start(), match.group()
    every = frozenset(range(n))

    def at(*positions: int) -> list[_Event]:
        return [_Event("ref", start, frozenset(p - 1 for p in positions), numeric=True)]

    digits = [int(d) for d in re.findall(r"\d+", said)]
    count = digits[0] if digits else next((v for w, v in NUMBER_WORDS.items() if w in said), 0)
    if kind == "all":
        return [_Event("ref", start, every)]
    if kind == "all_but":
        return [_Event("ref", start, every), _Event("neg", start)]
    if kind == "first_n":
        return at(*range(1, count + 1))
    if kind == "last_n":
        return at(*range(n - count + 1, n + 1))
    if kind == "second_last":
        return at(n - 1)
    if kind == "last":
        return at(n)
    if kind == "top":
        return at(1)
    if kind == "bottom":
        # "the bottom one" could also be the item about numbness around the bottom.
        return [_Event("ambiguous", start)] if "saddle_numbness" in keys else at(n)
    if kind == "middle":
        return at((n + 1) // 2) if n % 2 else [_Event("ambiguous", start)]
    if kind == "ordinal":
        return at(digits[0] if digits else ORDINALS[said])
    if kind == "range":
        low, high = digits[0], digits[-1]
        return at(*range(low, high + 1)) if low < high <= 10 else [_Event("unit", start)]
    if kind == "number":
        if "." in said:
            return [_Event("unit", start)]
        value = int(said) if said.isdigit() else NUMBER_WORDS[said]
        return [_Event("ref", start, frozenset({value - 1}), numeric=True, word=said)]
    if kind in ("conn_symbol", "none_but"):
        return [_Event("conn", start, word=said)]
    return [_Event(kind, start, word=said)]


def _word_event(word: str, start: int, labels: dict[str, frozenset[int]]) -> _Event:
    """Classify a word no phrase rule matched."""
    if word in FILLER or word in ("#", "-", ":", "(", ")", '"', "'", "*"):
        return _Event("filler", start, word=word)
    if word in UNITS:
        return _Event("unit", start, word=word)
    if word in SCORE_WORDS:
        return _Event("score", start, word=word)
    where = labels.get(_stem(word)) if word not in LABEL_STOP else None
    if where:
        return _Event("ref" if len(where) == 1 else "ambiguous", start, where, word=word)
    return _Event("unknown", start, word=word)


def _resolved(events: list[_Event], n: int) -> list[_Event]:
    """Apply context: "one" after "the bladder" is not a number; a number followed by a unit or
    an unknown word is not a choice; "no" right before an item negates it; positions out of
    range are dropped."""
    out: list[_Event] = []
    for i, event in enumerate(events):
        before = events[i - 1] if i else None
        after = events[i + 1] if i + 1 < len(events) else None
        if (
            event.kind == "ref"
            and event.word == "one"
            and before is not None
            and (before.kind in ("ref", "ambiguous") or before.word in _PRONOUN_ONE_AFTER)
        ):
            out.append(_Event("filler", event.start, word="one"))
            continue
        if event.kind == "ref" and event.numeric:
            if after is not None and after.kind in ("unit", "unknown", "score", "slash"):
                out.append(_Event("unit", event.start))
                continue
            if before is not None and (before.kind == "slash" or before.word in TIME_WORDS):
                out.append(_Event("unit", event.start))
                continue
        if (
            event.kind == "none"
            and event.word == "no"
            and after is not None
            and after.kind in ("ref", "ambiguous", "both", "rest")
        ):
            out.append(_Event("neg", event.start, word="no"))
            continue
        if event.kind == "ref":
            kept = frozenset(p for p in event.refs if 0 <= p < n)
            if not kept:
                out.append(_Event("out_of_range", event.start))
                continue
            event = _Event("ref", event.start, kept, event.numeric, event.word)
        out.append(event)
    return out


def _decide(events: list[_Event], keys: list[str]) -> Choice | None:
    """Turn the events into a choice: clause by clause, "not sure" and "not" apply to the items
    named after them in the same clause (or, with none after, to those before)."""
    n = len(keys)
    events = _resolved(events, n)
    unknown = [e for e in events if e.kind == "unknown"]
    if len(unknown) > MAX_UNKNOWN:
        return None
    clauses: list[list[_Event]] = [[]]
    for event in events:
        if event.kind == "break":
            clauses.append([])
        else:
            clauses[-1].append(event)
    chosen: set[int] = set()
    unsure: set[int] = set()
    excluded: set[int] = set()
    rest_modes: list[str] = []
    dangling_unsure = said_none = said_not_sure_which = False
    only_numbers = True
    for clause in clauses:
        refs = [e for e in clause if e.kind in ("ref", "rest", "both")]
        has_both = any(e.kind == "both" for e in clause)
        mode = "chosen"
        marked_unsure = False
        clause_chosen: set[int] = set()
        for event in clause:
            if event.kind in ("unsure", "not_sure_which"):
                marked_unsure = True
                said_not_sure_which |= event.kind == "not_sure_which"
                if mode == "chosen":
                    mode = "unsure"
            elif event.kind == "neg":
                mode = "neg"
            elif event.kind == "none":
                said_none = True
            elif event.kind == "rest":
                rest_modes.append(mode)
            elif event.kind == "both" and n == 2 and len(refs) == 1:
                _add(mode, frozenset(range(n)), clause_chosen, unsure, excluded)
            elif event.kind == "ref":
                only_numbers &= event.numeric
                _add(mode, event.refs, clause_chosen, unsure, excluded)
        if marked_unsure and mode == "unsure" and clause_chosen:
            after_marker = _refs_after_marker(clause)
            if not after_marker:  # "3 maybe": the marker looks back
                unsure |= clause_chosen
                clause_chosen = set()
        if marked_unsure and not refs:
            dangling_unsure = True
        if has_both and n != 2 and len(refs) == 1:
            return None  # "both" of more than two items: which two?
        chosen |= clause_chosen
    for mode in rest_modes:
        rest = set(range(n)) - chosen - unsure - excluded
        _add(mode, frozenset(rest), chosen, unsure, excluded)
    if dangling_unsure and (chosen or unsure):  # "1 and 3, not sure"
        unsure |= chosen
        chosen = set()
    chosen -= excluded | unsure
    unsure -= excluded
    if chosen or unsure:
        if only_numbers and any(e.kind == "score" for e in events):
            return None  # "pain is 3": a score, not a choice
        if not chosen and unsure == set(range(n)) and n > 1:
            return Choice(chosen=frozenset(), not_sure_which=True)
        return Choice(
            chosen=frozenset(keys[i] for i in chosen), unsure=frozenset(keys[i] for i in unsure)
        )
    if excluded or any(e.kind in ("unit", "out_of_range", "ambiguous", "vague") for e in events):
        return None
    if said_not_sure_which or dangling_unsure:
        return Choice(chosen=frozenset(), not_sure_which=True)
    if said_none:
        return Choice(chosen=frozenset(), none_after_all=True)
    return None


def _add(
    mode: str, refs: frozenset[int], chosen: set[int], unsure: set[int], excluded: set[int]
) -> None:
    """Put the items into the set the current mode names."""
    {"chosen": chosen, "unsure": unsure, "neg": excluded}[mode].update(refs)


def _refs_after_marker(clause: list[_Event]) -> bool:
    """Whether an item is named after the clause's first "not sure" marker."""
    seen = False
    for event in clause:
        if event.kind in ("unsure", "not_sure_which"):
            seen = True
        elif seen and event.kind in ("ref", "rest", "both"):
            return True
    return False
