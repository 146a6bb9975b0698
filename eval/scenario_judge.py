"""A stylist's verdict on one outfit, read from the items' TRUE labels (not the engine's tags).

Written apart from app/styling/rules.py on purpose: the judge names garments as the label sets do
("sports-shoes", "flip-flops", "track-pants") and states each scenario's rules in a stylist's words, so a tag
error (a sweater analysed as a longsleeve, flip-flops as sandals) or a rule the engine gets wrong fails here.
"""

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from eval.scenario_wardrobes import TrueLabel

TOPS = {"t-shirt", "shirt", "top", "kurta", "blouse", "polo", "longsleeve", "sweater", "sweatshirt", "hoodie"}
KNITS = {"sweater", "sweatshirt", "hoodie"}
BOTTOMS = {"jeans", "trousers", "pants", "shorts", "track-pants", "skirt", "leggings"}
ONE_PIECES = {"dress"}
OUTER = {"jacket", "outerwear"}  # protects from rain and cold
TAILORED = {"blazer"}
SHOES = {"casual-shoes", "sports-shoes", "formal-shoes", "heels", "flats", "sandals", "flip-flops", "boots"}
CLOSED_SHOES = {"casual-shoes", "sports-shoes", "formal-shoes", "boots"}
ACCESSORY_KIND = {
    "handbag": "bag", "backpack": "bag", "clutch": "bag", "cap": "hat", "belt": "belt", "watch": "watch",
    "tie": "tie", "scarf": "scarf", "muffler": "scarf", "sunglasses": "eyewear", "gloves": "gloves",
}  # fmt: skip
LOUD = {"Red", "Yellow", "Orange", "Pink", "Purple", "Green", "Magenta", "Fluorescent Green", "Lime Green", "Gold"}
SMART_NEVER = {
    "t-shirt", "shorts", "track-pants", "leggings", "hoodie", "sweatshirt", "jeans", "sports-shoes", "casual-shoes",
    "flip-flops", "sandals", "cap", "backpack",
}  # fmt: skip
# an interview at a creative agency (the sixth round): smart casual, clean casual shoes and jeans are fine, sportswear
# and beach shoes are not
CREATIVE_NEVER = {
    "track-pants", "shorts", "flip-flops", "sandals", "sports-shoes", "cap", "hoodie", "sweatshirt", "leggings",
}  # fmt: skip
NEVER: dict[str, set[str]] = {
    "interview": SMART_NEVER,
    "wedding-guest": SMART_NEVER,
    "funeral": SMART_NEVER,
    "formal": SMART_NEVER,
    "work": {"shorts", "track-pants", "sports-shoes", "flip-flops", "cap"},
    "date": {"track-pants", "sports-shoes", "flip-flops"},
    "dinner": {"track-pants", "sports-shoes", "flip-flops"},
    "party": {"track-pants", "sports-shoes", "flip-flops"},
    # neat but not dressed up: a meal with family, brunch, drinks (the judge's own code; the engine has none)
    "smart-casual": {"track-pants", "sports-shoes", "flip-flops", "cap"},
    "travel": {"heels", "tie", "clutch"},
    "casual": {"tie"},
    "beach": {"formal-shoes", "heels", "tie", "blazer", "outerwear", "jacket", "trousers", "boots"},
    "outdoor": {"heels", "flats", "sandals", "flip-flops", "skirt", "dress", "tie", "clutch", "formal-shoes"},
    # a day on grass and in crowds (the fifth round): shoes you can stand in all day, nothing for an office
    "festival": {"heels", "formal-shoes", "tie", "clutch", "blazer"},
    # the sixth round's codes. A wedding by day (a garden, June): the smart code, sandals only under a dress or a
    # skirt (DAY_WEDDING_SANDALS), and not head-to-toe black (_day_wedding)
    "day-wedding": SMART_NEVER - {"sandals"},
    # black tie: the smart code, and it expects dress shoes and a dress or a suit jacket, a tie with a suit (_black_tie)
    "black-tie": SMART_NEVER,
    # an evening at the theatre: smart casual, nothing sporty, no shorts, no cap or hoodie in the stalls
    "theatre": {"track-pants", "sports-shoes", "flip-flops", "cap", "shorts", "hoodie"},
    "creative-interview": CREATIVE_NEVER,
    # a child's birthday party: playground, grass and cake; nothing to run after a child in heels, nothing for an office
    "kids-party": {"heels", "tie", "clutch", "formal-shoes"},
    # a bar on the sand in the evening: sandals or canvas shoes, nothing for an office or a run
    "beach-evening": {"formal-shoes", "tie", "boots", "heels", "track-pants", "sports-shoes"},
}
# where sportswear by its label (a Nike track jacket, a running tee) is out whatever its kind
NO_SPORTSWEAR = {
    "interview", "wedding-guest", "funeral", "formal", "work", "day-wedding", "black-tie", "creative-interview",
    "theatre",
}  # fmt: skip
DAY_WEDDING_SANDALS = {"dress", "skirt"}  # what sandals may go with at a wedding by day
BLACK_TIE_SHOES = {"formal-shoes", "heels", "flats"}
GYM = {"t-shirt", "top", "polo", "longsleeve", "sweatshirt", "hoodie", "shorts", "track-pants", "leggings",
       "sports-shoes", "casual-shoes", "cap", "watch", "backpack", "jacket"}  # fmt: skip


