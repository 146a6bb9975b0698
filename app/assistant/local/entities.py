"""What a question names: occasion, dress code, weather, season, colours, garment types, trip length, and
which of the user's own items it refers to ("my navy blazer", "#12", "the last thing I uploaded", "it").

Plain dictionaries and regular expressions, so extraction is deterministic and takes microseconds.
"""

import re
from functools import lru_cache

from app.assistant.languages import plurals
from app.vision.colours import PALETTE
from app.vision.taxonomy import TYPES

DRESS_CODES: dict[str, tuple[str, ...]] = {
    "white tie": ("white tie", "white-tie"),
    "black tie": ("black tie optional", "black-tie", "black tie", "tuxedo", "tux"),
    "cocktail": ("cocktail attire", "cocktail"),
    "business formal": ("business formal", "business professional"),
    "business casual": ("business casual", "business-casual"),
    "smart casual": ("smart casual", "smart-casual", "dressy casual"),
    "semi-formal": ("semi-formal", "semi formal", "lounge suit"),
    "casual": ("casual dress code", "dress code is casual", "casual attire"),
}
WEATHER_WORDS_C: dict[str, float] = {
    "freezing": -2, "snow": -1, "snowy": -1, "snowing": -1, "snows": -1, "snowfall": -1, "sleet": 0, "blizzard": -5,
    "frost": -1, "frosty": -1, "icy": -2, "cold": 4, "chilly": 9, "cool": 13, "mild": 17,
    "warm": 24, "hot": 30, "heatwave": 35, "scorching": 35, "humid": 28, "sticky": 28, "muggy": 28, "sweltering": 34,
    "ski": -3, "skiing": -3, "skis": -3, "snowboard": -3, "snowboarding": -3, "slopes": -3,  # snow on the mountain
}  # fmt: skip
RAIN_WORDS = ("rain", "raining", "rainy", "drizzle", "downpour", "wet weather", "showers", "storm", "monsoon")
SEASONS = {"spring": "spring", "summer": "summer", "autumn": "fall", "fall": "fall", "winter": "winter"}
COLOUR_SYNONYMS = {
    "gray": "grey", "light gray": "light grey", "maroon": "burgundy", "wine": "burgundy", "oxblood": "burgundy",
    "off-white": "ivory", "off white": "ivory", "sand": "beige", "oatmeal": "beige", "ecru": "cream",
    "emerald": "green", "sage": "mint", "sky blue": "light blue", "baby blue": "light blue", "cobalt": "blue",
    "royal blue": "blue", "lilac": "lavender", "peach": "coral", "magenta": "fuchsia", "nude": "blush",
    "dark green": "forest green", "olive green": "olive", "army green": "khaki green", "cognac": "tan",
    "terracotta": "rust", "denim": "denim blue",
}  # fmt: skip
TYPE_SYNONYMS = {
    "tee": "t-shirt", "tshirt": "t-shirt", "t shirt": "t-shirt", "trainers": "sneakers", "trainer": "sneakers",
    "sneaker": "sneakers", "jumper": "sweater", "pullover": "sweater", "knit": "sweater", "knitwear": "sweater",
    "chinos": "trousers", "chino": "trousers", "slacks": "trousers", "tux": "blazer", "suit jacket": "blazer",
    "sport coat": "blazer",
    "button-down": "shirt", "button down": "shirt", "oxford shirt": "shirt", "overcoat": "coat",
    "trench coat": "trench", "mac": "trench", "raincoat": "trench", "parka": "puffer", "puffa": "puffer",
    "down jacket": "puffer", "puffer jacket": "puffer", "bomber": "jacket", "denims": "jeans", "loafer": "loafers",
    "boot": "boots", "heel": "heels",
    "pumps": "heels", "sandal": "sandals", "handbag": "bag", "backpack": "backpack", "backpacks": "backpack",
    "rucksack": "backpack", "rucksacks": "backpack", "knapsack": "backpack", "tote bag": "bag", "tote bags": "bag",
    "tote": "bag", "purse": "bag", "tank": "tank-top",
    "sleeveless top": "tank-top", "sleeveless": "tank-top",
    "vest top": "tank-top", "tank top": "tank-top", "long sleeve": "longsleeve", "dress shoes": "formal-shoes",
    "oxfords": "formal-shoes", "brogues": "formal-shoes", "derbies": "formal-shoes", "ballet flats": "flats",
    "flat shoes": "flats", "flat shoe": "flats",
    "hoody": "hoodie", "sweat": "sweatshirt", "polo shirt": "polo", "pant": "pants", "trouser": "trousers",
    "suit": "suit", "suits": "suit", "two-piece": "suit", "two piece": "suit",
    "cap": "cap", "caps": "cap", "baseball cap": "cap", "baseball caps": "cap", "bucket hat": "hat", "beret": "beret",
    "berets": "beret",
    "woolly hat": "beanie", "woolly hats": "beanie", "bobble hat": "beanie", "knit hat": "beanie", "toque": "beanie",
}  # fmt: skip
# Kinds people name that no photo is tagged as (a suit is a blazer and trousers): (formality, the owned kind nearest)
SPOKEN_KINDS: dict[str, tuple[int, str]] = {"suit": (5, "blazer")}
# verbs spelled like garments: "does it suit me?", "dress me for it", "dressed up"
SUIT_VERB = re.compile(
    r"\bsuits? (?:me|you|my|her|him|them|us|it|your|a |an |the |this|that)|\bdress (?:me|myself|him|her|them|up|down)\b"
)
# "how many accessories do I have?": the slot, as "my shoes" is
CATEGORY_WORDS = {
    "shoes": "shoes", "shoe": "shoes", "pair of shoes": "shoes", "footwear": "shoes", "tops": "top",
    "bottoms": "bottom", "outerwear": "outerwear", "accessories": "accessory", "accessory": "accessory",
}  # fmt: skip
SAME_TYPE = {"pants": "trousers"}  # types people use interchangeably, folded to one for matching
NUMBER_WORDS = {
    "a": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10
}  # fmt: skip
LAST_UPLOAD = re.compile(
    r"\b(?:(?:the )?last (?:thing|item|piece|one|photo|upload)|(?:my |the )?(?:latest|newest|most recent) "
    r"(?:upload|item|thing|piece|photo|addition)|what i (?:just )?uploaded|(?:the )?(?:thing|item|one) i just "
    r"(?:uploaded|added))\b"
)
EXPLICIT_ID = re.compile(r"(?:#|\bitem\s*#?\s*)(\d{1,9})\b")
TEMPERATURE = re.compile(
    r"(-?\d{1,3}(?:\.\d)?)\s*(?:°\s*(?:([cf])(?![a-z]))?|degrees?\s*(?:(c|f|celsius|fahrenheit)(?![a-z]))?|([cf])\b)"
)  # "30 degrees for brunch" is not Fahrenheit
TRIP_DAYS = re.compile(
    r"(?<!\bin )(?<!\bwithin )(?<!\bnext )(?<!\bfor the next )"
    r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")[- ](day|night|week)s?\b(?! out\b| from now\b| away\b| time\b)"
)  # "a night out" is an outing and "in two weeks" is when, not a trip to pack for
COLOUR_FAMILY = {name: family for name, _, family in PALETTE}


