"""The spine's triage rules, one row per rule, read like CLINICAL.md §1C's rule-engine summary
(R-L1 to R-L5, which summarise the red flags of §1A and §1B), most urgent first.

Each row names the CLINICAL.md row it encodes, the level it sets, a plain-language reason shown to
the person, and its source; `review=True` rows are listed in docs/clinical-review.md. Pain that may
not come from the spine (§7) is in `bot.triage.rules.nonspinal`.
"""

from __future__ import annotations

from bot.triage.case import Facts
from bot.triage.categories import CHRONIC_ABOVE_DAYS
from bot.triage.flags import Flag, Radiation
from bot.triage.rules.rule import L1, L2, L3, L4, L5, Rule

# Age thresholds are unverified (CLINICAL.md LB-3, LB-5, NK-6): the more inclusive cut-offs win.
OLDER_AGE_ONSET = 51  # "new onset over 50" (LB-5; NK-6 says over 55)
YOUNGER_AGE_ONSET = 20  # "under 20" (LB-5, NK-6)
FRACTURE_AGE = 65  # "aged over [65/70]" (LB-3); Canadian C-spine rule high-risk age >= 65 (NK-2)
SEVERE_PAIN = 7  # Serlin 1995 severe band 7-10
VERY_SEVERE_PAIN = 8  # Boonstra 2016: severe >= 8 in chronic musculoskeletal pain
NECK_REFERRAL_DAYS = 42  # 6 weeks of conservative care before referral (Devon, CLINICAL.md §2.4)
LEG_PAIN_REVIEW_DAYS = 28  # "no improvement after 4-6 weeks with leg-dominant pain" (R-L4)


def _onset_age_outside_typical(f: Facts) -> bool:
    """New onset over 50 or under 20 (LB-5, NK-6; R-L4)."""
    age = f.case.age
    return age is not None and (age >= OLDER_AGE_ONSET or age < YOUNGER_AGE_ONSET)


def _leg_dominant(f: Facts) -> bool:
    """Pain spreading into one leg or both (R-L4's "leg-dominant pain")."""
    return f.case.radiation in (Radiation.LEG, Radiation.BOTH_LEGS)


def _radiating_severe(f: Facts) -> bool:
    """Pain spreading into a limb, scored 7 or more of 10 (NG59 §1.3 "acute and severe")."""
    return f.case.radiation is not None and f.pain_at_least(SEVERE_PAIN)


def _inflammatory(f: Facts) -> bool:
    """NICE NG65 §1.1's inflammatory back pain pattern, lasting more than 12 weeks (LB-6)."""
    # NG65: started before 45 and lasted more than 3 months. Age at onset is estimated from the age
    # now and the duration; when either is unknown the pattern alone is enough (the safer choice).
    if not (f.has(Flag.INFLAMMATORY_PATTERN) and f.days_at_least(CHRONIC_ABOVE_DAYS + 1)):
        return False
    age, days = f.case.age, f.case.duration_days
    return age is None or days is None or age - days // 365 < 45


