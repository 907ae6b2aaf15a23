"""Phrases that name each normalised entity value, written for this project.

Kept compact (one wrapped list per value); the formatter is told to leave this file alone.

Phrases are matched on spaCy's NORM attribute, so "can't", "cant" and "cannot" all read "can not".
Mini-syntax, expanded by `bot.language.patterns`:
  word?      the word is optional
  a|b        either word
  @my        an optional determiner or possessive (my, the, his, her, their, your, our, a, an)
Hyphens between words are always optional ("mid back" matches "mid-back").
"""

from __future__ import annotations

# fmt: off

BODY_REGION: dict[str, list[str]] = {
    "neck": [
        "neck", "necks", "nek", "neckache", "neck ache", "cervical", "cervical spine", "c spine",
        "c-spine", "nape", "back of @my neck", "base of @my neck", "top of @my spine", "whiplash",
        "c5", "c6", "c7", "c4", "c5/6", "c6/7", "c4/5", "stiff neck", "crick in @my neck",
    ],
    "upper_back": [
        "upper back", "upperback", "uper back", "top of @my back", "upper spine",
        "between @my shoulder blade|blades", "between @my shoulderblades", "shoulder blade|blades",
        "shoulderblade|shoulderblades", "upper part of @my back",
    ],
    "mid_back": [
        "mid back", "midback", "middle back", "middle of @my back", "thoracic", "thoracic spine",
        "mid spine", "middle of @my spine", "t spine", "t12", "rib area of @my back",
    ],
    "lower_back": [
        "lower back", "low back", "lowerback", "lowback", "lower bak", "lowr back", "lower backk",
        "loweer back", "lumbar", "lumbar spine", "lower spine", "bottom of @my back",
        "small of @my back", "base of @my spine", "lumbago", "sciatica", "siatica", "sciatic",
        "sciatic nerve", "l4", "l5", "s1", "l4/5", "l4/l5", "l5/s1", "l3", "lower lumbar",
        "lumber", "lower part of @my back", "slipped disc", "slipped disk", "herniated disc",
        "herniated disk", "bulging disc", "bulging disk", "sacroiliac", "si joint",
    ],
    "back": [
        "back", "backs", "bak", "backache", "backaches", "back ache", "spine", "spinal", "spine's",
        "backpain", "bad back", "sore back",
    ],
    "tailbone": [
        "tailbone", "tail bone", "tail-bone", "coccyx", "coccydynia", "tail end of @my spine",
        "very bottom of @my spine",
    ],
}

# Phrases in which "back" (or another region word) does not mean a region of the spine.
NOT_REGION: list[str] = [
    "back of @my knee|knees|head|hand|hands|leg|legs|thigh|thighs|calf|calves|arm|arms|eye|eyes|throat|tongue|mouth|heel|heels|foot|feet|ankle|car|house|queue|line|room|class",
    "come|comes|came|coming|get|gets|got|getting|go|goes|went|going|call|called|ring|text|write|bring|brought|give|gave|pay|paid|look|looking|looked|step|stepped|sit|sat|lie|lay|lying|fight|cut|put|hold|holding|set|be|been|being|was|were|is|are|am|head|heading|send|sent|turn|turned|turning|bounce|think|thinking|flash|fall|fell|falling|hit|kick|kicked|kicks|roll|rolled|hear|moved|move|scroll|play|played|taking|take|took|drive|drove|drove|walk|walked|walking|ran|run|running|fly|flew|flying|travel|travelled|traveled|weeks|months|years|days|ways|way|while|right|straight|further|far|arch|all|pull|pulled|push|pushed|lean|leaning|leaned|brush|brushed|hold|snap|snapped|jump|jumped|throw|threw|trip|tripped back",
    "back then|home|again|later|soon|yet|there|here", "back and forth", "back on track",
    "back to work|normal|bed|sleep|school|you|me|square|front", "back at you", "my mind",
    "acne on @my back", "spots on @my back", "rash on @my back", "tattoo on @my back",
    "blackheads|whiteheads|zits|boils|cysts|freckles|hair|itching|eczema|psoriasis on @my back",
    "@my hair|money|life|confidence|energy|job|figure|looks back", "@my back is covered in",
    "back of @my skull|scalp|ear|ears",
    "pimples on @my back", "mole on @my back", "sunburn on @my back", "itchy back", "back pocket",
    "back door", "back garden", "back yard", "backyard", "back seat", "pain in the neck",
    "bottleneck", "neck and neck", "neck of the woods", "neckline", "back to back", "backpack",
    "backup", "back up", "back order", "feedback", "cashback", "throwback", "comeback", "setback",
    "drawback", "payback", "outback", "piggyback", "back stroke", "backstroke", "back teeth",
    "ring|call|text|phone|email|get|message me|us back",
    "spinal fusion|surgery|injection|injections|decompression|manipulation|cord|tap",
]

RADIATION: dict[str, list[str]] = {
    "leg": [
        "down @my leg", "into @my leg", "in @my leg", "down @my left|right leg",
        "into @my left|right leg", "leg pain", "pain in @my leg", "pain down @my leg",
        "into @my buttock|bum|butt|glute|hip|thigh|calf|foot|knee|ankle",
        "down @my buttock|bum|butt|glute|hip|thigh|calf|foot|knee|ankle",
        "down the back of @my thigh|leg", "down to @my foot|knee|ankle|calf|toes", "into @my toes",
        "sciatica", "siatica", "sciatic", "shooting down @my leg", "leg numb", "numb leg",
        "tingling in @my leg|foot|toes", "numb foot", "pins and needles in @my leg|foot|toes",
        "numbness in @my leg|foot|toes", "radiates down @my leg", "goes down @my leg",
        "travels down @my leg", "down the side of @my leg", "left leg", "right leg", "one leg",
        "leg", "thigh", "calf",
    ],
    "both_legs": [
        "both legs", "both @my legs", "both of @my legs", "both leg", "both sides of @my legs",
        "down @my legs", "into @my legs", "in @my legs", "both feet", "both of @my feet",
        "both thighs", "both calves", "in @my feet", "feel @my feet", "down the back of @my legs",
    ],
    "arm": [
        "down @my arm", "into @my arm", "in @my arm", "down @my left|right arm",
        "into @my left|right arm", "arm pain", "pain in @my arm",
        "into @my shoulder|hand|fingers|elbow|wrist", "down to @my hand|fingers|elbow|wrist",
        "tingling in @my arm|hand|fingers", "numb arm", "numb hand", "numb fingers",
        "pins and needles in @my arm|hand|fingers", "numbness in @my arm|hand|fingers",
        "radiates down @my arm", "goes down @my arm", "shooting down @my arm", "left arm",
        "right arm", "one arm", "arm", "tingling|numbness|numb|pain|pins in @my left|right? arm|hand|hands|fingers",
    ],
    "both_arms": [
        "both arms", "both @my arms", "both of @my arms", "both hands", "both @my hands",
        "both of @my hands", "down @my arms", "into @my arms", "in @my arms", "in @my hands",
        "@my arms are|feel|keep|went|have", "numb arms", "tingling arms", "weak arms",
    ],
}