# How people type in chat: "wat shud i wear 2morrow for wrk", "does it go w/ my jeans", "tmrw", "pls"
CHAT_SPELLINGS = {
    "wat": "what", "wot": "what", "whats": "what's", "shud": "should", "cud": "could", "wud": "would", "u": "you",
    "ur": "your", "pls": "please", "plz": "please", "tmrw": "tomorrow", "tmr": "tomorrow",
    "tomoz": "tomorrow", "2morrow": "tomorrow", "2moro": "tomorrow", "tmoro": "tomorrow", "2day": "today",
    "2nite": "tonight", "tonite": "tonight", "wrk": "work", "thx": "thanks", "ty": "thanks", "smth": "something",
    "sth": "something", "abt": "about", "bday": "birthday", "b-day": "birthday", "wanna": "want to",
    "gonna": "going to", "im": "i'm", "dont": "don't", "cant": "can't", "wont": "won't", "w/": "with ",
    "w/o": "without ", "rn": "right now", "tho": "though", "outfit4": "outfit for", "w": "with", "n": "and",
    "r": "are", "2mrw": "tomorrow", "tmrrw": "tomorrow", "gimme": "give me", "lemme": "let me", "bc": "because",
    "cuz": "because", "wat do": "what do", "whatre": "what are",
    # a verdict on what the user has put on, not a question about fit or a giving of anything
    "fit check": "is this ok", "is this giving": "is this ok for", "is it giving": "is it ok for",
    "does this slap": "is this ok", "does it slap": "is it ok",
    "rate my outfit": "is this ok", "rate my look": "is this ok", "rate this outfit": "is this ok",
    "rate this look": "is this ok", "rate my fit": "is this ok",
    "hav": "have", "any thing": "anything", "some thing": "something", "meetin": "meeting", "goin": "going",
}  # fmt: skip
_CHAT = re.compile(
    r"(?<![\w'/])(" + "|".join(re.escape(w) for w in sorted(CHAT_SPELLINGS, key=len, reverse=True)) + r")(?![\w'/])"
)


