"""The one occasion vocabulary every route and the assistant use: canonical names, synonyms, free text.

`resolve_occasion("job interview at a bank") == "interview"`, `resolve_occasion("office") == "work"`,
`resolve_occasion("friend's wedding in June") == "wedding-guest"`, `resolve_occasion("garden wedding") ==
"day-wedding"`; an unknown word raises UnknownOccasion, whose message lists the accepted names. Pure data and
regular expressions: no I/O, microseconds per call.
"""

import re
from enum import StrEnum
from functools import lru_cache


class Occasion(StrEnum):
    CASUAL = "casual"
    WORK = "work"
    INTERVIEW = "interview"
    WEDDING_GUEST = "wedding-guest"  # a wedding in the evening, or one whose time nobody said: dressed up
    DAY_WEDDING = "day-wedding"  # a garden, beach or afternoon wedding: a day dress or a suit without a tie
    FUNERAL = "funeral"
    DATE = "date"
    DINNER = "dinner"
    LUNCH = "lunch"  # a meal out by day (lunch, brunch): neat and relaxed, not evening wear
    PARTY = "party"
    FORMAL = "formal"
    GYM = "gym"
    BEACH = "beach"
    TRAVEL = "travel"
    OUTDOOR = "outdoor"


OCCASION_NAMES: tuple[str, ...] = tuple(o.value for o in Occasion)
WEDDINGS = frozenset({"wedding-guest", "day-wedding"})  # what a wedding's etiquette holds at (no white dress)

# What people say for each occasion. Phrases are matched as whole words inside free text, longest first,
# so "wedding" inside "friend's wedding in June" wins over "june", and "business casual" over "casual".
SYNONYMS: dict[str, tuple[str, ...]] = {
    "casual": (
        "everyday", "every day", "weekend", "errands", "day off", "coffee", "shopping",
        "school", "university", "college", "picnic", "barbecue", "bbq", "movies", "cinema", "hanging out",
        "relaxed", "chill", "casual friday", "move house", "moving house", "moving day", "house move",
        # a day on foot in town: comfortable shoes, a casual code
        "walking around the city", "walking around town", "walk around the city", "walk around town", "city walk",
        "walking around", "day in the city", "day in town", "exploring the city",
        # an evening in with friends, a class where hands get messy, a day on a boat: relaxed, never dressed up
        "games night", "game night", "board games", "pottery", "pottery class", "sailing", "boat trip", "on a boat",
        # a walk in town or a park: comfortable and casual (a walk in the hills is outdoors, its own longer phrase)
        "walk", "a walk", "walk in the park", "stroll", "park", "dog walk", "walking the dog", "walk the dog",
        # a child's party: grass, cake and running after children, never dressed up (a "birthday party" is a party)
        "kid's birthday party", "kids' birthday party", "kids birthday party", "kid's party", "kids' party",
        "kids party", "children's party", "children's birthday party", "child's birthday party", "playdate",
    ),
    "work": (
        "office", "the office", "business casual", "business-casual", "business meeting", "meeting", "presentation",
        "conference", "client", "clients", "workday", "work day", "job", "commute", "commuting", "desk",
        "business formal", "business professional", "smart casual", "smart-casual", "business lunch", "work lunch",
        "working lunch", "lunch meeting", "client lunch", "lunch with a client", "lunch with clients", "lunch of work",
        # a professional portrait is dressed as for the office: what shows is the top, plain and smart
        "headshot", "headshots", "linkedin photo", "linkedin photos", "linkedin headshot", "linkedin headshots",
        "professional photo", "professional photos",
    ),
    "interview": ("job interview", "interview", "interviewing", "assessment centre", "assessment center"),
    "wedding-guest": (
        "wedding", "weddings", "wedding guest", "evening wedding", "wedding in the evening", "night wedding",
        "wedding reception", "reception", "ceremony", "engagement party", "christening", "baptism", "bridal shower",
    ),
    # Said as a day wedding; a wedding said with a day cue is one too (DAY_CUES, below).
    "day-wedding": (
        "day wedding", "daytime wedding", "garden wedding", "beach wedding", "afternoon wedding", "morning wedding",
        "lunchtime wedding", "outdoor wedding", "wedding in the afternoon", "wedding in the garden",
        "wedding on the beach",
    ),
    "funeral": ("funeral", "memorial", "memorial service", "wake", "burial", "mourning"),
    "date": ("date night", "first date", "a date", "date", "romantic", "anniversary", "valentine", "valentines"),
    # A meal or drinks with people: neat, not dressed up (smart casual); said with a day cue, it is a lunch.
    "dinner": (
        "dinner", "restaurant", "supper", "dinner party", "drinks with friends", "family dinner",
        # drinks with colleagues: the work outfit, a notch relaxed, not a party
        "drinks after work", "after-work drinks", "after work drinks", "work drinks", "drinks with colleagues",
        "meal out", "eating out", "family meal", "family gathering", "meeting the parents", "meeting her parents",
        "meeting his parents", "in-laws",
        # an evening in a ski resort: warm and neat, a meal or drinks by the fire
        "ski chalet", "chalet", "ski lodge", "apres-ski", "après-ski", "apres ski", "après ski",
        "mountain hut", "mountain refuge", "alpine hut",
    ),
    # The same meal by day: no evening pieces (heels, an evening dress) needed or wanted.
    "lunch": (
        "lunch", "brunch", "sunday lunch", "saturday lunch", "family lunch", "lunch with friends", "lunch with family",
        "lunch with my parents", "lunch out",
    ),
    "party": (
        "night out", "birthday", "birthday party", "party", "club", "clubbing", "cocktail", "cocktail party",
        "drinks", "concert", "gig", "festival", "house party", "new year", "new years eve",
        "cocktails", "gallery opening", "private view", "exhibition opening", "art opening", "vernissage",
        "evening do", "leaving do", "work do", "christmas do", "office do",  # a "do" is a party (British)
    ),
    "formal": (
        "black tie", "black-tie", "white tie", "gala", "ball", "opera", "theatre", "theater", "ballet",
        "graduation", "awards", "formal", "formal event", "semi-formal", "semi formal",
    ),
    "gym": (
        "workout", "work out", "working out", "training", "sport", "sports", "run", "running", "a run", "jog",
        "jogging", "yoga", "yoga class", "spin class", "pilates", "fitness", "exercise", "crossfit", "tennis",
        "cycling", "the gym", "gym session", "gym class",
    ),
    "beach": ("beach", "seaside", "pool", "poolside", "swimming", "lake", "by the sea", "beach bar", "beach club"),
    "travel": (
        "trip", "flight", "airport", "plane", "train", "road trip", "long drive", "holiday", "vacation",
        "journey", "travelling", "traveling", "sightseeing",
    ),
    "outdoor": ("hike", "hiking", "walk in the hills", "camping", "trek", "trekking", "mountains", "countryside"),
}  # fmt: skip

