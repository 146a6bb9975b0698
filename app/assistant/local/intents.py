"""What the user wants, from weighted cue phrases plus what the entities found.

Every intent scores the cues it sees; the highest score wins and ties go to the earlier intent in
PRIORITY, so the same question always gets the same intent. A question with no fashion cue is off-topic
when it has content of its own, and too vague (a clarifying question) when it has almost none.
"""

import re

from app.assistant.local.entities import Entities

OUTFIT = "outfit"
PAIRING = "pairing"
COLOUR = "colour"
DRESS_CODE = "dress_code"
FIT = "fit"
CARE = "fabric_care"
PACKING = "packing"
SHOPPING = "shopping"
ITEM = "item"
GREETING = "greeting"
OFF_TOPIC = "off_topic"
CLARIFY = "clarify"
INTENTS = (OUTFIT, PAIRING, COLOUR, DRESS_CODE, FIT, CARE, PACKING, SHOPPING, ITEM, GREETING, OFF_TOPIC, CLARIFY)
PRIORITY = (PACKING, SHOPPING, DRESS_CODE, CARE, FIT, COLOUR, PAIRING, ITEM, OUTFIT, GREETING)

CUES: dict[str, tuple[tuple[str, int], ...]] = {
    OUTFIT: (
        (
            r"\bwhat (?:should|shall|can|do) i wear\b|\bwhat to wear\b"
            r"|\bwear (?:to|for|on|at|today|tomorrow|tonight)\b",
            3,
        ),
        (r"\b(?:outfit|outfits|look|looks|get dressed|dress for|dressed for|put on)\b", 2),
        (r"\b(?:wear|wearing|dress)\b", 1),
        (r"\b(?:today|tomorrow|tonight|this weekend)\b", 1),
    ),
    PAIRING: (
        (r"\b(?:goes?|going|go|pair|pairs|match|matches|work|works|wear|combine|team) (?:well )?with\b", 3),
        (r"\bhow (?:do|can|should|could) i (?:style|wear|pair)\b|\bstyle (?:my|the|this|it)\b", 3),
        (r"\bways to (?:wear|style)\b|\bwhat to wear with\b", 2),
    ),
    COLOUR: (
        (r"\b(?:colou?rs?|shades?|hues?|tones?|palette)\b", 2),
        (r"\b(?:clash|clashes|complement|complementary|undertone|skin tone|neutrals?)\b", 2),
        (r"\bcolou?r (?:combination|combo|pairing)s?\b|\bdo \w+ and \w+ go\b", 2),
        (r"\b(?:what|which) colou?rs?\b|\bmix(?:ing)?\b", 1),
    ),
    DRESS_CODE: (
        (r"\bdress code\b|\battire\b|\bwhat (?:does|is|exactly is|counts as)\b.*\bmean\b", 2),
        (r"\bwhat (?:is|does|counts as|exactly is) (?:a |an )?(?:\w+[ -])?(?:tie|casual|formal|cocktail)\b", 2),
        (r"\bdifference between\b|\b(?:mean|means|meaning)\b|\binvit(?:e|ation) says\b", 2),
    ),
    FIT: (
        (r"\b(?:fit|fits|fitted|fitting|tailor|tailored|tailoring|hem|hemmed|alter|alterations)\b", 2),
        (r"\b(?:proportions?|silhouette|body shape|petite|taller|shorter|slimmer|oversized|baggy)\b", 2),
        (r"\b(?:shapeless|frumpy|flattering|unflattering|boxy|swamped)\b", 2),
        (r"\b(?:too (?:tight|loose|long|short|big|small)|sleeve length|trouser break|rise|inseam)\b", 2),
    ),
    CARE: (
        (r"\b(?:wash|washing|washed|launder|dry clean|dry-clean|tumble|iron|ironing|steam|steamer)\b", 3),
        (r"\b(?:stain|stains|shrink|shrunk|shrinking|pilling|pills|moths?|bobbles|fade|fading|wrinkles?)\b", 3),
        (r"\b(?:fabric|fabrics|material|linen|wool|cashmere|silk|polyester|cotton|suede|leather|merino)\b", 1),
        (r"\b(?:breathable|store|storing|storage|fold|care for|look after|last longer)\b", 2),
    ),
    PACKING: (
        (r"\b(?:pack|packing|suitcase|carry-on|carry on|luggage|holdall)\b", 3),
        (r"\b(?:trip|holiday|vacation|getaway|travell?ing to|business trip)\b", 2),
        (r"\bwhat (?:to|should i) (?:bring|take)\b", 2),
    ),
    SHOPPING: (
        (r"\b(?:buy|buying|purchase|shop|shopping|invest|splurge)\b", 3),
        (r"\b(?:capsule|gaps?|missing|lacking|next piece|add to my wardrobe|worth getting)\b", 2),
        (r"\b(?:what (?:do|does) my wardrobe need|what am i missing)\b", 3),
    ),
    ITEM: (
        (r"\btell me about\b|\bwhat (?:is|was) (?:the |my )?(?:last|latest)\b|\bdescribe\b", 3),
        (r"\b(?:is|are) (?:my|the|this|that|it)\b.*\b(?:formal|casual|smart|dressy|warm|in style|ok|okay)\b", 2),
        (r"\bcan i wear (?:my|the|this|that|it|these|those)\b", 6),  # outweighs "wear to <occasion>"
        (r"\bhow formal\b|\bwhat season\b|\bwhat (?:is|are) (?:my|the|this|that)\b.*\bgood for\b", 3),
        (r"\bwhat do you think of\b|\bthoughts on\b", 2),
    ),
    GREETING: ((r"^\s*(?:hi|hello|hey|hiya|yo|good (?:morning|afternoon|evening)|thanks|thank you|cheers)\b", 3),),
}
OFF_TOPIC_CUES = re.compile(
    r"\b(?:recipe|cook|bake|movie|film|song|lyrics|python|code|program|bitcoin|crypto|stocks?|invest(?:ing|ment)s? "
    r"in|capital of|president|election|math|equation|homework|translate|football|score|weather forecast|"
    r"taxes|mortgage|flight times|joke|poem|car|engine|vaccine|doctor)\b"
)
VAGUE = re.compile(
    r"^\s*(?:help|hmm+|ok(?:ay)?|well|what do you think|any (?:ideas|advice|tips)|advice|ideas|suggestions?|"
    r"not sure|idk|i don'?t know|what now|\?+)[\s?.!]*$"
)