SIDE: dict[str, list[str]] = {
    "left": [
        "left", "left side", "left hand side", "left-sided", "lhs",
    ],
    "right": [
        "right", "right side", "right hand side", "right-sided", "rhs",
    ],
    "both": [
        "both sides", "either side", "each side", "both side", "bilateral", "bilaterally",
    ],
}

NOT_SIDE: list[str] = [
    "right now", "right away", "all right", "alright", "that is right", "that 's right",
    "thats right", "you are right", "your right", "right after", "right then", "right before",
    "right ?", "right ok", "right okay", "is it right", "right thing", "the right to", "left over",
    "leftover", "left home", "left work", "left the", "left it", "left me", "left for",
    "left my job", "have left", "has left", "i left", "just left", "left alone",
]

TREATMENT: dict[str, list[str]] = {
    "advice_stay_active": [
        "stay active", "staying active", "keep moving", "kept moving", "keeping active",
        "kept active", "stayed active",
    ],
    "heat": [
        "heat", "heat pack", "heat packs", "heatpack", "heat pad", "heating pad", "heat wrap",
        "hot water bottle", "hot pack", "warm pack", "hot bath", "warm bath", "heat patches",
        "heat patch", "heat rub",
    ],
    "ice": [
        "ice", "ice pack", "ice packs", "icepack", "cold pack", "cold packs", "frozen peas",
        "icing", "iced it",
    ],
    "exercise": [
        "exercise", "exercises", "exercising", "stretching", "stretches", "stretch", "yoga",
        "pilates", "tai chi", "core exercises", "core work", "swimming", "gym",
        "mckenzie exercises",
    ],
    "posture_ergonomics": [
        "posture", "ergonomic", "ergonomics", "standing desk", "new chair", "desk setup",
        "desk set up", "office chair", "lumbar support", "lumbar roll", "new mattress",
        "workstation",
    ],
    "physical_therapy": [
        "physical therapy", "physical therapist", "physio", "physios", "physiotherapy",
        "physiotherapist", "pt", "p.t.", "physical therapy sessions", "phsyio", "fisio",
        "physio therapy", "rehab",
    ],
    "manual_therapy": [
        "chiro", "chiropractor", "chiropractors", "chiropractic", "chiropracter",
        "chiropractic adjustment", "adjustment", "adjustments", "osteopath", "osteopathy",
        "massage", "massages", "sports massage", "massage therapist", "manipulation",
        "spinal manipulation", "mobilisation", "mobilization", "back cracked", "cracked @my back",
        "crack @my back",
    ],
    "acupuncture": [
        "acupuncture", "acupuncturist", "dry needling", "accupuncture",
    ],
    "psychological_therapy": [
        "cbt", "cognitive behavioural therapy", "cognitive behavioral therapy", "counselling",
        "counseling", "pain management programme", "pain management program", "pain psychologist",
        "mindfulness", "talking therapy",
    ],
    "nsaids": [
        "nsaid", "nsaids", "ibuprofen", "iboprofen", "ibuprofin", "advil", "motrin", "nurofen",
        "naproxen", "aleve", "diclofenac", "voltaren", "voltarol", "anti inflammatories",
        "anti inflammatory", "antiinflammatories", "anti inflammatory tablets", "celecoxib",
        "celebrex", "meloxicam", "aspirin",
    ],
    "paracetamol": [
        "paracetamol", "tylenol", "acetaminophen", "panadol", "calpol",
    ],
    "prescription_medicines": [
        "tramadol", "codeine", "co codamol", "cocodamol", "oxycodone", "oxycontin", "opioid",
        "opioids", "morphine", "gabapentin", "pregabalin", "lyrica", "neurontin",
        "muscle relaxant", "muscle relaxants", "muscle relaxers", "diazepam", "valium",
        "duloxetine", "cymbalta", "amitriptyline", "cyclobenzaprine", "flexeril",
        "prescription painkillers", "naproxen from my doctor", "hydrocodone", "vicodin",
        "percocet",
    ],
    "epidural_steroid_injection": [
        "epidural", "epidurals", "epidural injection", "epidural steroid injection",
        "epidural steroid", "esi", "cortisone shot", "cortisone injection", "cortisone",
        "steroid injection", "steroid injections", "steroid shot", "steroid shots",
        "nerve root injection", "nerve root block", "transforaminal injection", "caudal injection",
        "caudal epidural", "spinal injection", "injection in @my spine", "injections in @my back",
        "injection in @my back", "cortisone injections", "cortizone",
    ],
    "facet_joint_injection": [
        "facet injection", "facet injections", "facet joint injection", "facet joint injections",
        "facet joint steroid", "joint injection",
    ],
    "medial_branch_block": [
        "medial branch block", "medial branch blocks", "mbb", "nerve block", "nerve blocks",
        "diagnostic block", "test block",
    ],
    "radiofrequency_ablation": [
        "radiofrequency", "radio frequency", "radiofrequency ablation", "rf ablation", "rfa",
        "rhizotomy", "denervation", "nerve ablation", "nerve burning", "burn the nerves",
        "burned the nerves", "burnt the nerves", "ablation",
    ],
    "prolotherapy": [
        "prolotherapy", "prolo", "prolo therapy", "prolotherapy injections", "dextrose injection",
        "dextrose injections", "sugar injection", "sugar injections", "proliferation therapy",
        "prolotheraphy",
    ],
    "neural_prolotherapy": [
        "neural prolotherapy", "perineural injection therapy", "perineural injections",
        "perineural injection", "lyftogt",
    ],
    "prp": [
        "prp", "platelet rich plasma", "platelet-rich plasma", "platelet injection",
        "platelet injections", "prp injection", "prp injections", "platelets",
    ],
    "regenerative_injection": [
        "stem cell", "stem cells", "stem cell injection", "stem cell therapy", "bone marrow",
        "bone marrow concentrate", "bmac", "regenerative medicine", "regenerative injection",
        "regenerative therapy", "exosomes", "exosome",
    ],
    "discectomy": [
        "discectomy", "microdiscectomy", "micro discectomy", "diskectomy", "microdiskectomy",
        "disc surgery", "disk surgery", "decompression surgery", "spinal decompression",
        "decompression", "laminectomy", "back surgery", "spine surgery", "spinal surgery",
        "back operation", "operation on @my back",
    ],
    "spinal_fusion": [
        "fusion", "spinal fusion", "spine fusion", "fused", "fusion surgery", "vertebrae fused",
        "lumbar fusion", "cervical fusion", "rods and screws",
    ],
    "cervical_myelopathy_surgery": [
        "acdf", "cervical decompression", "neck surgery", "neck operation", "myelopathy surgery",
        "cervical surgery", "laminoplasty",
    ],
}