_CANONICAL_ALIASES = {"wedding guest": "wedding-guest", "weddingguest": "wedding-guest"}
# The time of day refines what a phrase named: a wedding said with a day cue ("my cousin's wedding, outdoors in the
# afternoon") is a day wedding, and a meal said at lunchtime a lunch, unless an evening cue is said too ("an evening
# garden wedding"): guests dress for the latest part of the day. "Black tie" is the formal code whatever the hour
# (it is its own, longer phrase). A meal's day cues are meal times only: go-karting in the afternoon, then a
# steakhouse, is a dinner.
WEDDING_DAY_CUES = (
    "garden", "gardens", "beach", "afternoon", "daytime", "morning", "lunchtime", "midday", "noon", "outdoor",
    "outdoors", "in the park", "by the sea", "seaside", "brunch",
)  # fmt: skip
MEAL_DAY_CUES = ("lunchtime", "midday", "noon", "brunch", "lunch")
EVENING_CUES = ("evening", "night", "tonight", "dinner", "black tie", "black-tie", "cocktail", "ball")
# occasion -> (the occasion by day, the occasion in the evening, what says it is by day)
BY_TIME_OF_DAY: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "wedding-guest": ("day-wedding", "wedding-guest", WEDDING_DAY_CUES),
    "day-wedding": ("day-wedding", "wedding-guest", WEDDING_DAY_CUES),
    "dinner": ("lunch", "dinner", MEAL_DAY_CUES),
}


# Words that say when, not what: "the gym after work" is the gym, "a run before school" a run. Matched like the
# phrases (longest first), a time cue is taken out of the text and the search goes on, so a longer phrase that holds
# one ("drinks after work") still wins over it.
TIME_CUES = (
    "after work", "before work", "after the office", "before the office", "after school", "before school",
    "after class", "before class", "after college", "after uni", "on my lunch break", "in my lunch break",
    # "the office after the gym" is the office: what is worn there, the gym kit goes in a bag
    "after the gym", "before the gym", "after gym", "after a workout", "after my workout",
)  # fmt: skip