SPINE_RULES: tuple[Rule, ...] = (
    # ---- R-L1: call the emergency number now -------------------------------------------------
    Rule(
        "NK-4 chest pain",
        L1,
        lambda f: f.has(Flag.CHEST_PAIN),
        "Chest pain, pressure or tightness, or pain with breathlessness, sweating or feeling "
        "sick, can come from the heart and needs emergency care.",
        "2021 AHA/ACC Chest Pain Guideline (Gulati et al.)",
    ),
    Rule(
        "NK-4 tearing pain",
        L1,
        lambda f: f.has(Flag.TEARING_PAIN),
        "A sudden, severe tearing pain through to the back can come from the main artery and "
        "needs emergency care.",
        "CLINICAL.md NK-4 (aortic dissection: no guideline retrieved)",
        review=True,
    ),
    Rule(
        "LB-7 collapse",
        L1,
        lambda f: f.has(Flag.FAINTING),
        "Fainting, nearly fainting, or feeling cold and clammy with new back or neck pain needs "
        "emergency care.",
        "NICE NG156 Abdominal aortic aneurysm 2020 §1.1; RCEM Learning, Cervical artery dissection",
    ),
    Rule(
        "LB-7 known aneurysm",
        L1,
        lambda f: f.has(Flag.AORTIC_ANEURYSM),
        "New back or tummy pain in someone with an aortic aneurysm, or with a pulsing lump in the "
        "tummy, needs emergency care.",
        "NICE NG156 Abdominal aortic aneurysm 2020 §1.1",
    ),
    Rule(
        "NK-3 stroke-like symptoms",
        L1,
        lambda f: f.has(Flag.STROKE_SYMPTOMS),
        "Dizziness, double vision, slurred speech, trouble swallowing, one-sided weakness or a "
        "drooping eyelid with neck pain can be signs of a problem with an artery in the neck.",
        "AAFP 2020 neck pain (Childress & Stuek); RCEM Learning, Cervical artery dissection",
    ),
    Rule(
        "LB-3/NK-2 trauma with nerve symptoms",
        L1,
        lambda f: f.trauma and f.neurological,
        "An injury followed by numbness, tingling or weakness needs emergency care: keep still "
        "and call for help.",
        "Downie et al. BMJ 2013;347:f7095; Canadian C-spine rule (Stiell et al. 2001, 2003)",
        review=True,
    ),
    Rule(
        "NK-5 fever with confusion or rash",
        L1,
        lambda f: f.has(Flag.FEVER) and f.has(Flag.CONFUSION_OR_RASH),
        "A fever with drowsiness, confusion or a rash needs emergency care.",
        "AAFP 2020 neck pain table, Infection (L1 threshold is a design choice)",
        review=True,
    ),
    Rule(
        "LB-1 cauda equina, cannot walk",
        L1,
        lambda f: f.cauda_equina and f.has(Flag.UNABLE_TO_WALK),
        "Cauda equina warning signs in someone who cannot walk or get to hospital need an "
        "ambulance.",
        "GIRFT National Suspected CES Pathway 2023; CLINICAL.md LB-1",
        review=True,
    ),
    # ---- R-L2: go to the emergency department now ----------------------------------------------
    Rule(
        "LB-1 cauda equina",
        L2,
        lambda f: f.cauda_equina,
        "Numbness between the legs, new bladder, bowel or sexual problems, or symptoms in both "
        "legs can be signs of pressure on the nerves at the base of the spine (cauda equina "
        "syndrome), which needs checking in an emergency department today.",
        "GIRFT National Suspected CES Pathway 2023; NICE CKS Sciatica, Interpreting red flags",
    ),
    Rule(
        "LB-2/NK-1 progressive weakness",
        L2,
        lambda f: f.has(Flag.PROGRESSIVE_WEAKNESS),
        "Weakness that is getting worse needs checking in an emergency department today.",
        "NHS Lothian RefHelp; AAFP 2020 neck pain; AO Spine/CSRS DCM guideline 2017",
        review=True,
    ),
    Rule(
        "LB-1 walking getting worse",
        L2,
        lambda f: f.back and f.has(Flag.GAIT_DISTURBANCE),
        "Walking that is getting worse with back pain can be a sign of pressure on the nerves and "
        "needs checking in an emergency department today.",
        "GIRFT National Suspected CES Pathway 2023; NICE CKS Sciatica",
    ),
    Rule(
        "NK-1 myelopathy with bladder or bowel change",
        L2,
        lambda f: f.neck and f.has(Flag.BLADDER_DYSFUNCTION, Flag.BOWEL_DYSFUNCTION),
        "New bladder or bowel problems with neck pain can be a sign of pressure on the spinal "
        "cord and need checking in an emergency department today.",
        "AAFP 2020 neck pain; AO Spine/CSRS DCM guideline (Fehlings et al. 2017)",
    ),
    Rule(
        "LB-5 cancer with nerve symptoms",
        L2,
        lambda f: f.has(Flag.CANCER_HISTORY) and f.neurological,
        "Nerve symptoms in someone who has had cancer need same-day emergency assessment.",
        "NICE NG234 Spinal metastases and MSCC 2023",
    ),
    Rule(
        "LB-4 infection with nerve symptoms",
        L2,
        lambda f: f.has(Flag.FEVER) and f.neurological,
        "A fever with back or neck pain and nerve symptoms can be a sign of a spinal infection.",
        "NICE CKS red flags; Yusuf, Finucane & Selfe 2019 (level is a design choice)",
        review=True,
    ),
    Rule(
        "NK-5 fever with neck pain",
        L2,
        lambda f: f.neck and f.has(Flag.FEVER),
        "A fever with neck pain can be a sign of an infection such as meningitis.",
        "AAFP 2020 neck pain table, Infection (level is a design choice)",
        review=True,
    ),
    Rule(
        "LB-3/NK-2 major trauma",
        L2,
        lambda f: f.has(Flag.MAJOR_TRAUMA),
        "Pain that started after a serious fall, crash or impact needs checking for a broken bone "
        "in an emergency department.",
        "Downie et al. BMJ 2013;347:f7095; Canadian C-spine rule (Stiell et al. 2001, 2003)",
        review=True,
    ),
    Rule(
        "NK-2 neck injury at 65 or over",
        L2,
        lambda f: f.neck and f.has(Flag.MINOR_TRAUMA) and f.age_at_least(FRACTURE_AGE),
        "A neck injury at 65 or over needs an X-ray or scan to check for a broken bone.",
        "Canadian C-spine rule high-risk factor age >= 65 (Stiell et al. 2001)",
    ),
    Rule(
        "NK-3 sudden severe headache",
        L2,
        lambda f: f.has(Flag.SUDDEN_SEVERE_HEADACHE),
        "A sudden, severe neck pain or headache unlike any before needs checking today in an "
        "emergency department.",
        "RCEM Learning, Cervical artery dissection (level is a design choice)",
        review=True,
    ),
    Rule(
        "LB-1/LB-2 cannot walk",
        L2,
        lambda f: f.has(Flag.UNABLE_TO_WALK),
        "Not being able to walk with back or neck pain needs checking in an emergency department "
        "today; if you cannot get there, call for an ambulance.",
        "CLINICAL.md LB-1 (severe neurological deficit in the legs), LB-2 (level is a design "
        "choice)",
        review=True,
    ),
    Rule(
        "LB-4 fever and very unwell",
        L2,
        lambda f: f.has(Flag.FEVER) and f.has(Flag.VERY_UNWELL),
        "A fever with back or neck pain while feeling very unwell can be a sign of a serious "
        "infection.",
        "NICE CKS red flags; CLINICAL.md LB-4 (level is a design choice)",
        review=True,
    ),
    Rule(
        "NK-5 meningism",
        L2,
        lambda f: f.has(Flag.MENINGISM),
        "A neck too stiff to bend your chin to your chest, or light hurting your eyes, can be a "
        "sign of meningitis.",
        "AAFP 2020 neck pain table, Infection (without fever: design choice)",
        review=True,
    ),
    # ---- R-L3: contact a doctor today ----------------------------------------------------------
    Rule(
        "LB-5/NK-6 cancer history",
        L3,
        lambda f: f.has(Flag.CANCER_HISTORY),
        "New spinal pain in someone who has had cancer should be seen by a doctor today.",
        "NICE NG234 2023 (timing for pain-only presentations unverified; CG75 said 24 hours)",
        review=True,
    ),
    Rule(
        "LB-4 fever",
        L3,
        lambda f: f.has(Flag.FEVER),
        "A fever with back or neck pain can be a sign of infection.",
        "NICE CKS red flags; Yusuf, Finucane & Selfe 2019",
        review=True,
    ),
    Rule(
        "LB-4 immune system",
        L3,
        lambda f: f.has(Flag.IMMUNOSUPPRESSION),
        "A weakened immune system raises the chance that spinal pain comes from an infection.",
        "NICE CKS red flags; CLINICAL.md §1C R-L3",
        review=True,
    ),
    Rule(
        "LB-4 injecting drugs",
        L3,
        lambda f: f.has(Flag.IV_DRUG_USE),
        "Injecting drugs raises the chance that spinal pain comes from an infection.",
        "NICE CKS red flags; Yusuf, Finucane & Selfe 2019",
        review=True,
    ),
    Rule(
        "LB-3 minor injury with fracture risk",
        L3,
        lambda f: (
            f.has(Flag.MINOR_TRAUMA)
            and (f.has(Flag.OSTEOPOROSIS_OR_STEROIDS) or f.age_at_least(FRACTURE_AGE))
        ),
        "A fall or knock with thin bones, long-term steroids or older age can cause a broken "
        "bone in the spine.",
        "Downie et al. BMJ 2013;347:f7095 (age cut-off unverified)",
        review=True,
    ),
    Rule(
        "NK-2 neck injury",
        L3,
        lambda f: f.neck and f.has(Flag.MINOR_TRAUMA),
        "Neck pain after an injury needs a doctor's examination; this chat cannot check how "
        "well your neck moves.",
        "Canadian C-spine rule (Stiell et al.); CLINICAL.md NK-2 design choice",
        review=True,
    ),
    Rule(
        "NK-1 clumsy hands",
        L3,
        lambda f: f.has(Flag.HAND_CLUMSINESS, Flag.BOTH_HANDS_NUMB, Flag.LHERMITTE),
        "Clumsy or numb hands, or electric shocks down the spine when bending the head, can be a "
        "sign of pressure on the spinal cord in the neck and should be checked by a doctor today.",
        "AAFP 2020 neck pain; AO Spine/CSRS DCM guideline 2017 (L3 of 'L3-L4')",
        review=True,
    ),
    Rule(
        "NK-1 balance worse",
        L3,
        lambda f: f.neck and f.has(Flag.GAIT_DISTURBANCE),
        "Worsening balance or walking with neck pain can be a sign of pressure on the spinal cord "
        "and should be checked by a doctor today.",
        "AAFP 2020 neck pain; AO Spine/CSRS DCM guideline 2017 (L3 of 'L3-L4')",
        review=True,
    ),
    Rule(
        "NK-1 both arms",
        L3,
        lambda f: f.case.radiation is Radiation.BOTH_ARMS,
        "Numbness or tingling in both arms or hands with neck pain should be checked by a "
        "doctor today.",
        "AAFP 2020 neck pain; CLINICAL.md NK-1 ('Are both hands numb or tingly?')",
        review=True,
    ),
    Rule(
        "LB-2 foot drop",
        L3,
        lambda f: f.has(Flag.FOOT_DROP),
        "A foot that drags or slaps can be a sign of a pinched nerve and needs a doctor today.",
        "NHS Lothian RefHelp (level is a design choice)",
        review=True,
    ),
    Rule(
        "R-L3 weakness",
        L3,
        lambda f: f.has(Flag.LIMB_WEAKNESS),
        "New weakness in an arm or leg should be checked by a doctor today.",
        "CLINICAL.md §1C R-L3 (stable single-root weakness)",
    ),
    Rule(
        "LB-3 bruising",
        L3,
        lambda f: f.has(Flag.BRUISING),
        "Bruising or a graze over the spine after an injury raises the chance of a fracture.",
        "Downie et al. BMJ 2013;347:f7095 (contusion or abrasion; level is a design choice)",
        review=True,
    ),
    # ---- R-L4: see a doctor within a few days --------------------------------------------------
    Rule(
        "LB-5 weight loss",
        L4,
        lambda f: f.has(Flag.WEIGHT_LOSS),
        "Losing weight without trying should be checked by a doctor.",
        "NICE CKS red flags; Downie et al. BMJ 2013",
    ),
    Rule(
        "LB-5 night pain",
        L4,
        lambda f: f.has(Flag.NIGHT_PAIN),
        "Pain that stays at night whatever position you are in should be checked by a doctor.",
        "NICE CKS red flags",
    ),
    Rule(
        "LB-5/NK-6 age at onset",
        L4,
        _onset_age_outside_typical,
        "New spinal pain over the age of 50 or under 20 should be checked by a doctor.",
        "NICE CKS red flags (cut-offs unverified; 50 chosen over 55)",
        review=True,
    ),
    Rule(
        "LB-3 thin bones or steroids",
        L3,
        lambda f: f.has(Flag.OSTEOPOROSIS_OR_STEROIDS),
        "Thin bones or long-term steroid tablets raise the chance of a fracture in the spine.",
        "Downie et al. BMJ 2013;347:f7095 (L3 of 'L3-L4', the safer end)",
        review=True,
    ),
    Rule(
        "R-L4 leg pain not improving",
        L4,
        lambda f: f.back and _leg_dominant(f) and f.days_at_least(LEG_PAIN_REVIEW_DAYS),
        "Leg pain that has lasted four weeks or more should be checked by a doctor.",
        "CLINICAL.md §1C R-L4 (4 of '4-6 weeks')",
        review=True,
    ),
    Rule(
        "Very severe pain",
        L4,
        lambda f: f.pain_at_least(VERY_SEVERE_PAIN),
        "Pain of 8 out of 10 or more should be assessed by a doctor within a few days.",
        "Boonstra et al. 2016 severe band; design choice",
        review=True,
    ),
    # ---- R-L5: routine appointment -------------------------------------------------------------
    Rule(
        "LB-6 inflammatory back pain",
        L5,
        _inflammatory,
        "Long-lasting back pain with morning stiffness that eases with movement is worth a "
        "specialist referral to check for inflammatory back pain.",
        "NICE NG65 Spondyloarthritis 2017 §1.1",
    ),
    Rule(
        "R-L5 chronic pain",
        L5,
        lambda f: f.days_at_least(CHRONIC_ABOVE_DAYS + 1),
        "Pain that has lasted more than 12 weeks is worth a consultation.",
        "ACP 2017 (Qaseem et al.); NICE NG193 Chronic pain 2021",
    ),
    Rule(
        "R-L5 neck pain after 6 weeks",
        L5,
        lambda f: f.neck and f.days_at_least(NECK_REFERRAL_DAYS),
        "Neck pain that has lasted 6 weeks or more is worth a consultation.",
        "Devon formulary, Cervical spine (local example)",
        review=True,
    ),
    Rule(
        "R-L5 treatment not helped",
        L5,
        lambda f: f.highest_step_tried >= 2,
        "You have already tried supervised treatment, so a consultation can look at next steps.",
        "NICE NG59 stepped care; Devon formulary referral guidance",
    ),
    Rule(
        "R-L5 severe radiating pain",
        L5,
        _radiating_severe,
        "Severe pain spreading into an arm or leg is worth discussing with a specialist.",
        "NICE NG59 §1.3 (acute and severe sciatica)",
    ),
)