@dataclass(frozen=True)
class Scenario:
    wardrobe: str
    name: str
    occasion: str | None = None
    temperature_c: float | None = None
    rain: bool = False
    expect_unmet: tuple[str, ...] = ()  # rules this wardrobe cannot satisfy: each must be reported (a substring)
    waived: frozenset[str] = field(default_factory=frozenset)  # judge checks the unmet rules make impossible


# The judge's own reading of each scenario's occasion (not the engine's vocabulary): which code a stylist applies.
# A scenario whose phrase is not here fails loudly, so no scenario is judged without its dress code.
JUDGE_CODE: dict[str, str] = {
    "weekend": "casual", "casual": "casual", "errands": "casual", "university": "casual",
    "office": "work", "work": "work", "the office": "work",
    "interview": "interview", "job interview": "interview", "job interview at a bank": "interview",
    "friend's wedding in june": "wedding-guest", "wedding": "wedding-guest", "wedding guest": "wedding-guest",
    "funeral": "funeral", "memorial service": "funeral",
    "date night": "date", "first date": "date", "date": "date",
    "dinner": "dinner", "restaurant": "dinner",
    "birthday party": "party", "night out": "party", "party": "party",
    "gym": "gym", "yoga class": "gym", "workout": "gym",
    "beach": "beach", "seaside": "beach",
    "flight": "travel", "road trip": "travel", "train": "travel",
    "hiking": "outdoor", "hike": "outdoor",
    # the second round's phrases
    "commute to work": "work", "summer wedding": "wedding-guest", "gym session": "gym", "beach holiday": "beach",
    "long flight": "travel", "dinner date": "date", "airport": "travel", "travel": "travel",
    "business trip": "travel", "winter wedding": "wedding-guest", "weekend walk": "casual",
    # the third round's phrases
    "sunday lunch with my parents": "smart-casual", "casual lunch": "casual", "drinks with friends": "smart-casual",
    "brunch": "smart-casual",
    # the fourth round's phrases
    "commute to work by bike": "work", "wedding in the afternoon": "wedding-guest", "beach day": "beach",
    "the gym": "gym", "long-haul flight": "travel", "a day of walking around the city": "casual",
    "evening at a ski chalet": "smart-casual",
    # the fifth round's phrases
    "gym after work": "gym", "music festival": "festival", "festival": "festival", "evening wedding": "wedding-guest",
    "weekend trip": "travel", "commute": "work", "summer wedding guest": "wedding-guest",
    "weekend in the city": "casual", "client meeting": "work", "walk in the park": "casual",
    # the sixth round's phrases
    "garden wedding in june": "day-wedding", "evening wedding reception": "wedding-guest",
    "black tie gala": "black-tie", "black-tie dinner": "black-tie", "hiking day": "outdoor",
    "hike in the mountains": "outdoor", "an evening at the theatre": "theatre", "theatre": "theatre",
    "client lunch": "work", "lunch with a client": "work", "weekend in a ski town": "casual", "travel day": "travel",
    "job interview at a creative agency": "creative-interview",
    "job interview at a design studio": "creative-interview",
    "kid's birthday party": "kids-party", "children's birthday party": "kids-party", "office after the gym": "work",
    "gym then the office": "work", "beach bar in the evening": "beach-evening",
    "drinks at a beach bar": "beach-evening",
    "conference": "work", "conference day": "work",
}  # fmt: skip
# Seen in public on a casual or social day, a hoodie or sweatshirt with track pants is loungewear (the gym, home,
# a flight); head-to-toe white is a statement nobody asked for. Neither is a fault at the gym or when travelling.
LOUNGE_TOPS, LOUNGE_BOTTOMS = {"hoodie", "sweatshirt"}, {"track-pants"}
IN_PUBLIC = {"casual", "smart-casual", "date", "dinner", "party", "work", "theatre", "kids-party"}
GARMENTS = TOPS | BOTTOMS | ONE_PIECES | OUTER | TAILORED


def judged_code(scenario: "Scenario") -> str:
    return JUDGE_CODE[(scenario.occasion or "casual").lower()]