RED_FLAG: dict[str, list[str]] = {
    "saddle_numbness": [
        "saddle numbness", "saddle anaesthesia", "saddle anesthesia", "saddle area",
        "numb between @my legs", "numbness between @my legs", "numb down there",
        "numbness down there", "tingling down there", "pins and needles down there",
        "numb around @my bottom|bum|butt|anus|genitals|groin|privates|vagina|penis|crotch|perineum",
        "numbness around @my bottom|bum|butt|anus|genitals|groin|privates|vagina|penis|crotch",
        "numbness in @my bottom|bum|butt|genitals|groin|privates|crotch|perineum",
        "tingling around @my bottom|bum|butt|genitals|groin|privates|crotch",
        "tingling in @my bottom|bum|butt|genitals|groin|privates|crotch",
        "pins and needles around @my bottom|bum|butt|genitals|groin|privates|crotch",
        "pins and needles in @my bottom|bum|butt|genitals|groin|privates|crotch", "numb groin",
        "numb bum", "numb bottom", "numb butt", "numb crotch", "numb genitals", "groin is numb",
        "bum is numb", "bottom is numb", "butt is numb", "crotch is numb", "groin numb",
        "groin numbness", "perineal numbness", "numb perineum",
        "can not feel @my bottom|bum|butt|genitals|groin|privates|crotch|anus",
        "can not feel it when i wipe", "can not feel when i wipe", "feels different when i wipe",
        "different when i wipe", "numb when i wipe", "no feeling in @my groin|bottom|bum|genitals",
        "lost feeling in @my groin|bottom|bum|genitals|privates", "numb in @my private parts",
        "numbness in @my private parts", "numb private parts", "numbness between @my buttocks",
        "numb between @my buttocks", "numbness in @my saddle area", "inner thighs numb",
        "numb inner thighs", "numbness in @my inner thighs", "numb around @my back passage",
        "numbness around @my back passage", "numb where i sit",
        "can not feel anything when i wipe", "no feeling down there",
        "can no longer feel anything when i wipe", "no longer feel anything when i wipe",
        "can no longer feel @my bottom|bum|butt|genitals|groin|privates|crotch", "private parts are numb",
        "genitals feel numb", "backside is numb",
    ],
    "bladder_dysfunction": [
        "bladder problems", "bladder problem", "bladder issues", "bladder issue",
        "bladder trouble", "bladder control", "control of @my bladder",
        "lost control of @my bladder", "losing control of @my bladder",
        "no control of @my bladder", "no control over @my bladder", "can not control @my bladder",
        "can not control @my pee|wee|urine", "incontinence", "incontinent", "urinary incontinence",
        "urinary retention", "retention", "wet myself", "wetting myself", "peed myself",
        "pee'd myself", "wee'd myself", "weed myself", "peeing myself", "wetting the bed",
        "wet the bed", "leaking urine", "leaking pee", "leaking wee", "leak urine", "leaking when",
        "leaked urine", "leaked pee", "can not pee", "can not wee", "can not urinate",
        "unable to pee", "unable to urinate", "trouble peeing", "trouble urinating",
        "difficulty peeing", "difficulty urinating", "hard to pee", "hard to start peeing",
        "struggling to pee", "struggle to pee", "can not start peeing", "can not stop peeing",
        "can not feel when i pee", "can not feel when i wee", "can not feel when i urinate",
        "can not feel @my bladder", "can not tell if @my bladder is full",
        "can not feel if @my bladder is full", "needed pads", "need pads", "wearing pads",
        "pee is weak", "weak stream", "pee without knowing", "peeing without realising",
        "peeing without realizing", "bladder is not working", "bladder not working",
        "bladder has stopped", "have not peed", "not peed", "not been able to pee",
        "not able to pee", "dribbling", "can not hold @my pee|wee|urine|water", "peed @my pants",
        "wet @my pants", "can not tell when i need to pee|wee",
        "can not stop peeing|weeing|leaking|wetting", "bladder and bowels have stopped working",
        "waterworks have gone funny", "waterworks are not right", "waterworks have stopped",
        "only a trickle comes out", "a trickle comes out", "do not get the urge to pee|wee|go",
        "no urge to pee|wee|go", "can not tell when i need to go", "do not know when i need to go",
    ],
    "bowel_dysfunction": [
        "bowel problems", "bowel problem", "bowel issues", "bowel trouble", "bowel control",
        "control of @my bowels|bowel", "lost control of @my bowels|bowel",
        "losing control of @my bowels|bowel", "no control of @my bowels|bowel",
        "can not control @my bowels|bowel|poo|poop", "bowel incontinence", "faecal incontinence",
        "fecal incontinence", "soiled myself", "soiling myself", "pooed myself", "pooped myself",
        "pooping myself", "messed myself", "shat myself", "shit myself", "accident in @my pants",
        "accidents in @my pants|underwear|knickers|trousers|sleep", "accident in @my sleep",
        "can not feel when i poo|poop|go to the toilet", "can not feel @my bowels",
        "can not hold @my poo|poop|bowels", "can not feel wind", "can not feel when i pass wind",
        "leaking poo", "leaking stool", "bowels are not working", "bowels not working",
        "bowel movements without feeling", "pooed @my pants", "pooped @my pants",
        "bowels have stopped working",
        "do not get the urge to go to the toilet", "no urge to go to the toilet",
        "lost the urge to go",
    ],
    "sexual_dysfunction": [
        "erectile dysfunction", "erection problems", "can not get an erection",
        "can not get it up", "can not keep an erection", "problems with erections",
        "trouble getting an erection", "no feeling during sex", "can not feel anything during sex",
        "loss of sensation during sex", "lost feeling during sex", "can not ejaculate",
        "impotence", "impotent", "numb during sex",
    ],
    "bilateral_leg_symptoms": [
        "legs giving way", "legs keep giving way", "legs buckling", "legs are weak", "weak legs",
        "both legs", "both @my legs", "both of @my legs", "down @my legs", "both feet",
        "both of @my feet", "both thighs", "bilateral sciatica", "sciatica on both sides",
        "sciatica in both legs", "both sides of @my legs", "now in both legs",
        "spread to @my other leg", "spread to both legs", "into @my legs", "can not feel @my feet",
        "numb feet", "feet are numb", "feet numb", "feet tingling", "tingling in @my feet",
        "legs are numb", "legs numb", "numb legs", "numbness in @my legs", "numbness in both legs",
        "legs are tingling", "tingling in @my legs", "legs have gone numb",
        "pins and needles in @my legs|feet", "legs feel numb", "feet feel numb",
        "numb|dead from the waist|hips down", "no feeling from the waist|hips down",
        "can not feel anything from the waist|hips down",
        "either leg", "both @my thighs", "both thighs", "both of @my thighs", "in both @my feet",
        "no sensation in both", "no strength in either leg",
        "legs give out", "legs gave out", "legs giving out", "can not move @my legs",
        "can not feel @my legs", "legs will not work", "legs wont work", "legs do not work",
        "legs will not hold me", "legs wont hold me", "can not put any weight on @my legs",
        "legs are getting weaker", "legs getting weaker", "legs are weaker",
    ],
    "progressive_weakness": [
        "getting weaker", "legs are getting weaker", "leg is getting weaker",
        "arms are getting weaker", "weakness is getting worse", "weakness getting worse",
        "weaker and weaker", "weaker every day", "weaker by the day", "losing strength",
        "lost strength in @my legs|leg|arms|arm", "legs giving way", "legs keep giving way",
        "leg keeps giving way", "legs gave way", "leg gave way", "legs buckling", "leg buckling",
        "legs give out", "leg gives out", "legs are weak", "weak legs", "weakness in @my legs",
        "legs feel weak", "legs went weak", "arms feel weak", "weakness in @my arms|arm|hands",
        "weak arms", "arms are weak", "going weak", "weakness spreading", "progressive weakness",
        "weaker day by day", "weaker n weaker", "weakness keeps spreading", "weakness is spreading",
        "getting weaker every day", "weaker every morning",
    ],
    "foot_drop": [
        "foot drop", "drop foot", "foot drags", "foot is dragging", "dragging @my foot",
        "drag @my foot", "foot slaps", "foot slapping", "can not lift @my foot|toes",
        "can not raise @my foot|toes", "can not pull @my foot up", "tripping over @my foot|toes",
        "catching @my toes", "foot flops", "floppy foot", "can not walk on @my heels",
        "can not stand on @my heels", "foot keeps catching", "foot catches", "toes catch",
        "foot has gone floppy", "foot 's gone floppy", "foot is floppy", "foot just drops",
        "foot drops", "toes will not point up", "can not point @my toes up",
        "can not lift the front of @my foot", "started slapping", "slapping when i walk",
        "slaps when i walk", "can not walk on @my heel",
    ],
    "unable_to_walk": [
        "can not walk", "unable to walk", "can not move @my legs", "can not get to hospital",
        "can not get to the hospital", "not able to walk", "legs do not work",
        "legs will not work", "can not feel @my legs", "can not really walk", "can barely walk",
        "can hardly walk",
        "unable to stand", "can not stand or walk", "can not stand at all", "had to crawl",
        "crawl to the", "crawling to the", "can not put any weight on @my legs",
        "legs will not hold me", "will not let me stand", "can not get up or walk",
        "can not walk to the loo|toilet|bathroom|kitchen",
    ],
    "gait_disturbance": [
        "walking is getting worse", "walking getting worse", "walking has got worse",
        "trouble walking", "difficulty walking", "hard to walk", "struggling to walk",
        "unsteady on @my feet", "unsteady", "wobbly", "balance is off", "balance is bad",
        "balance is worse", "losing @my balance", "lost @my balance", "off balance",
        "poor balance", "bad balance", "walking funny", "walk funny", "walking strangely",
        "stumbling", "keep stumbling", "keep falling", "keep falling over", "falls", "shuffling",
        "staggering", "clumsy walking", "legs feel clumsy", "legs are clumsy",
        "walking like i am drunk", "walk like i am drunk", "like i am drunk", "like i am on a boat",
        "walk looks strange", "walking looks strange", "walk looks odd", "walking looks odd",
    ],
    "hand_clumsiness": [
        "clumsy hands", "hands are clumsy", "hands feel clumsy", "clumsy with @my hands",
        "dropping things", "drop things", "keep dropping things", "dropped things",
        "keep dropping", "trouble with buttons", "can not do up buttons", "can not do buttons",
        "can not do up @my buttons", "struggle with buttons", "fumbling", "fumble",
        "can not write properly", "handwriting has got worse", "handwriting is worse",
        "trouble writing", "can not grip", "grip is weak", "weak grip", "lost @my grip",
        "trouble typing", "can not type", "trouble using @my phone",
        "fingers feel clumsy", "fingers are clumsy", "clumsy fingers", "fingers feel thick",
        "can not pick coins", "can not pick up coins", "struggling with earrings|zips|buttons",
        "fiddly stuff", "fiddly things", "typing on @my phone is hard|difficult",
    ],
    "major_trauma": [
        "car accident", "car crash", "road accident", "traffic accident", "crashed @my car",
        "rear ended", "rear-ended", "hit by a car", "knocked down by a car", "hit by a truck",
        "motorbike accident", "motorcycle accident", "motorbike crash", "bike accident",
        "bike crash", "cycling accident", "fell off @my bike", "came off @my bike", "quad bike",
        "atv", "fell off a ladder", "fell off the ladder", "fell from a ladder", "fell off a roof",
        "fell off the roof", "fell from a height", "fall from a height", "fell from height",
        "fell down the stairs", "fell down stairs", "fell down a flight", "fall down the stairs",
        "fell off a horse", "thrown from a horse", "diving accident", "dived into", "dove into",
        "diving into", "hit @my head diving", "rugby tackle", "tackled", "high speed", "rollover",
        "rolled the car", "accident", "crash", "collision", "fell off a wall",
        "fell off the trampoline", "fell off a trampoline", "whiplash", "skiing accident",
        "snowboarding accident", "fell from the loft", "serious fall", "bad fall", "big fall",
        "major accident", "explosion", "assaulted", "beaten up", "was attacked", "got attacked",
        "head injury", "hit @my head", "knocked out",
        "flight of stairs", "came off @my motorbike|motorcycle|horse|scooter",
        "fell off @my motorbike|motorcycle|scooter", "knocked off @my bike", "fell on top of me",
        "forklift",
    ],
    "minor_trauma": [
        "slipped", "tripped", "fell over", "fell", "fall", "a fall", "had a fall", "bumped",
        "knocked", "banged", "landed on @my back|bottom|bum|tailbone", "sat down hard",
        "missed a step", "missed the step", "slipped on ice", "fell on ice", "went over on",
        "tumble", "stumbled and fell",
        "jarred", "a little slip", "little slip", "missed the bottom step", "hit the edge",
        "landed on it", "tackle",
    ],
    "limb_numbness": [
        "numbness", "numb", "tingling", "tingly", "pins and needles", "pins & needles",
        "lost feeling", "loss of feeling", "no feeling", "can not feel",
        "burning down @my leg|arm", "numbish", "pins n needles",
        "tingles", "tingle", "tingled", "goes numb", "went numb", "gone numb",
    ],
    "limb_weakness": [
        "leg is weak", "weak leg", "leg feels weak", "arm is weak", "weakness", "dead leg",
        "dead arm", "weakness in @my arm|leg|hand", "arm feels weak", "hand is weak", "weak hand",
        "lost strength in @my hand",
        "can not lift @my arm", "can not lift it above @my head", "grip in @my hand has gone weak",
        "knee buckles", "leg gives way", "leg keeps giving way", "can not stand on tiptoe",
        "can not stand on @my toes", "weaker in @my left|right leg|arm", "arm is weaker",
        "leg is weaker",
        "grip has gone weak", "can not stand on @my toes|tiptoes", "can barely lift",
        "could not hold the pen", "can not hold a pen|cup|mug",
    ],
    "lhermitte": [
        "electric shock", "electric shocks", "electric shock feeling",
        "electricity down @my spine|back|arms|legs", "shock down @my spine|back|arms|legs",
        "lhermitte", "lhermitte 's",
        "electric feeling", "electric zing", "zing down", "live wire", "buzzing jolt",
        "jolt down @my back|spine|arms|legs", "shooting electric",
    ],
    "both_hands_numb": [
        "both hands are numb", "both hands numb", "numb hands", "hands are numb",
        "hands are tingling", "both hands tingle", "tingling in both hands", "both hands tingling",
        "both @my hands are numb|tingling|tingly",
        "both hands feel asleep", "both hands and arms", "numbness in both hands",
        "pins and needles in both hands", "both @my hands have gone numb",
        "fingers on both @my hands",
    ],
    "very_unwell": [
        "very unwell", "really unwell", "really ill", "very ill", "feel terrible",
        "feeling terrible", "feel awful", "feeling awful", "really poorly", "very poorly",
        "wiped out",
        "feel like death", "so poorly", "not right at all", "feel dreadful", "feeling dreadful",
        "feel rough", "feel really rough", "weak and shaky all over", "can not keep anything down",
    ],
    "meningism": [
        "can not bend @my chin to @my chest", "can not touch @my chin to @my chest",
        "can not put @my chin on @my chest", "chin to @my chest", "light hurts @my eyes",
        "sensitive to light", "light sensitivity", "photophobia", "neck is too stiff to bend",
        "stiff neck and a fever", "stiff neck and fever",
        "neck is rigid", "rigid neck", "neck rigid", "can not put @my chin down",
        "can not look at the light", "keep the curtains shut", "keep the curtains closed",
        "light is hurting @my eyes", "light hurting @my eyes", "light bothers @my eyes",
        "light is bothering @my eyes", "bothering @my eyes", "can not stand the light",
        "can not look at @my phone|screen",
    ],
    "bruising": [
        "bruise", "bruised", "bruises", "bruising", "graze", "grazed", "grazes", "scrape",
        "scraped", "swelling over @my spine", "cut on @my back",
        "black and blue", "purple mark", "purple marks",
    ],
    "chest_pain": [
        "chest pain", "chest pains", "pain in @my chest", "chest hurts", "chest is tight",
        "tight chest", "tightness in @my chest", "chest tightness", "pressure in @my chest",
        "chest pressure", "squeezing in @my chest", "heavy chest", "heaviness in @my chest",
        "heart attack", "angina", "short of breath", "shortness of breath", "breathless",
        "breathlessness", "can not breathe", "can not catch @my breath", "struggling to breathe",
        "trouble breathing", "hard to breathe", "difficulty breathing", "out of breath",
        "jaw and arm", "pain in @my jaw", "jaw pain", "into @my jaw", "up to @my jaw",
        "up @my jaw", "elephant sitting on", "sitting on @my chest", "crushing chest pain",
        "crushing pain in @my chest", "pain spreading to @my jaw", "cold sweat",
        "sweaty and sick", "chest feels tight", "chest feels heavy", "elephant on @my chest",
        "weight on @my chest", "sick and sweaty", "sweaty and sick", "left arm and jaw",
        "arm and jaw",
        "sweaty and feel sick", "feel sick and sweaty", "sweaty and nauseous",
        "and jaw and down @my left arm",
        "faint and sweaty", "sweaty and faint",
    ],
    "tearing_pain": [
        "tearing pain", "tearing feeling", "tearing sensation", "ripping pain", "ripping feeling",
        "ripping sensation", "feels like something tore", "feels like tearing",
        "like something ripped", "tearing through to @my back", "sudden rip", "something tore",
        "something ripped", "ripped through", "tore through", "ripping through",
        "like it is tearing", "feels like it is tearing", "like being torn", "being torn in half",
        "something is ripping", "something is tearing", "like it 's tearing",
        "feels like it 's tearing",
    ],
    "fainting": [
        "fainted", "fainting", "passed out", "passing out", "blacked out", "blacking out",
        "collapsed", "collapse", "nearly fainted", "almost fainted", "felt faint", "feel faint",
        "feeling faint", "light headed", "lightheaded", "cold and clammy", "clammy",
        "lost consciousness", "keeled over", "nearly passed out", "going to pass out",
        "going to faint", "about to pass out", "about to faint", "everything went dark|black",
        "everything goes dark|black", "came round on",
        "came to on", "woke up on the floor", "found myself on the floor", "out cold",
        "knocked out",
        "swooned", "swoon", "hit the deck", "dropped to the floor", "came over faint",
        "coming over all faint", "come over all faint", "coming over faint", "come over faint",
        "went over all faint", "do not remember falling", "fell unconscious", "went unconscious",
    ],
    "aortic_aneurysm": [
        "aortic aneurysm", "aneurysm", "aneurism", "aaa", "pulsing lump", "pulsating lump",
        "throbbing lump in @my tummy|stomach|belly|abdomen", "pulsating mass",
        "pulse in @my tummy|stomach|belly", "lump in @my tummy that pulses",
        "lump in @my tummy|stomach|belly|abdomen that throbs|pulses|pulsates|beats",
        "throbbing lump|bulge|mass", "pulsating lump|bulge|mass", "pulsatile mass",
        "pulsatile lump", "beating like a heart", "beating like heart",
        "like a heartbeat in @my tummy|stomach|belly",
    ],
    "stroke_symptoms": [
        "double vision", "seeing double", "blurred vision", "blurry vision", "vision loss",
        "lost vision", "slurred speech", "slurring", "slurring @my words", "speech is slurred",
        "trouble speaking", "can not speak", "can not talk properly", "words come out wrong",
        "trouble swallowing", "difficulty swallowing", "can not swallow", "face drooping",
        "face is drooping", "drooping face", "droopy face", "face droop", "drooping eyelid",
        "droopy eyelid", "eyelid drooping", "eyelid is drooping", "dizzy", "dizziness", "vertigo",
        "room spinning", "room is spinning", "drop attack", "drop attacks", "one side of @my body",
        "one side of @my face", "numb on one side", "weak on one side", "stroke", "mini stroke",
        "tia", "confused speech", "face has dropped", "face dropped", "face has drooped",
        "face is lopsided", "words came out jumbled", "words jumbled", "jumbled words",
        "words are jumbled", "can not see properly", "vision went", "arm went weak",
        "leg went weak", "lost the use of @my arm|leg",
        "talking funny", "speech is funny", "speech has gone funny", "numb down one side",
        "one whole side of @my body", "down one side of @my body", "words coming out wrong",
        "words are coming out wrong",
    ],
    "sudden_severe_headache": [
        "worst headache", "worst headache of @my life", "worst headache ever",
        "thunderclap headache", "thunderclap", "sudden headache", "sudden severe headache",
        "sudden bad headache", "headache came on suddenly", "headache out of nowhere",
        "explosive headache", "severe headache", "splitting headache",
        "headache like never before", "headache unlike any", "really bad headache", "bad headache",
        "awful headache", "terrible headache",
    ],
    "fever": [
        "fever", "fevers", "feverish", "temperature", "high temperature", "high temp", "chills",
        "shivers", "shivering", "shivery", "rigors", "night sweats", "sweats", "hot and cold",
        "burning up", "febrile", "running a temperature", "sweating a lot at night",
        "sweating at night", "sweats at night", "sweaty at night", "drenched in sweat",
        "soaked in sweat", "sweating in bed", "sweating in @my sleep",
        "i feel hot", "i am hot and cold", "feeling hot and cold", "hot and shivery",
        "roasting hot", "boiling hot and", "sweating buckets at night",
    ],
    "confusion_or_rash": [
        "confused", "confusion", "drowsy", "drowsiness", "very sleepy", "can not stay awake",
        "rash", "rash that does not fade", "purple rash", "spots that do not fade", "delirious",
        "not making sense",
        "can not think straight", "muddled", "foggy head", "head is foggy", "brain fog",
        "everything is foggy", "everything 's foggy", "not making any sense", "got lost driving",
        "head is all over the place", "head 's all over the place", "non blanching", "glass test",
    ],
    "iv_drug_use": [
        "inject drugs", "injecting drugs", "injected drugs", "iv drugs", "iv drug",
        "intravenous drugs", "shoot up", "shooting up", "heroin", "injecting heroin",
        "use needles", "used needles", "meth",
        "i inject", "injecting into @my groin|arm|arms|veins|leg|legs",
    ],
    "immunosuppression": [
        "immunosuppressed", "immunosuppressant", "immunosuppressants", "immune suppressants",
        "immunocompromised", "weak immune system", "weakened immune system",
        "immune system is weak", "low immune system", "transplant", "kidney transplant",
        "liver transplant", "transplant drugs", "anti rejection", "hiv", "biologics",
        "methotrexate", "on chemo", "having chemo", "chemotherapy", "chemo",
        "prednisolone", "prednisone", "long term steroids", "steroid tablets long term",
        "steroids long term",
    ],
    "cancer_history": [
        "cancer", "cancers", "had cancer", "history of cancer", "tumour", "tumor", "tumours",
        "tumors", "malignancy", "malignant", "lymphoma", "leukaemia", "leukemia", "myeloma",
        "melanoma", "metastases", "metastatic", "mets", "secondaries", "oncologist", "oncology",
        "radiotherapy", "radiation therapy", "in remission", "chemo", "chemotherapy", "mastectomy",
        "carcinoma", "sarcoma",
    ],
    "weight_loss": [
        "weight loss", "lost weight", "losing weight", "lost a lot of weight",
        "lost weight without trying", "weight dropping", "dropped weight", "dropped a stone",
        "lost a stone", "lost kilos", "lost pounds", "clothes are loose", "getting thinner",
        "unexplained weight loss", "weight has dropped", "lost 5 kg", "lost 10 pounds",
        "lost about a stone", "lost a stone", "lost half a stone", "lost loads of weight",
        "lost so much weight", "dropped 6kg", "weight is dropping off", "dropping off me",
        "clothes are hanging off me", "without meaning to",
    ],
    "night_pain": [
        "night pain", "pain at night", "pain in the night", "worse at night", "worst at night",
        "wakes me up", "wakes me at night", "woken by the pain", "wakes me", "woken up by",
        "keeps me awake", "keeps me up at night", "can not sleep", "can not get to sleep",
        "can not sleep because of", "no position helps", "nothing helps at night",
        "up all night with", "unable to sleep", "awake all night", "hurts all night",
        "pain all night", "at night even when i change position",
        "keeps waking me", "keeps waking me up", "awake most of the night", "even at night",
        "at night lying down", "lying still in bed at night", "even lying still",
        "turning over does not help", "in bed at night",
    ],
    "osteoporosis_or_steroids": [
        "osteoporosis", "osteoporotic", "osteopenia", "brittle bones", "thin bones", "weak bones",
        "bone density", "low bone density", "steroids", "steroid tablets", "steroid pills",
        "on steroids", "prednisolone", "prednisone", "long term steroids", "long-term steroids",
        "dexamethasone", "hydrocortisone tablets",
    ],
    "inflammatory_pattern": [
        "morning stiffness", "stiff in the morning", "stiff in the mornings",
        "stiff every morning", "stiffness in the morning", "stiff first thing",
        "better with exercise", "better when i move", "better once i get moving",
        "eases with movement", "improves with exercise", "worse with rest", "not better with rest",
        "wakes me in the early hours", "second half of the night", "ankylosing spondylitis",
        "spondylitis", "spondyloarthritis", "psoriasis", "uveitis", "crohns", "crohn 's",
        "ulcerative colitis", "iritis",
        "moving around helps", "moving about helps", "movement helps", "rest makes it worse",
        "resting makes it worse", "better after a run|walk|swim", "walk about to ease",
        "walk around to ease", "loosens up", "loosen it up", "takes ages to loosen",
    ],
}

