"""Red-flag keys and the screening questions each body region needs (CLINICAL.md §1A, §1B).

Only keys live here. The plain-language wording of every question is a response in domain.yml
(`utter_screen_<key>`), because every sentence the bot says lives in the domain.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import Enum


class Region(str, Enum):
    """Values of the `body_region` entity."""

    NECK = "neck"
    UPPER_BACK = "upper_back"
    MID_BACK = "mid_back"
    LOWER_BACK = "lower_back"
    BACK = "back"  # back, part unspecified
    TAILBONE = "tailbone"

    @property
    def is_neck(self) -> bool:
        """True for the neck; every other region is part of the back."""
        return self is Region.NECK


class Radiation(str, Enum):
    """Values of the `radiation` entity: where pain, numbness or tingling spreads to."""

    ARM = "arm"
    LEG = "leg"
    BOTH_LEGS = "both_legs"
    BOTH_ARMS = "both_arms"


class Flag(str, Enum):
    """Values of the `red_flag` entity. Comments name the CLINICAL.md rows that use each."""

    CHEST_PAIN = "chest_pain"  # NK-4: chest pain or anginal-equivalent symptoms
    TEARING_PAIN = "tearing_pain"  # NK-4 (U): sudden tearing pain, possible aortic dissection
    FAINTING = "fainting"  # LB-7, NK-3: collapse, fainting, cold and clammy
    AORTIC_ANEURYSM = "aortic_aneurysm"  # LB-7: known AAA or pulsing lump in the tummy
    STROKE_SYMPTOMS = "stroke_symptoms"  # NK-3: dizziness, double vision, slurred speech ...
    SUDDEN_SEVERE_HEADACHE = "sudden_severe_headache"  # NK-3: sudden, severe, unusual
    SADDLE_NUMBNESS = "saddle_numbness"  # LB-1
    BLADDER_DYSFUNCTION = "bladder_dysfunction"  # LB-1, NK-1
    BOWEL_DYSFUNCTION = "bowel_dysfunction"  # LB-1, NK-1
    SEXUAL_DYSFUNCTION = "sexual_dysfunction"  # LB-1, NK-1
    BILATERAL_LEG_SYMPTOMS = "bilateral_leg_symptoms"  # LB-1
    PROGRESSIVE_WEAKNESS = "progressive_weakness"  # LB-2, NK-1
    FOOT_DROP = "foot_drop"  # LB-2
    UNABLE_TO_WALK = "unable_to_walk"  # LB-1: cannot walk or cannot get to hospital
    GAIT_DISTURBANCE = "gait_disturbance"  # LB-1, NK-1
    HAND_CLUMSINESS = "hand_clumsiness"  # NK-1
    MAJOR_TRAUMA = "major_trauma"  # LB-3, NK-2
    MINOR_TRAUMA = "minor_trauma"  # LB-3, NK-2
    LIMB_NUMBNESS = "limb_numbness"  # LB-3, NK-2: numbness or tingling in an arm or leg
    LIMB_WEAKNESS = "limb_weakness"  # §1C R-L3: weakness in an arm or leg, not getting worse
    LHERMITTE = "lhermitte"  # NK-1: electric shock down the spine or limbs on bending the head
    BOTH_HANDS_NUMB = "both_hands_numb"  # NK-1: both hands numb or tingly
    BRUISING = "bruising"  # LB-3: bruising or a graze over the spine
    OSTEOPOROSIS_OR_STEROIDS = "osteoporosis_or_steroids"  # LB-3, NK-6
    FEVER = "fever"  # LB-4, NK-5
    CONFUSION_OR_RASH = "confusion_or_rash"  # NK-5: drowsy, confused or a rash with fever
    VERY_UNWELL = "very_unwell"  # LB-4: feeling very unwell with a fever
    MENINGISM = "meningism"  # NK-5: cannot bend chin to chest, light hurts the eyes
    IV_DRUG_USE = "iv_drug_use"  # LB-4, NK-6
    IMMUNOSUPPRESSION = "immunosuppression"  # LB-4, NK-6
    CANCER_HISTORY = "cancer_history"  # LB-5, NK-6
    WEIGHT_LOSS = "weight_loss"  # LB-5, NK-6
    NIGHT_PAIN = "night_pain"  # LB-5, NK-6
    INFLAMMATORY_PATTERN = "inflammatory_pattern"  # LB-6: NG65 / ASAS features

    # Pain that may not come from the spine (CLINICAL.md §7, keys from §7B). Four gateway keys
    # open their follow-ups: G1 abdominal_or_flank_pain, G2 urinary_symptoms, G3
    # possible_pregnancy, G4 one_sided_band_pain (G1 and G2 are this project's names; §7B names
    # the gateways but gives them no key).
    ABDOMINAL_OR_FLANK_PAIN = "abdominal_or_flank_pain"  # G1: tummy, side below the ribs, groin
    URINARY_SYMPTOMS = "urinary_symptoms"  # G2: any change when peeing (pain, often, colour)
    POSSIBLE_PREGNANCY = "possible_pregnancy"  # G3, NS-3/NS-1/NS-2: could be pregnant
    KNOWN_PREGNANCY = "known_pregnancy"  # G3, NS-4/NS-1/NS-2: pregnant now
    LOWER_ABDOMINAL_PELVIC_PAIN = "lower_abdominal_pelvic_pain"  # NS-3
    ONE_SIDED_LOWER_ABDOMINAL_PAIN = "one_sided_lower_abdominal_pain"  # NS-3: one-sided or severe
    VAGINAL_BLEEDING = "vaginal_bleeding"  # NS-3, NS-4: any bleeding or brown watery discharge
    HEAVY_BLEEDING_OR_CLOTS = "heavy_bleeding_or_clots"  # NS-3, NS-4
    SHOULDER_TIP_PAIN = "shoulder_tip_pain"  # NS-3
    SUDDEN_SEVERE_ABDOMINAL_PAIN = "sudden_severe_abdominal_pain"  # NS-3, NS-4, NS-6
    CONTRACTIONS_OR_RHYTHMIC_BACK_PAIN = "contractions_or_rhythmic_back_pain"  # NS-4
    FLUID_LEAK_VAGINAL = "fluid_leak_vaginal"  # NS-4
    REDUCED_FETAL_MOVEMENTS = "reduced_fetal_movements"  # NS-4
    FLANK_PAIN_TO_GROIN = "flank_pain_to_groin"  # NS-1: one-sided loin pain to groin
    COLICKY_CANNOT_SETTLE = "colicky_cannot_settle"  # NS-1, NS-5: in waves, cannot keep still
    PAIN_NOT_EASED_BY_PAINKILLERS = "pain_not_eased_by_painkillers"  # NS-1
    VOMITING_CANNOT_KEEP_FLUIDS = "vomiting_cannot_keep_fluids"  # NS-1, NS-2, NS-6
    PREVIOUS_KIDNEY_STONES = "previous_kidney_stones"  # NS-1 (a "no" over 50 raises to L2)
    UPPER_ABDOMINAL_PAIN_TO_BACK = "upper_abdominal_pain_to_back"  # NS-6
    RIGHT_UPPER_PAIN_TO_SHOULDER_BLADE = "right_upper_pain_to_shoulder_blade"  # NS-5
    PAIN_AFTER_EATING = "pain_after_eating"  # NS-5, NS-6
    JAUNDICE = "jaundice"  # NS-5, NS-6: yellow skin or eyes, dark pee or pale poo
    PAINFUL_URINATION = "painful_urination"  # NS-2, NS-4: burning or stinging (not LB-1)
    URINARY_FREQUENCY_URGENCY = "urinary_frequency_urgency"  # NS-2
    BLOOD_IN_URINE = "blood_in_urine"  # NS-1, NS-2
    NO_URINE_TODAY = "no_urine_today"  # NS-1, NS-2
    KIDNEY_RISK = "kidney_risk"  # NS-1, NS-2: single or transplanted kidney, kidney disease
    URINARY_TRACT_RISK = "urinary_tract_risk"  # NS-2: diabetes, known kidney/bladder problem
    ONE_SIDED_BAND_PAIN = "one_sided_band_pain"  # G4, NS-7
    SHINGLES_RASH = "shingles_rash"  # NS-7: rash or blisters on that side only
    RASH_NEAR_EYE = "rash_near_eye"  # NS-7: rash near the eye, red or sore eye, changed vision
    SEIZURE = "seizure"  # NS-8 / NK-5: a fit


# Cauda equina syndrome items (LB-1), in the order the back screen asks them.
CAUDA_EQUINA_ITEMS: tuple[Flag, ...] = (
    Flag.SADDLE_NUMBNESS,
    Flag.BLADDER_DYSFUNCTION,
    Flag.BOWEL_DYSFUNCTION,
    Flag.SEXUAL_DYSFUNCTION,
    Flag.BILATERAL_LEG_SYMPTOMS,
)
CAUDA_EQUINA = frozenset(CAUDA_EQUINA_ITEMS)

# Any of these is a neurological symptom for the combination rules (trauma, cancer, infection).
NEUROLOGICAL = frozenset(
    {
        *CAUDA_EQUINA_ITEMS,
        Flag.PROGRESSIVE_WEAKNESS,
        Flag.FOOT_DROP,
        Flag.UNABLE_TO_WALK,
        Flag.GAIT_DISTURBANCE,
        Flag.HAND_CLUMSINESS,
        Flag.LIMB_NUMBNESS,
        Flag.LIMB_WEAKNESS,
        Flag.LHERMITTE,
        Flag.BOTH_HANDS_NUMB,
        Flag.STROKE_SYMPTOMS,
    }
)

TRAUMA = frozenset({Flag.MAJOR_TRAUMA, Flag.MINOR_TRAUMA})

# The last screening questions of both regions, asked in this order: cancer and its signs (LB-5),
# fracture risk (LB-3) and infection risk (LB-4); for the neck these are NK-6, "as LB-3, LB-4 and
# LB-5, adapted to the neck".
GENERAL_SCREEN: tuple[Flag, ...] = (
    Flag.CANCER_HISTORY,
    Flag.WEIGHT_LOSS,
    Flag.NIGHT_PAIN,
    Flag.OSTEOPOROSIS_OR_STEROIDS,
    Flag.IMMUNOSUPPRESSION,
    Flag.IV_DRUG_USE,
)

# Screening questions asked of everyone with back pain (upper, mid, lower, unspecified, tailbone),
# in the order asked: immediately life-threatening first, then time-critical, then the rest.
BACK_SCREEN: tuple[Flag, ...] = (
    Flag.CHEST_PAIN,
    Flag.TEARING_PAIN,
    Flag.FAINTING,
    Flag.AORTIC_ANEURYSM,
    *CAUDA_EQUINA_ITEMS,
    Flag.PROGRESSIVE_WEAKNESS,
    Flag.GAIT_DISTURBANCE,
    Flag.FOOT_DROP,
    Flag.MAJOR_TRAUMA,
    Flag.FEVER,
    # §7B gateways: after the life-threatening and CES items, before cancer and night pain;
    # pregnancy first, because it changes where the person is sent.
    Flag.POSSIBLE_PREGNANCY,
    Flag.ABDOMINAL_OR_FLANK_PAIN,
    Flag.URINARY_SYMPTOMS,
    Flag.ONE_SIDED_BAND_PAIN,
    *GENERAL_SCREEN,
)

# Screening questions for neck pain: cardiac, vascular (dissection), trauma (Canadian C-spine
# rule factors a person can report), infection, myelopathy, then the general neck flags.
NECK_SCREEN: tuple[Flag, ...] = (
    Flag.CHEST_PAIN,
    Flag.TEARING_PAIN,
    Flag.STROKE_SYMPTOMS,
    Flag.FAINTING,
    Flag.SUDDEN_SEVERE_HEADACHE,
    Flag.MAJOR_TRAUMA,
    Flag.FEVER,
    Flag.MENINGISM,
    Flag.HAND_CLUMSINESS,
    Flag.BOTH_HANDS_NUMB,
    Flag.LHERMITTE,
    Flag.GAIT_DISTURBANCE,
    Flag.PROGRESSIVE_WEAKNESS,
    Flag.BLADDER_DYSFUNCTION,
    Flag.BOWEL_DYSFUNCTION,
    Flag.POSSIBLE_PREGNANCY,  # §7B: of the gateways, only G3 and G4 in the neck flow
    Flag.ONE_SIDED_BAND_PAIN,
    *GENERAL_SCREEN,
)

F = Flag

# §7B gateway questions, G1-G4 (the screening asks a gateway's follow-ups only once it is present).
GATEWAYS: Mapping[Flag, str] = {
    F.ABDOMINAL_OR_FLANK_PAIN: "G1",
    F.URINARY_SYMPTOMS: "G2",
    F.POSSIBLE_PREGNANCY: "G3",
    F.ONE_SIDED_BAND_PAIN: "G4",
}

# The questions an answer of yes or not sure calls for, most urgent first (CLINICAL.md §7B, §1).
# A follow-up that is itself present brings its own follow-ups straight after it. The engine
# applies the conditions a table cannot hold: previous kidney stones only over 50 or at an unknown
# age (NS-1), and the fever follow-ups differ by region (FEVER_FOLLOW_UPS).
FOLLOW_UPS: Mapping[Flag, tuple[Flag, ...]] = {
    # G3: known pregnancy first (it changes where the person is sent), then the signs whose own
    # follow-ups can reach L1 (heavy bleeding; sudden severe pain), then shoulder-tip pain.
    F.POSSIBLE_PREGNANCY: (
        F.KNOWN_PREGNANCY,
        F.VAGINAL_BLEEDING,
        F.LOWER_ABDOMINAL_PELVIC_PAIN,
        F.SHOULDER_TIP_PAIN,
    ),
    F.KNOWN_PREGNANCY: (
        F.CONTRACTIONS_OR_RHYTHMIC_BACK_PAIN,
        F.FLUID_LEAK_VAGINAL,
        F.REDUCED_FETAL_MOVEMENTS,
    ),
    F.VAGINAL_BLEEDING: (F.HEAVY_BLEEDING_OR_CLOTS,),
    F.LOWER_ABDOMINAL_PELVIC_PAIN: (
        F.SUDDEN_SEVERE_ABDOMINAL_PAIN,
        F.ONE_SIDED_LOWER_ABDOMINAL_PAIN,
    ),
    # G1: the L2 signs (NS-6, NS-3/NS-4), the side-to-groin pain (NS-1), then L3 and L4 signs.
    F.ABDOMINAL_OR_FLANK_PAIN: (
        F.SUDDEN_SEVERE_ABDOMINAL_PAIN,
        F.UPPER_ABDOMINAL_PAIN_TO_BACK,
        F.FLANK_PAIN_TO_GROIN,
        F.VOMITING_CANNOT_KEEP_FLUIDS,
        F.JAUNDICE,
        F.COLICKY_CANNOT_SETTLE,
        F.RIGHT_UPPER_PAIN_TO_SHOULDER_BLADE,
        F.PAIN_AFTER_EATING,
    ),
    F.FLANK_PAIN_TO_GROIN: (
        F.PAIN_NOT_EASED_BY_PAINKILLERS,
        F.NO_URINE_TODAY,
        F.KIDNEY_RISK,
        F.PREVIOUS_KIDNEY_STONES,
    ),
    # G2: no urine at all (L2 alone) and vomiting (L2 with a fever) first.
    F.URINARY_SYMPTOMS: (
        F.NO_URINE_TODAY,
        F.VOMITING_CANNOT_KEEP_FLUIDS,
        F.PAINFUL_URINATION,
        F.BLOOD_IN_URINE,
        F.URINARY_FREQUENCY_URGENCY,
        F.KIDNEY_RISK,
        F.URINARY_TRACT_RISK,
    ),
    # G4: a rash near the eye (L2), a one-sided rash (L3), and with a rash, feeling very unwell.
    F.ONE_SIDED_BAND_PAIN: (F.RASH_NEAR_EYE, F.SHINGLES_RASH),
    F.SHINGLES_RASH: (F.VERY_UNWELL,),
}

# The §7 signs other than a pregnancy itself: the gateways and their follow-ups (CLINICAL.md §7B).
# A pregnancy changes the level of several of them (NS-1, NS-2, NS-3), so once one is present the
# pregnancy question becomes a follow-up of it (`engine.questions_to_ask`).
_PREGNANCY_KEYS = frozenset({F.POSSIBLE_PREGNANCY, F.KNOWN_PREGNANCY})
NONSPINAL_SIGNS: frozenset[Flag] = (
    (frozenset(GATEWAYS) | frozenset(f for follow in FOLLOW_UPS.values() for f in follow))
    - _PREGNANCY_KEYS
    - {F.VERY_UNWELL}
)

# After a fever (NK-5, LB-4, NS-8, NS-2): drowsiness, confusion or a rash and a fit (L1), then, in
# the back flow, the stiff neck that NS-8 adds, feeling very unwell (LB-4) and a weak immune
# system (NS-2: fever with back pain and immunosuppression is L2).
FEVER_FOLLOW_UPS_NECK: tuple[Flag, ...] = (F.CONFUSION_OR_RASH, F.SEIZURE)
FEVER_FOLLOW_UPS_BACK: tuple[Flag, ...] = (
    F.CONFUSION_OR_RASH,
    F.SEIZURE,
    F.MENINGISM,
    F.VERY_UNWELL,
    F.IMMUNOSUPPRESSION,
)

# A sign the person mentions answers the question above it (§8.2 note: "A §7 item the person
# already mentioned skips straight to its follow-ups"): "it burns when I pee" is a yes to G2.
# Only the gateway's own complaint counts. A risk factor (kidney_risk, previous stones) or a sign
# that is not the complaint (vomiting, yellow skin, pain that comes in waves) does not: the
# gateway is still asked.
IMPLIES: Mapping[Flag, Flag] = {
    F.FLANK_PAIN_TO_GROIN: F.ABDOMINAL_OR_FLANK_PAIN,
    F.UPPER_ABDOMINAL_PAIN_TO_BACK: F.ABDOMINAL_OR_FLANK_PAIN,
    F.RIGHT_UPPER_PAIN_TO_SHOULDER_BLADE: F.ABDOMINAL_OR_FLANK_PAIN,
    F.PAIN_AFTER_EATING: F.ABDOMINAL_OR_FLANK_PAIN,
    F.SUDDEN_SEVERE_ABDOMINAL_PAIN: F.ABDOMINAL_OR_FLANK_PAIN,
    F.LOWER_ABDOMINAL_PELVIC_PAIN: F.ABDOMINAL_OR_FLANK_PAIN,
    F.ONE_SIDED_LOWER_ABDOMINAL_PAIN: F.LOWER_ABDOMINAL_PELVIC_PAIN,
    F.PAINFUL_URINATION: F.URINARY_SYMPTOMS,
    F.URINARY_FREQUENCY_URGENCY: F.URINARY_SYMPTOMS,
    F.BLOOD_IN_URINE: F.URINARY_SYMPTOMS,
    F.NO_URINE_TODAY: F.URINARY_SYMPTOMS,
    F.KNOWN_PREGNANCY: F.POSSIBLE_PREGNANCY,
    F.CONTRACTIONS_OR_RHYTHMIC_BACK_PAIN: F.KNOWN_PREGNANCY,
    F.FLUID_LEAK_VAGINAL: F.KNOWN_PREGNANCY,
    F.REDUCED_FETAL_MOVEMENTS: F.KNOWN_PREGNANCY,
    F.HEAVY_BLEEDING_OR_CLOTS: F.VAGINAL_BLEEDING,
    F.SHINGLES_RASH: F.ONE_SIDED_BAND_PAIN,
    F.RASH_NEAR_EYE: F.ONE_SIDED_BAND_PAIN,
}


def with_implied(flags: Iterable[Flag]) -> frozenset[Flag]:
    """The flags, plus every question above them that they answer yes (IMPLIES, followed up the
    chain: reduced fetal movements means pregnant now, which means G3 is present)."""
    found = set(flags)
    todo = list(found)
    while todo:
        above = IMPLIES.get(todo.pop())
        if above is not None and above not in found:
            found.add(above)
            todo.append(above)
    return frozenset(found)


def base_screen(region: Region) -> tuple[Flag, ...]:
    """The screening questions every person with pain in this region is asked, in order
    (CLINICAL.md §1A for the back, §1B for the neck, with the §7B gateways)."""
    return NECK_SCREEN if region.is_neck else BACK_SCREEN