def scores(text: str, entities: Entities) -> dict[str, int]:
    totals = {intent: sum(w for pattern, w in cues if re.search(pattern, text)) for intent, cues in CUES.items()}
    situation = bool(entities.occasion or entities.temperature_c is not None or entities.rain or entities.season)
    totals[OUTFIT] += 2 * bool(entities.occasion or entities.dress_code) + bool(entities.rain) + situation
    totals[DRESS_CODE] += 2 * bool(entities.dress_code)
    totals[PACKING] += 2 * bool(entities.trip_days)
    if entities.colours and not entities.mentions:  # colours with no garment: "what goes with navy?"
        totals[COLOUR] += 1 + (len(entities.colours) >= 2)
    if entities.item_ids or entities.ambiguous:
        totals[ITEM] += 1
        totals[PAIRING] += 1
    return totals


def classify(text: str, entities: Entities) -> str:
    totals = scores(text, entities)
    greeting = totals.pop(GREETING)
    best = max(PRIORITY[:-1], key=lambda intent: (totals[intent], -PRIORITY.index(intent)))
    words = len(text.split())
    if greeting and (totals[best] < 3 or words <= 4):
        return GREETING  # "thanks!" or "hi there"; "hi, what should I wear to…" goes to the real question
    if OFF_TOPIC_CUES.search(text) and totals[best] < 4:
        return OFF_TOPIC
    if totals[best] >= 2 or (totals[best] >= 1 and not VAGUE.search(text)):
        return best
    return CLARIFY if VAGUE.search(text) or words <= 3 else OFF_TOPIC
