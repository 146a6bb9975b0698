"""The kinds of question the engine answers, each in its own form."""

GREETING = "greeting"
THANKS = "thanks"
CANNOT = "cannot"
REVISE = "revise"
DISLIKE = "dislike"
COMPARE = "compare"
COUNT = "count"
OWN = "own"  # do I own / which of my / list my
YESNO = "yesno"
GAP = "gap"
CARE = "care"
FIT = "fit"
COLOUR = "colour"
TECHNIQUE = "technique"  # how to tuck, roll sleeves, tie a scarf, button a blazer
DRESS_CODE = "dress_code"
PACKING = "packing"
OUTFIT = "outfit"
PAIRING = "pairing"
OFF_TOPIC = "off_topic"
CLARIFY = "clarify"
KINDS = (
    GREETING, THANKS, CANNOT, REVISE, DISLIKE, COMPARE, COUNT, OWN, YESNO, GAP, CARE, FIT, COLOUR, TECHNIQUE,
    DRESS_CODE,
    PACKING, OUTFIT, PAIRING, OFF_TOPIC, CLARIFY,
)  # fmt: skip