# Phrases in which a red-flag word does not mean the red flag.
NOT_RED_FLAG: list[str] = [
    "fell asleep", "fall asleep", "falling asleep", "falls asleep", "in the fall", "this fall",
    "last fall", "since the fall of", "slipped disc|disk", "collapsed disc|disk|vertebra",
    "disc|disk collapse", "water retention", "fluid retention", "steroid injection|injections",
    "steroid shot|shots", "epidural steroid", "steroid epidural", "fall in love", "falling out",
    "fell out", "accident prone", "by accident", "accidentally", "no accident", "spinning class",
    "stroke of luck", "heat stroke", "heatstroke", "back stroke", "breast stroke",
    "temperature outside", "room temperature", "drop things off", "knocked off work",
    "dead tired", "dead on @my feet", "dead beat",
    "itchy rash", "itchy", "heat rash", "nappy rash", "sweat rash", "skin rash", "eczema",
    "rash on @my back|arm|arms|legs|chest|skin|face",
    "balls of @my feet|foot", "tear in @my disc|muscle|ligament|annulus", "torn muscle|disc|ligament",
    "pulled muscle", "tearing @my hair out", "tearing me apart",
    "hay fever", "hayfever",
    "fell behind", "short course of steroids|prednisolone", "inject insulin", "injecting insulin",
]

