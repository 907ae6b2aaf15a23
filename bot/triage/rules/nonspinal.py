"""The triage rules for pain that may not come from the spine, one row per rule, read like
CLINICAL.md §7A (rows NS-1 to NS-8: kidney, pregnancy, gallbladder, pancreas, shingles, a fit).

Every id starts with its row ("NS-1 renal colic with vomiting"), which is how
`bot.triage.nonspinal_reasons` picks these rules out of an assessment for the outcome wording.
Each row names its level, a plain-language reason that never states a diagnosis as fact ("can
sometimes come from the kidney rather than the spine"), and its source; `review=True` rows are
listed in docs/clinical-review.md.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.triage.case import Facts
from bot.triage.flags import Flag
from bot.triage.rules.rule import L1, L2, L3, L4, L6, Rule

F = Flag

# NS-1: "age over 50 with no previous stones" raises side-to-groin pain to L2 (a leaking aneurysm
# can look the same). Over 50 matches LB-7 and RCEM; CKS uses over 60 (design choice, U).
KIDNEY_STONE_AGE = 51
# G3 is asked "of users aged about 12-55" (CLINICAL.md §7B; the range is U): 12 to 55 inclusive.
PREGNANCY_AGES = range(12, 56)

# The one key whose yes can keep a level lower: side-to-groin pain over 50 is L2 unless the person
# has had kidney stones before (NS-1). Only a plain yes counts; "not sure" is the safer no.
LOWERING_KEYS = frozenset({Flag.PREVIOUS_KIDNEY_STONES})

# Every reason says "can sometimes come from ... rather than the spine": never a diagnosis as fact.
_ELSEWHERE = "rather than the spine"

# NS-4's warning features, and NS-3's signs that an ectopic pregnancy is possible; a pregnancy with
# none of them is self-care with a pregnancy safety net (R7-L6).
PREGNANCY_SIGNS = frozenset(
    {
        F.LOWER_ABDOMINAL_PELVIC_PAIN,
        F.ONE_SIDED_LOWER_ABDOMINAL_PAIN,
        F.VAGINAL_BLEEDING,
        F.HEAVY_BLEEDING_OR_CLOTS,
        F.SHOULDER_TIP_PAIN,
        F.SUDDEN_SEVERE_ABDOMINAL_PAIN,
    }
)
MATERNITY_SIGNS = PREGNANCY_SIGNS | {
    F.CONTRACTIONS_OR_RHYTHMIC_BACK_PAIN,
    F.FLUID_LEAK_VAGINAL,
    F.REDUCED_FETAL_MOVEMENTS,
    F.FEVER,
    F.PAINFUL_URINATION,
    F.NO_URINE_TODAY,
}
RASH = (F.SHINGLES_RASH, F.RASH_NEAR_EYE)


def _pregnant(f: Facts) -> bool:
    """Pregnant now (NS-4): said so, or told of tightenings, leaking fluid or the baby's moves."""
    return f.has(F.KNOWN_PREGNANCY)


def _could_be_pregnant(f: Facts) -> bool:
    """Could be pregnant, not known to be (NS-3); "not sure" counts as could be."""
    return f.has(F.POSSIBLE_PREGNANCY) and not _pregnant(f)


def _colic(f: Facts, *with_any: Flag) -> bool:
    """Side-to-groin pain (NS-1) with any of `with_any`."""
    return f.has(F.FLANK_PAIN_TO_GROIN) and f.has(*with_any)


def _colic_over_50_no_stones(f: Facts) -> bool:
    # An unknown age counts as over 50; only a plain yes to previous stones keeps it at L3.
    age = f.case.age
    older = age is None or age >= KIDNEY_STONE_AGE
    return f.has(F.FLANK_PAIN_TO_GROIN) and older and not f.said_yes(F.PREVIOUS_KIDNEY_STONES)


def _band_without_rash(f: Facts) -> bool:
    """A one-sided band of skin pain (G4, NS-7) with no rash reported."""
    return f.has(F.ONE_SIDED_BAND_PAIN) and not f.has(*RASH)