# The words can say a setting that changes the code but not the occasion: an interview at a creative agency or a
# startup is smart casual (clean sneakers and dark jeans pass, sportswear does not); the beach in the evening is a bar,
# where nothing sporty goes. The refined codes are the engine's own (context.OCCASIONS, dress_codes.DRESS_CODES, with
# the occasion's words in messages), not names a client sends: the occasion stays the one the words named.
CREATIVE_CUES = (
    "creative", "creative agency", "agency", "design studio", "design agency", "creative studio", "startup", "start-up",
    "tech company", "tech startup", "ad agency", "advertising agency", "gallery", "fashion brand",
)  # fmt: skip
SETTINGS: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "interview": ((CREATIVE_CUES, "relaxed-interview"),),
    "beach": ((EVENING_CUES, "beach-evening"),),
}


def dressed_as(occasion: str | None, said: str | None) -> str | None:
    """The code an occasion is dressed by once its words are read: `dressed_as("interview", "job interview at a design
    studio") == "relaxed-interview"`; the occasion itself when the words say no setting."""
    if occasion not in SETTINGS or not said:
        return occasion
    text = _normalise(said)
    return next((code for cues, code in SETTINGS[occasion] if _says(cues, text)), occasion)


class UnknownOccasion(ValueError):
    """The text names no occasion we know; the message lists what is accepted."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(
            f"Unknown occasion {text!r}. Use one of: {', '.join(OCCASION_NAMES)} "
            "(synonyms and phrases such as 'office', 'job interview at a bank' or 'friend's wedding' work too)."
        )


def _normalise(text: str) -> str:
    lowered = text.strip().lower().replace("_", "-").replace("’", "'")
    return re.sub(r"\s+", " ", lowered)


@lru_cache(maxsize=1)
def _phrases() -> tuple[tuple[str, re.Pattern[str], str | None], ...]:
    table: list[tuple[str, str | None]] = [(name, name) for name in OCCASION_NAMES]
    table += [(phrase, occasion) for occasion, phrases in SYNONYMS.items() for phrase in phrases]
    table += list(_CANONICAL_ALIASES.items())
    table += [(cue, None) for cue in TIME_CUES]  # None: a time cue, taken out of the text
    table.sort(key=lambda entry: -len(entry[0]))  # longest phrase first: "business casual" before "casual"
    return tuple((phrase, re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])"), name) for phrase, name in table)


def find_occasion(text: str | None) -> str | None:
    """The canonical occasion a word, synonym or free-text phrase names, or None when it names none."""
    if not text or not text.strip():
        return None
    word = _normalise(text)
    if word in OCCASION_NAMES:
        return word
    return _named_in(word, cues_out=True) or _named_in(word, cues_out=False)  # "after work" alone is still work


def _named_in(word: str, *, cues_out: bool) -> str | None:
    for phrase, pattern, name in _phrases():
        # A phrase that is not even a substring cannot match: `in` skips most of the table's regexes (each
        # question looked the occasion up twice at ~0.35 ms each, most of it in searches that failed).
        if phrase not in word or not pattern.search(word):
            continue
        if name is None:
            word = pattern.sub(" ", word) if cues_out else word
            continue
        return _by_time_of_day(name, word)
    return None


# A wedding whose time nobody said is dressed up (`wedding-guest`), but a guest dress is judged as at a day
# wedding (context.judged_at): most weddings are by day, and an unstated hour must not downgrade a proper dress.
UNSTATED_TIME: dict[str, str] = {"wedding-guest": "day-wedding"}


def said_in_the_evening(text: str | None) -> bool:
    """Whether the words say the evening ("evening wedding", "reception tonight")."""
    return bool(text) and _says(EVENING_CUES, _normalise(str(text)))


def _by_time_of_day(name: str, text: str) -> str:
    if name not in BY_TIME_OF_DAY:
        return name
    by_day, in_the_evening, day_cues = BY_TIME_OF_DAY[name]
    if _says(EVENING_CUES, text):
        return in_the_evening
    return by_day if _says(day_cues, text) else name


@lru_cache(maxsize=4)
def _cue_pattern(cues: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(cue) for cue in cues) + r")(?![\w-])")


def _says(cues: tuple[str, ...], text: str) -> bool:
    return bool(_cue_pattern(cues).search(text))


def resolve_occasion(text: str | None) -> str | None:
    """Like find_occasion, but text that names no occasion is an error (None and blank mean "no occasion")."""
    if text is None or not text.strip():
        return None
    found = find_occasion(text)
    if found is None:
        raise UnknownOccasion(text)
    return found