def _structure(kinds: Sequence[str]) -> list[str]:
    count = Counter(kinds)
    faults = []
    shoes = sum(count[k] for k in SHOES)
    if shoes != 1:
        faults.append(f"{shoes} pairs of shoes")
    bottoms, dresses = sum(count[k] for k in BOTTOMS), sum(count[k] for k in ONE_PIECES)
    if dresses and bottoms:
        faults.append("a dress with a bottom")
    if bottoms > 1 or dresses > 1:
        faults.append("two bottoms or two dresses")
    if not dresses and not (bottoms and any(count[k] for k in TOPS)):
        faults.append("not a complete outfit")
    if sum(count[k] for k in TOPS) > 2 or sum(count[k] for k in OUTER | TAILORED) > 2:
        faults.append("too many layers")
    kinds_of_accessory = Counter(ACCESSORY_KIND[k] for k in kinds if k in ACCESSORY_KIND)
    faults += [f"two {kind}s" for kind, n in kinds_of_accessory.items() if n > 1]
    return faults


def _weather(kinds: set[str], scenario: Scenario) -> list[str]:
    faults, temperature = [], scenario.temperature_c
    if scenario.rain:
        if not kinds & OUTER:
            faults.append("rain: no coat or jacket")
        if not kinds & CLOSED_SHOES:
            faults.append("rain: no closed shoes")
    if temperature is not None and temperature < 10:
        if not kinds & OUTER and not (kinds & TAILORED and kinds & KNITS):
            faults.append("cold: no outerwear")
        if kinds & {"shorts", "sandals", "flip-flops"}:
            faults.append("cold: shorts or open shoes")
    if temperature is not None and temperature < 5 and not (kinds & KNITS or "outerwear" in kinds):
        faults.append("freezing: no warm layer under a light jacket")
    if temperature is not None and temperature < 0 and kinds & {"heels", "flats", "sandals", "flip-flops"}:
        faults.append("freezing: heels, flats or open shoes on ice")
    if temperature is not None and temperature >= 25 and kinds & (KNITS | OUTER | {"muffler", "gloves"}):
        faults.append("heat: a coat or a knit")
    return faults


def _dress_code(items: Sequence[TrueLabel], scenario: Scenario) -> list[str]:
    kinds = {item.kind for item in items}
    occasion = judged_code(scenario)
    if occasion == "gym":
        wrong = sorted(kinds - GYM)
        faults = [f"gym: {', '.join(wrong)}"] if wrong else []
        return faults + ([] if kinds & {"sports-shoes", "casual-shoes"} else ["gym: no trainers"])
    faults = [f"{occasion}: {kind}" for kind in sorted(kinds & NEVER.get(occasion, set()))]
    if occasion in NO_SPORTSWEAR:
        faults += [f"{occasion}: sportswear ({item.kind})" for item in items if item.usage == "Sports"]
    if occasion == "day-wedding":
        faults += _day_wedding(items, kinds)
    if occasion == "black-tie":
        faults += _black_tie(kinds)
    if occasion == "funeral":
        faults += [f"funeral: {item.colour} {item.kind}" for item in items if item.colour in LOUD]
    if occasion in IN_PUBLIC:
        faults += _in_public(items, kinds, occasion)
    return faults


def _day_wedding(items: Sequence[TrueLabel], kinds: set[str]) -> list[str]:
    faults = (
        ["day-wedding: sandals without a dress or skirt"]
        if "sandals" in kinds and not kinds & DAY_WEDDING_SANDALS
        else []
    )
    worn = [item.colour for item in items if item.kind in GARMENTS | SHOES]
    if len(worn) >= 2 and all(colour == "Black" for colour in worn):
        faults.append("day-wedding: head-to-toe black")
    return faults


def _black_tie(kinds: set[str]) -> list[str]:
    faults = [] if kinds & BLACK_TIE_SHOES else ["black-tie: no dress shoes"]
    if not kinds & (ONE_PIECES | TAILORED):
        faults.append("black-tie: neither a dress nor a suit jacket")
    elif not kinds & ONE_PIECES and "tie" not in kinds:
        faults.append("black-tie: a suit with no tie")
    return faults


def _in_public(items: Sequence[TrueLabel], kinds: set[str], occasion: str) -> list[str]:
    lounging = kinds & LOUNGE_TOPS and kinds & LOUNGE_BOTTOMS
    faults = [f"{occasion}: loungewear (hoodie with track pants)"] if lounging else []
    colours = [item.colour for item in items if item.kind in GARMENTS]
    if len(colours) >= 2 and all(colour in ("White", "Off White") for colour in colours):
        faults.append(f"{occasion}: all white")
    return faults


def verdict(items: Sequence[TrueLabel], scenario: Scenario) -> list[str]:
    """Every fault a stylist finds in this outfit for this scenario; [] means they would sign it."""
    kinds = [item.kind for item in items]
    faults = _structure(kinds) + _weather(set(kinds), scenario) + _dress_code(items, scenario)
    return [fault for fault in faults if not any(fault.startswith(waived) for waived in scenario.waived)]