_NS1_SOURCE = (
    "NICE NG118 Renal and ureteric stones 2019 §1.1.1; NICE CKS Renal or ureteric colic, "
    "admission criteria (via GP Notebook; the L2/L3 split is a design choice)"
)
_NS2_SOURCE = (
    "NHS.uk Kidney infection; NICE NG111 Pyelonephritis (acute) 2018 §1.1.5, §1.1.7 "
    "(L2 is a design choice)"
)
_NS3_SOURCE = (
    "NICE NG126 Ectopic pregnancy and miscarriage 2019 (referral criteria via Pharmacy Notebook); "
    "nidirect Ectopic pregnancy (L2 is a design choice)"
)
_NS4_SOURCE = (
    "University Hospitals Birmingham, When to call the midwife (contact your maternity unit); "
    "CLINICAL.md NS-4 (L2 is a design choice)"
)
_NS7_CKS = "NICE CKS Shingles, admit or seek immediate specialist advice (via secondary pages)"


def _colic_rule(name: str, with_what: str, *with_any: Flag) -> Rule:
    """An NS-1 row: side-to-groin pain with any of `with_any` is L2 (R7-L2)."""
    return Rule(
        f"NS-1 renal colic {name}",
        L2,
        lambda f: _colic(f, *with_any),
        "Pain in the side that spreads to the groin can sometimes come from the kidney "
        f"{_ELSEWHERE}, and {with_what} it needs checking in hospital today.",
        _NS1_SOURCE,
        review=True,
    )


def _kidney_infection_rule(name: str, with_what: str, *with_any: Flag) -> Rule:
    """An NS-2 row: a fever with any of `with_any` is L2 (R7-L2)."""
    return Rule(
        f"NS-2 fever {name}",
        L2,
        lambda f: f.has(F.FEVER) and f.has(*with_any),
        f"A fever with back or neck pain {with_what} can sometimes come from a kidney infection "
        f"{_ELSEWHERE}, and needs checking in hospital today.",
        _NS2_SOURCE,
        review=True,
    )


def _maternity_rule(name: str, reason: str, *with_any: Flag) -> Rule:
    """An NS-4 row: pregnant now with any of `with_any` is L2, the maternity unit (R7-L2)."""
    return Rule(
        f"NS-4 pregnant {name}",
        L2,
        lambda f: _pregnant(f) and f.has(*with_any),
        reason,
        _NS4_SOURCE,
        review=True,
    )


def _early_pregnancy_rule(name: str, what: str, applies: Callable[[Facts], bool]) -> Rule:
    """An NS-3 row: could be pregnant and `applies` is L2, early pregnancy unit or ED (R7-L2)."""
    return Rule(
        f"NS-3 could be pregnant, {name}",
        L2,
        lambda f: _could_be_pregnant(f) and applies(f),
        f"{what}, in someone who could be pregnant, can sometimes come from a pregnancy "
        f"{_ELSEWHERE}, and needs checking today at an early pregnancy unit or an emergency "
        "department.",
        _NS3_SOURCE,
        review=True,
    )