# Words that make a symptom mention absent: it is denied, or only asked about.
NEGATION_CUES = frozenset([
    "absent", "denied", "denies", "deny", "denying", "free", "nah", "negative", "neither", "never",
    "no", "non", "none", "nope", "nor", "not", "nothing", "ruled", "without", "zero",
])
# Phrases (as NORM token sequences) before a mention that make it hypothetical, not present.
HYPOTHETICAL_CUES: tuple[tuple[str, ...], ...] = (
    ("what", "if"), ("if",), ("in", "case"), ("incase",), ("should", "i", "worry"),
    ("worried", "about", "getting"), ("could", "i", "get"), ("could", "it", "cause"),
    ("can", "it", "cause"), ("will", "i", "get"), ("watch", "out", "for"), ("look", "out", "for"),
    ("does", "it", "cause"), ("can", "you", "get"), ("do", "people", "get"),
    ("what", "happens", "if"), ("when", "should"), ("unless",),
    # A worry about a diagnosis is not a history of it ("worried it might be a tumour").
    ("worried", "it"), ("scared", "it"), ("afraid", "it"), ("worried", "that", "it"),
    ("might", "be", "a"), ("could", "be", "a"), ("could", "it", "be"), ("is", "it", "a"),
)
# Words after a mention, in its sentence, that say it is over ("used to have pins and needles,
# gone now", "a fever, that's cleared up", "a mini stroke 5 years ago"). A token sequence; "*"
# stands for "the sentence ends or 'now' follows" so that "it's gone numb" is not read as over.
RESOLVED_AFTER_CUES: tuple[tuple[str, ...], ...] = (
    ("gone", "*"), ("gone", "away"), ("went", "away"), ("cleared", "*"), ("cleared", "up"),
    ("all", "cleared"), ("faded", "*"), ("resolved",), ("recovered",), ("sorted", "*"),
    ("long", "sorted"), ("no", "longer", "there"), ("nothing", "since"), ("went", "the", "same"),
    ("clear", "now"), ("years", "ago"), ("year", "ago"), ("last", "year"), ("as", "a", "teenager"),
    ("as", "a", "child"), ("as", "a", "kid"), ("a", "few", "years", "back"), ("years", "back"),
    ("settled", "*"), ("disappeared",), ("back", "to", "normal"), ("fine", "again"),
)
# Words that make "gone" a loss, not a recovery ("the feeling in my legs has gone").
LOSS_WORDS = frozenset([
    "feeling", "sensation", "strength", "control", "power", "grip", "use", "balance", "urge",
])
# Words before a mention, in its clause, that say it is over ("I used to get", "I no longer get").
RESOLVED_BEFORE_CUES: tuple[tuple[str, ...], ...] = (
    ("used", "to"), ("no", "longer", "get"), ("no", "longer", "have"),
)
# Red flags that stay true once they have happened: a history is a history ("had cancer, in
# remission now", "injected drugs years ago"), so a resolved cue never removes them.
HISTORY_FLAGS = frozenset([
    "cancer_history", "osteoporosis_or_steroids", "immunosuppression", "iv_drug_use",
    "inflammatory_pattern", "aortic_aneurysm",
])
# Other people: a mention whose clause is about one of them ("my husband has a fever", "my mum
# fainted") is not the person's own symptom.
OTHER_PEOPLE = frozenset([
    "husband", "wife", "partner", "mum", "mom", "mother", "dad", "father", "son", "daughter",
    "baby", "toddler", "child", "kid", "kids", "children", "brother", "sister", "nan", "nana",
    "gran", "granny", "grandma", "grandad", "grandpa", "grandmother", "grandfather", "friend",
    "colleague", "boyfriend", "girlfriend", "uncle", "aunt", "auntie", "cousin", "neighbour",
    "neighbor", "boss", "flatmate", "housemate", "nephew", "niece",
])