# Occasion words people mistype ("funral", "weding", "intervew"): one letter off a long occasion word is that word
TYPO_TARGETS = (
    "funeral", "wedding", "interview", "birthday", "christening", "graduation", "restaurant", "conference",
    "presentation", "meeting", "holiday", "vacation", "office", "dinner", "church",
)  # fmt: skip
_WORDS = re.compile(r"[a-z]{5,}")


def _one_edit(typed: str, word: str) -> bool:
    """Whether `typed` is `word` with one letter dropped, added, changed or two neighbours swapped."""
    if abs(len(typed) - len(word)) > 1 or typed == word:
        return False
    if len(typed) == len(word):
        diff = [i for i, (a, b) in enumerate(zip(typed, word, strict=True)) if a != b]
        swapped = len(diff) == 2 and diff[1] == diff[0] + 1 and typed[diff[0]] == word[diff[1]]
        return len(diff) == 1 or (swapped and typed[diff[1]] == word[diff[0]])
    short, long = sorted((typed, word), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


@lru_cache(maxsize=8192)  # bounded: every word any user types passes through here
def _corrected(word: str) -> str:
    if word in TYPE_VOCABULARY.phrases or word in COLOUR_VOCABULARY.phrases:
        return word
    return next((target for target in TYPO_TARGETS if _one_edit(word, target)), word)


def normalise(text: str) -> str:
    lowered = _CHAT.sub(lambda m: CHAT_SPELLINGS[m.group(1)], text.lower().replace("’", "'"))
    lowered = _WORDS.sub(lambda m: _corrected(m.group(0)), lowered)
    return " " + re.sub(r"[^a-z0-9#°.\-' ]+", " ", lowered) + " "


class Vocabulary:
    """Phrases mapped to canonical names, matched by one compiled regex (longest phrase wins at a position).

    One pattern per vocabulary rather than one per phrase: hundreds of small patterns overflow `re`'s cache
    and get recompiled on every question.
    """

    def __init__(self, phrases: dict[str, str]) -> None:
        self.phrases = phrases
        ordered = sorted(phrases, key=lambda phrase: (-len(phrase), phrase))
        self.pattern = re.compile(r"\b(?:" + "|".join(re.escape(phrase) for phrase in ordered) + r")\b")

    @classmethod
    def grouped(cls, table: dict[str, tuple[str, ...]]) -> "Vocabulary":
        return cls({phrase: key for key, phrases in table.items() for phrase in phrases})

    def spans(self, text: str) -> list[tuple[int, int, str]]:
        """Non-overlapping (start, end, canonical) matches, left to right."""
        return [(m.start(), m.end(), self.phrases[m.group(0)]) for m in self.pattern.finditer(text)]

    def first(self, text: str) -> str | None:
        match = self.pattern.search(text)
        return self.phrases[match.group(0)] if match else None

    def mask(self, text: str) -> str:
        return self.pattern.sub(lambda m: " " * len(m.group(0)), text)


BELOW_ZERO = re.compile(
    r"\b(?:minus|moins|menos|meno)\s+(\d{1,2})\b|\b(\d{1,2})\s*(?:degrees?\s+)?below(?: zero| freezing)?\b"
)
# "-2", "warm enough for 5": a signed number or one after a warmth question is degrees without the unit
BARE_DEGREES = re.compile(
    r"(?<![\w#-])(-\d{1,2})\b(?!\s*(?:%|days?|nights?|weeks?|hours?|h\b|min))"
    r"|\b(?:warm|cool|light|cold) enough for (-?\d{1,2})\b(?!\s*(?:%|days?|nights?|weeks?|hours?))"
    r"|\b(?:it's|its|it is|it'll be|it will be)(?: about| around| only)? (-?\d{1,2})\b"
    r"(?!\s*(?:%|days?|nights?|weeks?|hours?|h\b|min|o'clock|am\b|pm\b|[.:]\d))"  # "it's 22 and sunny"
    # "in the evening it drops to 4": the temperature falling to a number is degrees, whatever the unit left out
    r"|\b(?:drops?|dropping|dips?|dipping|falls?|falling|goes down|going down|gets down|cools? down) "
    r"(?:to |until )?(?:about |around )?(-?\d{1,2})\b(?!\s*(?:%|days?|nights?|weeks?|hours?|h\b|min|[.:]\d))"
)
SUB_ZERO = re.compile(r"\b(?:below (?:zero|freezing)|sub-?zero|sotto zero|sous z[eé]ro|bajo cero|abaixo de zero)\b")


def said_in_degrees(text: str) -> bool:
    return bool(BELOW_ZERO.search(text) or TEMPERATURE.search(text) or BARE_DEGREES.search(text))


def temperature_in(text: str) -> float | None:
    below = BELOW_ZERO.search(text)
    if below:  # "minus 3", "moins 3", "5 below": people rarely write the minus sign
        return -float(below.group(1) or below.group(2))
    if SUB_ZERO.search(text):
        return -3.0
    match = TEMPERATURE.search(text)
    if match:
        value = float(match.group(1))
        unit = (match.group(2) or match.group(3) or match.group(4) or "").lower()
        # An unmarked "85 degrees" is almost surely Fahrenheit: nobody dresses for 85 °C.
        if unit.startswith("f") or (not unit and value > 45):
            value = (value - 32) * 5 / 9
        return round(value, 1)
    bare = BARE_DEGREES.search(text)
    if bare:
        return float(next(group for group in bare.groups() if group is not None))
    word = WEATHER_VOCABULARY.first(text)
    return WEATHER_WORDS_C[word] if word else None


def _colour_vocabulary() -> dict[str, str]:
    vocabulary = {name: name for name, _, _ in PALETTE}
    vocabulary.update(COLOUR_SYNONYMS)
    return vocabulary


def _type_vocabulary() -> dict[str, str]:
    vocabulary: dict[str, str] = {}
    for name in TYPES:
        for form in {name, name.replace("-", " ")}:
            vocabulary[form] = name
            vocabulary.update(dict.fromkeys(plurals(form), name))
    vocabulary.update(TYPE_SYNONYMS)
    vocabulary.update({word: f"category:{category}" for word, category in CATEGORY_WORDS.items()})
    vocabulary.pop("tops", None)  # "tops" reads as the slot, not the "top" type
    vocabulary["tops"] = "category:top"
    return vocabulary


COLOUR_VOCABULARY = Vocabulary(_colour_vocabulary())
TYPE_VOCABULARY = Vocabulary(_type_vocabulary())
DRESS_CODE_VOCABULARY = Vocabulary.grouped(DRESS_CODES)
WEATHER_VOCABULARY = Vocabulary({word: word for word in WEATHER_WORDS_C})


A_DAY_AWAY = re.compile(r"\b(?:a|one)[- ]day[- ](?:trip|away|break|visit|journey)\b|\bpack\w*\b|\bsuitcase\b")


def trip_days_in(text: str) -> int | None:
    match = TRIP_DAYS.search(text)
    if match and match.group(1) in ("a", "one") and match.group(2) == "day" and not A_DAY_AWAY.search(text):
        match = None  # "a day wedding", "a day at the beach" are the time of day or an outing, not a trip to pack
    if match:
        count = int(match.group(1)) if match.group(1).isdigit() else NUMBER_WORDS[match.group(1)]
        return count * 7 if match.group(2) == "week" else count
    if re.search(r"\bfortnight\b", text):
        return 14
    if re.search(r"\blong weekend\b", text):
        return 3
    return 2 if re.search(r"\bweekend (?:trip|away|break|in|at)\b", text) else None


DRESS_CODE_WORD = re.compile(r"\bdress[- ]?codes?\b")  # "the dress code is ..." names no dress


def mask_dress_codes(text: str) -> str:
    """Blank out dress-code phrases so "black tie" is not read as a black tie (colour + garment)."""
    return DRESS_CODE_WORD.sub(lambda m: " " * len(m.group(0)), DRESS_CODE_VOCABULARY.mask(text))