NONSPINAL_RULES: tuple[Rule, ...] = (
    # ---- R7-L1: call the emergency number now (collapse with tummy or side pain is LB-7;
    # confusion with a fever is NK-5 "fever with confusion or rash", in either flow) ------------
    Rule(
        "NS-3 could be pregnant, sudden severe pain with heavy bleeding or fainting",
        L1,
        lambda f: (
            _could_be_pregnant(f)
            and f.has(F.SUDDEN_SEVERE_ABDOMINAL_PAIN)
            and f.has(F.HEAVY_BLEEDING_OR_CLOTS, F.FAINTING)
        ),
        "Sudden, sharp, severe tummy pain with heavy bleeding or feeling faint, in someone who "
        "could be pregnant, needs emergency help now.",
        "nidirect Ectopic pregnancy (call 999); NHS.uk Ectopic pregnancy (via reproductions)",
    ),
    Rule(
        "NS-4 pregnant with heavy bleeding or constant severe tummy pain",
        L1,
        lambda f: _pregnant(f) and f.has(F.HEAVY_BLEEDING_OR_CLOTS, F.SUDDEN_SEVERE_ABDOMINAL_PAIN),
        "Heavy bleeding or passing clots, or severe tummy pain that does not come and go, in "
        "pregnancy needs emergency help now.",
        "University Hospitals Birmingham, When to call the midwife (999 list); Shropshire, "
        "Telford & Wrekin Healthier Together, Bleeding in pregnancy",
    ),
    Rule(
        "NS-8/NK-5 fever with a fit",
        L1,
        lambda f: f.has(F.FEVER) and f.has(F.SEIZURE),
        "A fever with a fit (seizure) needs emergency care now.",
        "NHS.uk Meningitis, symptom list and call 999 (via reproductions); AAFP 2020 neck pain "
        "table, Infection (adding the fit to NK-5's L1 list is CLINICAL.md NS-8)",
        review=True,
    ),
    # ---- R7-L2: hospital today (maternity unit or early pregnancy unit in pregnancy) ----------
    _colic_rule(
        "with vomiting", "with being sick or not keeping drinks down", F.VOMITING_CANNOT_KEEP_FLUIDS
    ),
    _colic_rule("with fever", "with a fever or shivers", F.FEVER),
    _colic_rule(
        "not eased by painkillers",
        "when painkillers do not ease it or it keeps coming straight back,",
        F.PAIN_NOT_EASED_BY_PAINKILLERS,
    ),
    _colic_rule("with no urine today", "with no urine passed today", F.NO_URINE_TODAY),
    _colic_rule(
        "with a kidney condition",
        "with one working kidney, a kidney transplant or kidney disease",
        F.KIDNEY_RISK,
    ),
    _colic_rule(
        "in pregnancy",
        "in pregnancy, or if you could be pregnant,",
        F.KNOWN_PREGNANCY,
        F.POSSIBLE_PREGNANCY,
    ),
    Rule(
        "NS-1 renal colic over 50, no previous stones",
        L2,
        _colic_over_50_no_stones,
        "Pain in the side that spreads to the groin can sometimes come from the kidney or, in "
        "people over 50, from the main artery in the tummy; unless you have had kidney stones "
        "like this before, it needs checking in hospital today.",
        "NICE CKS Renal or ureteric colic (consider admission over 60, via GP Notebook); NHS "
        "Lothian SJH handbook (an aneurysm can mimic colic); over 50 and an unknown age: design "
        "choice matching LB-7",
        review=True,
    ),
    _kidney_infection_rule(
        "with vomiting", "and being sick or not keeping drinks down", F.VOMITING_CANNOT_KEEP_FLUIDS
    ),
    _kidney_infection_rule("with no urine today", "and no urine passed today", F.NO_URINE_TODAY),
    _kidney_infection_rule(
        "in pregnancy",
        "in pregnancy, or if you could be pregnant,",
        F.KNOWN_PREGNANCY,
        F.POSSIBLE_PREGNANCY,
    ),
    _kidney_infection_rule(
        "with a kidney, bladder or immune risk",
        "and diabetes, a weak immune system or a kidney or bladder condition",
        F.URINARY_TRACT_RISK,
        F.KIDNEY_RISK,
        F.IMMUNOSUPPRESSION,
    ),
    Rule(
        "NS-2 no urine today",
        L2,
        lambda f: f.has(F.NO_URINE_TODAY),
        "Not passing any urine all day needs checking in hospital today: it can come from the "
        "kidneys, or from pressure on the nerves to the bladder.",
        "NHS.uk Kidney infection ('not had a pee all day'); CLINICAL.md LB-1 (retention) "
        "(L2 for this sign alone is a design choice)",
        review=True,
    ),
    _early_pregnancy_rule(
        "one-sided or severe lower tummy pain",
        "Pain low in the tummy that is on one side or severe",
        lambda f: f.has(F.ONE_SIDED_LOWER_ABDOMINAL_PAIN, F.SUDDEN_SEVERE_ABDOMINAL_PAIN),
    ),
    _early_pregnancy_rule(
        "bleeding with tummy pain",
        "Bleeding from the vagina together with tummy pain",
        lambda f: (
            f.has(F.VAGINAL_BLEEDING)
            and f.has(F.LOWER_ABDOMINAL_PELVIC_PAIN, F.SUDDEN_SEVERE_ABDOMINAL_PAIN)
        ),
    ),
    _early_pregnancy_rule(
        "shoulder-tip pain",
        "Pain at the tip of the shoulder",
        lambda f: f.has(F.SHOULDER_TIP_PAIN),
    ),
    _early_pregnancy_rule(
        "heavy bleeding",
        "Heavy bleeding or passing clots",
        lambda f: f.has(F.HEAVY_BLEEDING_OR_CLOTS),
    ),
    _maternity_rule(
        "with bleeding",
        "Any bleeding from the vagina in pregnancy, even a little, needs checking by your "
        "maternity unit now.",
        F.VAGINAL_BLEEDING,
    ),
    _maternity_rule(
        "with tightenings",
        "Back pain that comes and goes in a regular pattern, or with your bump tightening, can "
        "be a sign of labour and needs checking by your maternity unit now.",
        F.CONTRACTIONS_OR_RHYTHMIC_BACK_PAIN,
    ),
    _maternity_rule(
        "with fluid leaking",
        "A gush or trickle of fluid from the vagina in pregnancy needs checking by your "
        "maternity unit now.",
        F.FLUID_LEAK_VAGINAL,
    ),
    _maternity_rule(
        "with reduced movements",
        "A baby moving less than usual needs checking by your maternity unit now.",
        F.REDUCED_FETAL_MOVEMENTS,
    ),
    _maternity_rule(
        "with fever or pain peeing",
        "A fever, or pain or trouble passing urine, in pregnancy needs checking by your "
        "maternity unit now.",
        F.FEVER,
        F.PAINFUL_URINATION,
        F.NO_URINE_TODAY,
    ),
    _maternity_rule(
        "with one-sided tummy or shoulder-tip pain",
        "Pain low in the tummy on one side, or at the tip of the shoulder, in pregnancy needs "
        "checking today by your maternity unit (early in pregnancy, your early pregnancy unit).",
        F.ONE_SIDED_LOWER_ABDOMINAL_PAIN,
        F.SHOULDER_TIP_PAIN,
    ),
    Rule(
        "NS-5 yellow skin with fever or confusion",
        L2,
        lambda f: f.has(F.JAUNDICE) and f.has(F.FEVER, F.CONFUSION_OR_RASH),
        "Yellow skin or eyes with a fever, shivers or confusion can sometimes come from the "
        f"gallbladder or liver {_ELSEWHERE}, and needs checking in hospital today.",
        "NHS website, Gallstones – symptoms (contact your GP immediately; L2 for the combination "
        "is a design choice)",
        review=True,
    ),
    Rule(
        "NS-6 severe upper tummy pain through to the back",
        L2,
        lambda f: f.has(F.UPPER_ABDOMINAL_PAIN_TO_BACK),
        "Severe pain at the top of the tummy that goes through to the back can sometimes come "
        f"from the pancreas or stomach {_ELSEWHERE}, and needs checking in hospital today.",
        "NICE CKS Pancreatitis – acute, admit urgently (via BNSSG Remedy); nidirect Acute "
        "pancreatitis; NHS inform Acute pancreatitis",
        review=True,
    ),
    Rule(
        "NS-6 sudden severe tummy pain",
        L2,
        lambda f: f.has(F.SUDDEN_SEVERE_ABDOMINAL_PAIN),
        "Sudden, severe tummy pain along with back pain can sometimes come from an organ in the "
        f"tummy {_ELSEWHERE}, and needs checking in hospital today.",
        "NHS inform Acute pancreatitis (contact your GP immediately if you suddenly develop "
        "severe abdominal pain; L2 is a design choice)",
        review=True,
    ),
    Rule(
        "NS-7 rash near the eye",
        L2,
        lambda f: f.has(F.RASH_NEAR_EYE),
        "A rash near the eye, a red or sore eye, or changed eyesight with a band of pain can "
        f"sometimes come from shingles {_ELSEWHERE}, and needs checking today in hospital.",
        _NS7_CKS,
        review=True,
    ),
    Rule(
        "NS-7 one-sided rash with a warning sign",
        L2,
        lambda f: (
            f.has(F.SHINGLES_RASH)
            and (
                f.has(F.IMMUNOSUPPRESSION, F.VERY_UNWELL, F.MENINGISM, F.CONFUSION_OR_RASH)
                or f.neurological
            )
        ),
        "A one-sided rash with a weak immune system, feeling very unwell, new weakness, a stiff "
        "neck or confusion needs checking in hospital today.",
        _NS7_CKS,
        review=True,
    ),
    # ---- R7-L3: contact a doctor today ---------------------------------------------------------
    Rule(
        "NS-1 pain from the side to the groin",
        L3,
        lambda f: f.has(F.FLANK_PAIN_TO_GROIN),
        "Pain in the side that spreads to the groin can sometimes come from the kidney "
        f"{_ELSEWHERE}, and should be checked by a doctor today.",
        "NICE NG118 Renal and ureteric stones 2019 §1.1.1 (imaging within 24 hours; the L2/L3 "
        "split is a design choice)",
        review=True,
    ),
    Rule(
        "NS-2 fever with urinary symptoms",
        L3,
        lambda f: f.has(F.FEVER) and f.has(F.URINARY_SYMPTOMS),
        "A fever with back or neck pain and changes when you pee can sometimes come from a kidney "
        f"infection {_ELSEWHERE}, and should be checked by a doctor today.",
        "NHS.uk Kidney infection (urgent GP appointment or NHS 111)",
    ),
    Rule(
        "NS-2 urinary symptoms with tummy or side pain, blood or being sick",
        L3,
        lambda f: (
            f.has(F.URINARY_SYMPTOMS)
            and f.has(F.ABDOMINAL_OR_FLANK_PAIN, F.BLOOD_IN_URINE, F.VOMITING_CANNOT_KEEP_FLUIDS)
        ),
        "Changes when you pee together with tummy or side pain, blood in your pee or being sick "
        f"can sometimes come from a kidney infection {_ELSEWHERE}, and should be checked by a "
        "doctor today.",
        "NHS.uk Kidney infection (urgent GP appointment or NHS 111 for back pain under the ribs, "
        "blood in pee or being sick; reading tummy or side pain as such is a design choice)",
        review=True,
    ),
    Rule(
        "NS-1/NS-6 one-sided or severe low tummy pain",
        L3,
        lambda f: f.has(F.ONE_SIDED_LOWER_ABDOMINAL_PAIN),
        "Pain low in the tummy that is mainly on one side, or severe, can sometimes come from an "
        f"organ in the tummy or pelvis {_ELSEWHERE}, and should be checked by a doctor today.",
        "CLINICAL.md NS-3 (one-sided or severe low pain) and §7 visceral causes (Jarvik & Deyo via "
        "WikiMSK); L3 without a possible pregnancy is a design choice",
        review=True,
    ),
    Rule(
        "NS-3 could be pregnant, lower tummy pain or bleeding",
        L3,
        lambda f: (
            _could_be_pregnant(f) and f.has(F.LOWER_ABDOMINAL_PELVIC_PAIN, F.VAGINAL_BLEEDING)
        ),
        "New pain low in the tummy, or bleeding from the vagina, in someone who could be "
        f"pregnant can sometimes come from a pregnancy {_ELSEWHERE}, and should be checked by a "
        "doctor today, even after a negative test.",
        "nidirect Ectopic pregnancy (contact a GP even without a positive pregnancy test)",
    ),
    Rule(
        "NS-4 pregnant with lower tummy pain",
        L3,
        lambda f: _pregnant(f) and f.has(F.LOWER_ABDOMINAL_PELVIC_PAIN),
        "New pain low in the tummy in pregnancy should be checked today by your maternity unit "
        "or a doctor.",
        "CLINICAL.md NS-3 applied to a known pregnancy (design choice)",
        review=True,
    ),
    Rule(
        "NS-5 yellow skin",
        L3,
        lambda f: f.has(F.JAUNDICE),
        "Yellow skin or eyes, dark pee or pale poo can sometimes come from the gallbladder or "
        f"liver {_ELSEWHERE}, and should be checked by a doctor today.",
        "NHS website, Gallstones – symptoms (contact your GP immediately)",
    ),
    Rule(
        "NS-1/NS-5 pain in waves, cannot settle",
        L3,
        # Not only with tummy, side or groin pain: "agony in the right side of my back, can't
        # sit still, it comes and goes" is loin pain told as back pain (a trial found it given
        # back-care advice). Renal colic is "not linked to movement" and the person "cannot get
        # comfortable" (CLINICAL.md NS-1), unlike back strain; the safer choice, for review.
        lambda f: f.has(F.COLICKY_CANNOT_SETTLE),
        "Pain that comes in waves, or will not let you keep still or get comfortable, can "
        f"sometimes come from the kidney or gallbladder {_ELSEWHERE}, and should be checked by "
        "a doctor today.",
        "NHS website, Gallstones – symptoms; nidirect Kidney stones ('unable to lie still') "
        "(one question for both rows, and the sign alone without tummy or side pain, are design "
        "choices)",
        review=True,
    ),
    Rule(
        "NS-7 one-sided rash",
        L3,
        lambda f: f.has(F.SHINGLES_RASH),
        "A band of pain with a rash or blisters on one side can sometimes come from shingles "
        f"{_ELSEWHERE}; a doctor or pharmacist should see it today, as treatment works best "
        "early.",
        "NHS.uk Shingles (urgent GP appointment or NHS 111; via pharmacy reproductions)",
        review=True,
    ),
    Rule(
        "NS-7 band pain, chest pain not ruled out",
        L3,
        lambda f: _band_without_rash(f) and not f.denied(F.CHEST_PAIN),
        "A band of pain on one side can come from the heart as well as from a skin nerve, and "
        "the chest-pain question has not been answered no, so a doctor should check it today.",
        "CLINICAL.md NS-7 (L4 only after the NK-4 cardiac questions are negative; L3 until then "
        "is a design choice)",
        review=True,
        awaits_answer=True,
    ),
    Rule(
        "NS-8 fit without a fever",
        L3,
        lambda f: f.has(F.SEIZURE) and not f.has(F.FEVER),
        "A fit (seizure) should be checked by a doctor today; a fit can also injure the back.",
        "CLINICAL.md NS-8 (a fit without a fever has no source; design choice)",
        review=True,
    ),
    # ---- R7-L4: see a doctor within a few days -------------------------------------------------
    Rule(
        "NS-1/NS-5/NS-6 tummy, side or groin pain",
        L4,
        lambda f: f.has(F.ABDOMINAL_OR_FLANK_PAIN),
        "Pain in the tummy, side or groin along with back pain can sometimes come from the "
        f"kidneys or another organ {_ELSEWHERE}, so a doctor should check it within a few days.",
        "CLINICAL.md §7 (G1 with none of its warning signs: not spine self-care; design choice)",
        review=True,
    ),
    Rule(
        "NS-2 urinary symptoms",
        L4,
        lambda f: f.has(F.URINARY_SYMPTOMS),
        "Changes when you pee along with back pain can sometimes come from the bladder or "
        f"kidneys {_ELSEWHERE}, so a doctor should check them within a few days.",
        "NHS.uk Kidney infection (non-urgent: see a GP; L4 is a design choice)",
        review=True,
    ),
    Rule(
        "NS-5 pain after meals",
        L4,
        lambda f: f.has(F.RIGHT_UPPER_PAIN_TO_SHOULDER_BLADE, F.PAIN_AFTER_EATING),
        "Pain under the right ribs, or pain after meals, that spreads to the back or shoulder "
        f"blade can sometimes come from the gallbladder {_ELSEWHERE}, and should be checked by a "
        "doctor within a few days.",
        "NHS website, Gallstones – symptoms (see a GP if you think you may have biliary colic)",
    ),
    Rule(
        "NS-7 band of pain, no rash yet",
        L4,
        lambda f: _band_without_rash(f) and f.denied(F.CHEST_PAIN),
        "A one-sided band of burning or tingling skin pain can sometimes come from shingles "
        f"{_ELSEWHERE}, which can start before any rash: see a doctor within a few days, and a "
        "pharmacist or doctor the same day if a rash appears.",
        "NHS.uk Shingles ('pain without a rash' is rare; via pharmacy reproductions); L4 once "
        "chest pain is denied is a design choice (CLINICAL.md NS-7)",
        review=True,
    ),
    # ---- R7-L6: self-care, with a pregnancy safety net -----------------------------------------
    Rule(
        "NS-4 pregnancy, no warning feature",
        L6,
        lambda f: _pregnant(f) and not f.has(*MATERNITY_SIGNS),
        "Back pain is common in pregnancy, and none of the pregnancy warning signs asked about "
        "was reported. Call your maternity unit straight away if you have bleeding, fluid "
        "leaking, tightenings, a fever or pain when peeing, or your baby moves less.",
        "CLINICAL.md NS-4 (self-care with a pregnancy safety net is a design choice)",
        review=True,
    ),
    Rule(
        "NS-3 could be pregnant, no warning feature",
        L6,
        lambda f: _could_be_pregnant(f) and not f.has(*PREGNANCY_SIGNS),
        "None of the pregnancy warning signs asked about was reported. As you could be pregnant, "
        "a pregnancy test is worth doing, and new tummy pain, bleeding or pain at the tip of the "
        "shoulder should be checked the same day.",
        "CLINICAL.md NS-3 (no level is given for a possible pregnancy without these signs: "
        "self-care with a pregnancy safety net, design choice)",
        review=True,
    ),
)