# Words after a mention that deny it ("bladder is fine", "bowels normal").
NEGATION_AFTER_CUES = frozenset([
    "alright", "fine", "good", "grand", "normal", "ok", "okay", "unaffected", "unchanged",
])
# Words that end a negation's scope.
SCOPE_BREAKS = frozenset([
    "!", ",", ".", ";", "?", "also", "although", "and", "apart", "because", "besides", "but",
    "except", "however", "now", "plus", "since", "still", "then", "though", "yet", "until",
    "till", "when", "before", "after", "while", "whenever",
])

# Two groups of words in one clause, a few words apart, that together name a red flag, so that
# phrasings no list foresees are still found ("my privates have gone numb", "I leaked pee").
PROXIMITY: list[tuple[str, list[str], list[str], int]] = [
    ("saddle_numbness",
     ["groin", "genitals", "genital", "private parts", "privates", "bum", "backside", "bottom",
      "butt", "buttocks", "anus", "back passage", "perineum", "crotch", "down there",
      "where i sit", "when i wipe", "vagina", "penis", "testicles", "scrotum", "inner thighs",
      "saddle", "between @my legs", "@my bits", "own bits", "lady bits", "lady parts",
      "nether regions", "undercarriage", "bits down there",
      "sitting area", "down below", "my balls", "inside of @my legs", "loo seat", "toilet seat",
      "the paper", "when i wipe @my bottom|bum"],
     ["numb", "numbness", "tingling", "tingly", "pins and needles", "no feeling", "can not feel",
      "feel nothing", "lost feeling", "loss of feeling", "reduced feeling", "feels different",
      "feel different", "dead", "rubbery", "numbed", "frozen", "like an anaesthetic",
      "like an anesthetic", "dentist", "dentist 's", "block of ice",
      "without feeling", "no sensation", "feels weird", "not my own", "can not really feel",
      "can hardly feel", "can barely feel", "feel weird", "feel nothing",
      "do not have any feeling", "lost sensation", "any feeling"],
     6),
    ("bladder_dysfunction",
     ["pee", "peeing", "peed", "wee", "weeing", "urine", "urinate", "urinating", "bladder",
      "waterworks", "urination"],
     ["can not", "unable", "trouble", "difficulty", "hard to", "struggle", "struggling", "control",
      "leak", "leaking", "leaked", "leaks", "hold", "stopped", "accident", "accidents", "pads",
      "retention", "incontinent", "incontinence", "lost", "losing", "pants", "without realising",
      "without realizing", "without noticing", "not working", "dribble", "dribbling",
      "nothing came out", "nothing comes out", "nothing coming out", "nothing will come out",
      "will not come out", "would not come out", "does not come out", "did not come out",
      "not coming out", "bursting", "just a trickle", "only a trickle", "can not go",
      "not able", "not been able", "been unable", "strain", "straining", "have to push",
      "do not know when", "can not tell when", "no urge", "will not come", "would not come",
      "just will not", "not come"],
     5),
    ("bowel_dysfunction",
     ["poo", "poop", "pooing", "pooping", "bowel", "bowels", "stool", "stools", "faeces", "feces",
      "number two", "number twos", "wind", "number two kind", "poos", "the other kind"],
     ["can not", "unable", "control", "leak", "leaking", "leaked", "hold", "accident", "accidents",
      "lost", "losing", "pants", "without realising", "without realizing", "without noticing",
      "not working", "stopped",
      "slip out", "slips out", "just comes", "no warning", "without warning", "not opening",
      "no urge", "do not get the urge", "no feeling", "do not get the feeling"],
     5),
    ("progressive_weakness",
     ["leg", "legs", "knee", "knees"],
     ["giving way", "give way", "gave way", "gives way", "buckling", "buckle", "buckled",
      "buckles", "give out", "gave out", "gives out", "giving out"],
     3),
    ("bilateral_leg_symptoms",
     ["legs", "both legs", "both feet", "feet",
      "either leg", "either of @my legs", "both @my thighs"],
     ["giving way", "give way", "gave way", "buckling", "buckle", "buckled", "give out",
      "gave out", "numb", "numbness", "tingling", "tingly", "pins and needles", "weak", "weakness",
      "dead", "gone dead", "went dead", "like jelly", "rubbery", "no feeling", "can not feel",
      "no strength", "no sensation", "losing strength", "will not hold me", "given up",
      "tingle", "tingles"],
     3),
    ("stroke_symptoms",
     ["eyelid", "eyelids", "eye lid", "face", "mouth", "smile"],
     ["drooping", "droopy", "droop", "drooped", "dropped", "sagging", "lopsided", "numb"],
     3),
    ("chest_pain",
     ["chest"],
     ["tight", "tightness", "pressure", "heavy", "heaviness", "squeezing", "crushing", "pain",
      "pains", "hurts", "hurting", "ache", "aching", "sore", "elephant", "weight"],
     4),
    ("aortic_aneurysm",
     ["tummy", "stomach", "belly", "abdomen", "belly button", "navel", "abdominal"],
     ["pulsing", "pulsating", "pulsatile", "pulse", "pulses", "heartbeat", "heart beat",
      "beating like", "beats like", "like a heart", "throbbing lump", "throbbing bulge"],
     5),
    ("sudden_severe_headache",
     ["headache", "pain in @my head", "head pain", "skull", "in @my head"],
     ["worst", "exploding", "explosion", "exploded", "split open", "never had", "thunderclap",
      "bang", "out of nowhere", "like being hit", "most bad", "hit with a bat", "suddenly",
      "sudden", "all of a sudden"],
     6),
    ("sudden_severe_headache",
     ["head"],
     ["exploding", "exploded", "split open", "thunderclap", "like being hit", "hit with a bat"],
     6),
    ("tearing_pain",
     ["ripping", "ripped", "rip", "tearing", "tore", "torn", "tear"],
     ["inside", "in half", "in two", "apart", "through"],
     3),
    ("confusion_or_rash",
     ["rash", "spots", "blotches", "marks", "dots", "patches"],
     ["does not fade", "did not fade", "do not fade", "will not fade", "would not fade",
      "do not go white", "does not go white", "did not go white", "not going white", "glass"],
     6),
    ("chest_pain",
     ["jaw"],
     ["pain", "ache", "aching", "hurts", "hurting", "tight", "pressure"],
     3),
    ("sexual_dysfunction",
     ["sex", "intimate", "intimacy", "make love", "making love", "made love", "in bed together"],
     ["no sensation", "can not feel", "do not feel", "not feel", "feel nothing", "numb",
      "can not finish", "no feeling", "feel anything", "do not seem to feel"],
     6),
    ("weight_loss",
     ["lost", "losing"],
     ["kg", "kilos", "kilo", "stone", "pounds", "lbs", "weight"],
     3),
    ("both_hands_numb",
     ["both hands", "both @my hands", "both of @my hands"],
     ["numb", "numbness", "tingling", "tingly", "pins and needles", "asleep", "dead"],
     4),
    # "hands numb, both of them": hands in the plural are both hands.
    ("both_hands_numb",
     ["hands"],
     ["numb", "numbness", "tingling", "tingly", "tingle", "pins and needles", "gone dead"],
     2),
    # A foot that will not lift, told in the person's own order ("my right foot just flops").
    ("foot_drop",
     ["foot", "toes"],
     ["flops", "flopping", "floppy", "drags", "dragging", "slaps", "slapping", "can not lift",
      "can not raise", "will not lift", "catches", "catching", "caught"],
     5),
    # Morning stiffness with words between ("stiff for well over an hour after I get up").
    ("inflammatory_pattern",
     ["stiff", "stiffness"],
     ["morning", "mornings", "get up", "getting up", "first thing", "wake up", "waking up"],
     7),
    # A limb and a weakness word close together ("my leg was just a bit weak").
    ("limb_weakness",
     ["leg", "arm", "foot", "hand", "ankle", "knee", "thigh", "wrist"],
     ["weak", "weaker", "no strength", "no power", "no push"],
     4),
    # Woken in the early hours: the second half of the night (NICE NG65), and night pain.
    ("inflammatory_pattern",
     ["wake", "wakes", "woke", "waking", "woken"],
     ["2|3|4|5 am|a.m.", "2|3|4|5 o'clock", "early hours", "small hours"],
     4),
    ("night_pain",
     ["wake", "wakes", "woke", "waking", "woken", "gets me up", "got me up"],
     ["1|2|3|4|5 am|a.m.", "1|2|3|4|5 o'clock", "early hours", "small hours", "in the night",
      "middle of the night"],
     4),
]

# Words that tell a weakness is getting worse over time ("at first my foot was a bit weak, now I
# can't stand on my toes"): a limb weakness or foot drop in the same sentence is progressive.
PROGRESSION_CUES: tuple[tuple[str, ...], ...] = (
    ("at", "first"), ("to", "begin", "with"), ("to", "start", "with"), ("more", "and", "more"),
    ("worse", "and", "worse"), ("day", "by", "day"), ("week", "by", "week"),
)

# Words of an ordinary pain report. The learned safety net (safety_net.py) is consulted only for
# a message with at least two content words that are none of these, no stop word and no part of
# an entity the rules found: "my neck hurts" or an age of "38" leave nothing for it to read.
ORDINARY_WORDS = frozenset([
    "pain", "pains", "painful", "ache", "aches", "aching", "achy", "hurt", "hurts", "hurting",
    "sore", "stiff", "stiffness", "bad", "really", "very", "so", "killing", "agony", "terrible",
    "awful", "since", "ago", "days", "weeks", "months", "years", "week", "month", "year", "day",
    "today", "yesterday", "started", "start", "began", "got", "get", "getting", "feel", "feels",
    "like", "lot", "bit", "little", "just", "still", "now", "also", "and", "hi", "hello",
    "thanks", "please", "help", "lol", "idk", "ok", "okay", "yes", "no", "yeah", "nope",
])

# Words that name a warning sign's topic without saying whether the sign is there ("something's
# up with my bladder", "my wee is weird"). When a message has one and the extractor found no
# mention of that flag, present or denied, the dialogue asks the flag's question at once
# (issue 15: the safe reading of an unclear message is to ask, not to drop it).
WARNING_TOPICS: dict[str, list[str]] = {
    "bladder_dysfunction": [
        "bladder", "pee", "peeing", "wee", "weeing", "urine", "urinating", "urination",
        "waterworks",
    ],
    "bowel_dysfunction": ["bowel", "bowels", "poo", "pooing", "poop", "stool", "stools"],
    "saddle_numbness": [
        "wipe", "wiping", "groin", "genitals", "privates", "private parts", "down there",
        "down below", "crotch", "perineum", "saddle area",
    ],
    "chest_pain": ["chest", "breathing", "breath"],
    "fainting": ["faint", "fainting", "blackout", "blackouts"],
    "cancer_history": ["cancer", "tumour", "tumor"],
    "weight_loss": ["my weight", "weight has", "weight is"],
    "fever": ["fever", "feverish", "temperature", "sweats", "sweating", "shivers"],
    "aortic_aneurysm": ["tummy", "belly", "stomach", "abdomen", "abdominal"],
    "sudden_severe_headache": ["headache", "headaches", "migraine"],
    "meningism": ["stiff neck", "neck is stiff", "neck stiff", "the light"],
    "major_trauma": ["fall", "fell", "accident", "crash", "crashed"],
    "tearing_pain": ["tearing", "ripping", "torn"],
    "stroke_symptoms": ["speech", "my speech", "my face", "my vision", "slurred", "slurry"],
    "unable_to_walk": ["walk", "walking", "stand up"],
    "bilateral_leg_symptoms": ["legs", "feet", "both legs", "both @my legs", "both of @my legs",
                               "both feet"],
    "confusion_or_rash": ["rash", "spots", "confused", "confusion"],
}

# Body parts outside the spine: a message about one of these, with no spine region, is out of
# scope (a feature for the intent classifier, not an entity).
OTHER_BODY_PARTS: list[str] = [
    "knee", "knees", "ankle", "ankles", "foot", "feet", "toe", "toes", "hip", "hips", "wrist",
    "wrists", "hand", "hands", "finger", "fingers", "thumb", "elbow", "elbows", "shoulder",
    "shoulders", "head", "headache", "migraine", "throat", "ear", "ears", "eye", "eyes", "tooth",
    "teeth", "toothache", "stomach", "tummy", "belly", "chest", "skin", "hamstring", "calf",
    "thigh", "shin", "heel", "jaw", "nose", "sinus", "sinuses", "hair", "scalp", "skull",
    "blackheads", "acne", "pimples", "spots", "rash", "itchy",
]
# fmt: on
