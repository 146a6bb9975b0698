"""Slots of a (glossed, normalised) question: occasion, weather, activity, trip, season, colours, garments."""

import re
from dataclasses import dataclass

from app.assistant.local.entities import (
    COLOUR_VOCABULARY,
    DRESS_CODE_VOCABULARY,
    SUIT_VERB,
    TYPE_VOCABULARY,
    mask_dress_codes,
    said_in_degrees,
    temperature_in,
    trip_days_in,
)
from app.styling.context import OCCASIONS
from app.styling.occasions import SYNONYMS, find_occasion

RAIN = re.compile(
    r"(?<!baby )(?<!bridal )\b(?:rain\w*|mud|muddy|puddles?|pouring|downpour|drizzl\w*|showers?|wet|storm\w*"
    r"|bucketing|waterproof|monsoon)\b"
)
WIND = re.compile(r"\b(?:wind\w*|gust\w*|breez\w*|blustery|storm\w*)\b")
# On the water the wind is always up, whatever the forecast: a windproof layer, nothing that flaps or slips on deck
ON_THE_WATER = re.compile(
    r"\b(?:sail\w*|boat\w*|yacht\w*|on the water|regatta|kayak\w*|canoe\w*|paddleboard\w*|ferry|catamaran)\b"
)
CYCLING = re.compile(r"\b(?:cycl\w*|bik(?:e|es|ing)|bicycle|ride my bike|on my bike|scooter)\b")
HIKING = re.compile(r"\b(?:hik(?:e|es|ing)|trek\w*|hillwalk\w*|trails?)\b")  # a walk off the pavement: the outdoors
WALKING = re.compile(
    r"\b(?:walk\w*|on my feet|festivals?|mud|muddy|sightseeing|hik\w*|stroll\w*|the dog|standing (?:all|for)\b)\b"
)
EVENING = re.compile(r"\b(?:evening\w*|tonight|night|dinner)\b")
_WARM_PART = r"(?:hot|warm|sunny|mild)\s+(?:days?|daytimes?|afternoons?|mornings?)"
_COOL = r"(?:cool|cold|chilly|fresh|cooler|colder|nippy)"
# "it drops to 4", "it gets down to 2": the day's temperature falling, the same day (not a new occasion)
_FALLS = rf"(?:cools? (?:down|off)|gets? {_COOL}|drops?|dips?|falls?|goes down|gets down)"
DAY_AND_EVENING = re.compile(
    rf"\b{_WARM_PART}\b.*\b{_COOL}\s+(?:evenings?|nights?)\b"
    rf"|\b(?:warm|hot) (?:during the |in the )?(?:day|afternoon)\b.*\b{_COOL}\b"
    rf"|\b(?:evenings?|nights?) (?:get|gets|are|turn|turns|can be|will be) {_COOL}\b"
    rf"|\b(?:gets?|turns?|it's|is) {_COOL} (?:in the |at )?(?:evenings?|night)\b|\bif it's {_COOL} in the evening\b"
    rf"|\b(?:later|tonight|evening|night)\b.*\b{_FALLS}\b"
    rf"|\b{_FALLS}\b.*\b(?:later|tonight|evening|night)\b"
)
FORECAST = re.compile(
    r"\b(?:is it|will it|it will|going to|gonna) (?:rain|snow|be (?:cold|hot|warm|sunny|windy|nice))\b(?!.*\bwear\b)"
    r"|\bforecast\b|\bweather (?:in|for|like|tomorrow|today|this|next)\b|\bwhat(?:'s| is) the weather\b"
    r"|\bhow (?:cold|hot|warm) will it\b|\b(?:will|is|going to) the weather\b(?!.*\bwear\b)"
    r"|\bwhat will the (?:weather|temperature)\b|\bweather (?:be|going to be)\b(?!.*\bwear\b)"
    r"|\b(?:what's|what is) the temperature\b|\btemperature (?:in|outside|right now|now|today|tomorrow)\b(?!.*\bwear\b)"
)
_PEOPLE = (
    r"(?:parents|family|friends?|in-laws|girlfriend|boyfriend|partner|date|mum|mom|dad|husband|wife|fianc[eé]e?|kids"
    r"|sister|brother|grandparents|neighbours?|neighbors?)"
)
# "my parents' 40th anniversary": a family celebration, not a date
THEIR_ANNIVERSARY = re.compile(
    r"\b(?:(?:my |our )?(?:parents|grandparents|in-laws|mum and dad's|mom and dad's|friends)'?|\w+'s|their) "
    r"(?:\w+ )?(?:wedding )?anniversary\b"
)
MEETING_SOMEONE = re.compile(rf"\bmeeting (?=(?:my|her|his|their|our|the|some|a) (?:\w+'s )?{_PEOPLE}\b)")
_SMART = r"(?:formal|black tie|gala|smart|elegant|dressy|fancy|posh|upscale|swanky|nice)"
FORMAL_DO = re.compile(
    rf"\b{_SMART} (?:dinner|lunch|event|party|do|evening|restaurant)\b|\bsomewhere (?:really )?{_SMART}\b"
    r"|\b(?:dinner|lunch|event|party|evening) (?:formal\w*|elegant\w*|dressy|fancy|posh|chic)\b"  # Romance order
)
# "work" the verb: "does it work with", "would my denim jacket work over it?", "will that work?"; never the office
# after a preposition ("for work", "to work") or "I work" ("I work in a bank" is dressed for the office)
WORK_VERB = re.compile(
    r"(?<!\bfor )(?<!\bto )(?<!\bat )(?<!\bafter )(?<!\bfrom )(?<!\bbefore )(?<!\bthe )(?<!\bmy )(?<!\bof )"
    r"(?<!\bin )(?<!\bgo )(?<!\bi )(?<!\bwe )(?<!\bhave )(?<!\bgot )(?<!\boff )"
    r"\bwork(?:s|ing)?\b(?=(?: (?:well|better|nicely|ok|okay))?"
    r"(?: (?:with|together|for|over|under|underneath|on top|as|here|there|instead|better)\b"
    r"| in (?:the )?(?:rain|cold|heat|snow|wind|sun|summer|winter|spring|autumn|fall)\b|\s*[?.!,]|\s*$))"
)
# "drinks after work" is one occasion (work drinks: the work outfit, a notch relaxed), not drinks, then the office
# and so are drinks "after" or "afterwards" said alone or after the day's event: after the interview or the meeting
AFTER_WORK_DRINKS = re.compile(
    r"\b(?:drinks|a drink) (?:with (?:colleagues|co-?workers|the team|work friends) )?after work\b"
    r"|\bafter[- ]work drinks\b"
    r"|\b(?:drinks|a drink) (?:with (?:colleagues|co-?workers|the team|work friends) )?after(?:wards)?"
    r"(?:(?= *[?.!,]| *$)| (?:the |my |our |that |this )?(?:interview|meeting|office|conference|presentation|it)\b)"
)
# "a drink with some friends", "going for a drink": the drinks occasion (the dinner code), as "drinks with friends";
# plural "drinks" alone stays a night out
SOCIAL_DRINKS = re.compile(
    r"\b(?:drinks|a drink|a few drinks|some drinks) with (?:some |my |a few |a couple of |the |two |old |a |an |our )?"
    r"(?:friends?|mates?|pals?|buddies|the girls|the guys)\b|\ba drink\b"
)
WORK_TRIP = re.compile(r"\b(?:business|work|conference|client) (?:trip|travel|visit)\b")
PRICE = re.compile(
    r"\bhow much (?:does|do|is|are|would|will)\b"
    # "how much should I expect to pay", "what would you budget for": a price, however many words come between
    r"|\b(?:how much|what) (?:should|would|do|will|might|could|can) (?:i|you|one|we)"
    r"(?: \w+){0,3} (?:pay|spend|budget)\b"
    r"|\bbudget (?:for|on)\b"
    r"|\b(?:cost|costs|price|prices|cheap\w*|expensive)\b"
    r"|\bworth (?:the money|it|buying|the price|paying)\b|\b(?:on sale|a bargain|overpriced)\b"
    # what a piece would fetch second hand: a price too
    r"|\b(?:sell|selling|resell|resale)\b|\b(?:vinted|ebay|depop)\b|\bhow much (?:would|could|will|can) i get\b"
    r"|\bhow much is (?:it|this|my \w+(?: \w+)?) worth\b"
)
# What a piece is made of is not in its photo's tags: "is my black jacket real leather or faux?"
MATERIAL = re.compile(
    r"\b(?:real|genuine|faux|fake|vegan|pu) leather\b|\bwhat (?:fabric|material)\b"
    r"|\b(?:fabric|material) (?:is|are) (?:it|they|my)\b|\bmade of\b|\b(?:is|are) (?:it|they|my \w+(?: \w+)?) "
    r"(?:real |pure |100% )?(?:wool|cashmere|cotton|silk|polyester|linen|leather|suede|acrylic|merino)\b(?: or\b|\s*$)"
)
STORE = re.compile(
    r"\b(?:order|buy|purchase|deliver|ship) (?:me|it|one|a|an|some)\b|\bcan you (?:order|buy|purchase)\b"
    r"|\bwhere (?:can|could|should|do) i\b.*\b(?:buy|get|find)\b"  # "how to store wool" is care, not a shop
    # a coffee shop or a tea shop is a place to be dressed for, not one to buy from
    r"|\b(?:(?<!coffee )(?<!tea )shop|(?<!to )(?<!i )store|stores|(?<!coffee )(?<!tea )shops|sale|discount|in stock|"
    r"near me|online)\b"
    r"|\b(?:brands?|labels?|uniqlo|zara|h ?m|mango|asos|primark|arket|massimo dutti|shein|everlane)\b"
    r"|\b(?:cos (?:or|vs)|or cos)\b"
    r"|\b(?:return|returns|refund|exchange) polic\w*|\brefunds?\b|\bopening (?:hours|times)\b"
    r"|\bopen (?:on|today|tomorrow|until|till|late)\b|\b(?:delivery|shipping) (?:time|cost|options)\b"
)
# Seeing the user now: the engine sees only the photos in the wardrobe
CAMERA = re.compile(
    # a video call is an occasion to dress for ("client video call, is the sweatshirt ok?"), unless it is how I'd see
    r"\b(?:camera|webcam)\b"
    r"|\b(?:see|look at) (?:\w+ ){0,4}(?:on|over|through|via|in) (?:a |the )?(?:video call|facetime)\b"
    r"|\bcan you (?:see|look at) (?:me|what i'm wearing|what i have on)\b"
    # how the body looks in a piece is seen on the person, never in the wardrobe's photos
    r"|\bdo(?:es)? (?:my (?:bum|butt|bottom|belly|stomach|tummy|hips?|thighs?|arms?|legs?|waist|shoulders?)|i) look "
    r"(?:\w+ )?(?:big|fat|wide|slim|thin|short|tall|huge|bigger|smaller|wider|older|younger)\b"
)
TRENDS = re.compile(
    r"\btrend\w*|\bin fashion\b|\bfashionable\b|\bin (?:style|vogue) (?:right )?now\b|\beveryone (?:is )?wearing\b"
    r"|\b(?:popular|trendy) (?:this season|right now|at the moment)\b|\bthis season's (?:look|colou?rs?|trends?)\b"
    r"|\bout of fashion\b|\b(?:what's|what is|whats) (?:in style|in fashion|in vogue|hot|trending|popular|cool)\b"
    r"|\bin style (?:this|for men|for women|at the moment)\b|\bstill (?:in style|in fashion|cool|trendy|in)\s*$"
    r"|\b(?:look|looks|is|are) (?:a bit |too )?(?:dated|old-fashioned|out of date)\b"
    r"|\bwhat (?:are|is) (?:people|everyone|everybody|guys|girls|women|men) (?:\w+ )?wearing\b"
)
DISLIKE_CUE = re.compile(
    r"\bi (?:really |just |honestly |totally |truly |still )?(?:don't|do not|didn't|did not) "
    r"(?:really |much |particularly )?(?:like|love|want|fancy)\b"
    r"|\bnot (?:a fan|keen|my style)\b"
    r"|\b(?:not|never) (?:so |really |quite )?(?:sure|convinced) (?:about|by|of) (?:the|my|that|this|those|these)\b"
    r"|\bi (?:never|don't|do not|won't|will not|can't|cannot) (?:really )?(?:wear|walk in|get on with|stand)\b"
    r"|\b(?:hate|hated|dislike|disliked|ugly)\b|\bno thanks\b"
    # "never show me the khaki shorts again", "stop suggesting my loafers": a piece the user does not want back
    r"|\b(?:never|don't|do not|stop) (?:show|showing|suggest|suggesting|recommend|recommending|give|giving)\b"
    r"(?: me)? (?:the |my |those |that |these |this )"
)
REVISE_CUE = re.compile(
    r"\bsomething (?:else|different|warmer|cooler|lighter|smarter|dressier|more|less|waterproof)\b"
    r"|\b(?:another|other|different) (?:option|idea|one|outfit|suggestion)\b|\banother\b|\banything else\b"
    r"|\bnot (?:that|this) one\b|\bwithout\b|\binstead\b|\bswap\b|\bwarmer\b"
    r"|\b(?:skip|ditch|lose|drop) (?:the|my)\b|\bleave (?:off|out) the\b"
    r"|\b(?:change|switch|replace|trade) (?:the|those|these|that|this) (?:shoes|top|trousers|jeans|skirt|jacket|coat)\b"
    r"|\bless (?:formal|dressy|smart|casual|fancy)\b"
    r"|\bnot (?:those|these|that|this|the) \w+\b|\b(?:different|other) (?:shoes|top|trousers|jacket|coat|layer)\b"
    r"|\bsmarter\b|\bmore (?:casual|formal|relaxed|dressy)\b|\bcooler\b|\blighter\b"
    r"|\bmore colou?r\w*|\bcolou?rful\b|\bbrighter\b|\bless boring\b"
    r"|\btoo (?:boring|plain|dull|dark|basic|safe|bland)\b"
    r"|\bwhat (?:would|could|might) (?:be|look|work) better\b|\bsomething better\b|\bbetter (?:option|idea|choice)\b"
)
GREETING_CUE = re.compile(r"^\s*(?:hi|hello|hey|hiya|good (?:morning|afternoon|evening))\b")
# "lovely, thanks" (the comma leaves two spaces), "brilliant, that's really helpful": praise that closes a thread
THANKS_CUE = re.compile(
    r"^\s*(?:(?:great|lovely|brilliant|amazing|awesome|super|ok|okay|perfect)\s+)?(?:thanks|thank you|cheers)\b"
    r"|^\s*perfect\b|^\s*(?:\w+\s+)?(?:that'?s|that was|this is|very|so|really)\s+(?:\w+\s+)?(?:helpful|useful)\b"
)
FOLLOW_UP = re.compile(r"^\s*(?:and|also|what about|how about|what if|if|then|ok|okay|so|but|instead)\b")
# "it" that points at a piece, not the weather's "it" ("if it's cold", "if it rains", "if it does")
_DUMMY_IT = (
    r"(?!'s\b| is\b| was\b| gets?\b| will\b| might\b| rains?\b| snows?\b| does\b| turns?\b| starts?\b"
    r"| going to (?:rain|snow|be)\b)"
)
PRONOUN = re.compile(
    rf"\b(?:it{_DUMMY_IT}|them|they|that|those|these|this one|that one|over it|with it|with that|with them|for that)\b"
)


@dataclass(frozen=True)
class Garment:
    """A garment named in the question: its kind, and the colour and pattern said with it (soft evidence)."""

    kind: str  # a taxonomy type, or "category:<slot>"
    colour: str | None
    pattern: str | None
    owned: bool  # said as "my / the / this ..."
    start: int
    asked: bool = False  # "which shoes", "what trousers": a kind asked for, not a piece referred to
    use: str | None = None  # the style a use word before it says: "my hiking boots" are the sporty pair


@dataclass(frozen=True)
class Slots:
    occasion: str | None = None
    temperature_c: float | None = None
    degrees: bool = False  # the temperature was said in degrees, not as a word ("cold"): only then is it quoted
    rain: bool = False
    wind: bool = False
    cycling: bool = False
    on_water: bool = False  # sailing, a boat trip: windy by nature, a deck underfoot
    walking: bool = False
    evening: bool = False
    day_and_evening: bool = False
    warm_day: bool = False  # "hot days and cool evenings", not only "if it gets cool in the evening"
    season: str | None = None
    trip_days: int | None = None
    colours: tuple[str, ...] = ()
    garments: tuple[Garment, ...] = ()
    ids: tuple[int, ...] = ()  # explicit "#12"
    direction: str | None = None  # for revisions: warmer, cooler, smarter, casual, waterproof
    event: str | None = None  # "lunch", "christening": said back as itself, though dressed as its occasion
    day: str | None = None  # "saturday", "tomorrow": another day has its own weather
    indoor_cold: bool = False  # cold indoors (the office, a plane): a knit layer, not outerwear
    relaxed: bool = False  # work at a tech company, a startup, an agency: smart casual, sneakers depend on the place


PATTERNS = {
    "striped": "striped", "stripy": "striped", "stripes": "striped", "floral": "floral", "flowery": "floral",
    "checked": "checked", "plaid": "checked", "tartan": "checked", "polka": "dotted", "spotty": "dotted",
}  # fmt: skip
_PATTERN = re.compile(r"\b(" + "|".join(PATTERNS) + r")\b")
USES = {"hiking": "sporty", "walking": "sporty", "running": "sporty", "trail": "sporty", "gym": "sporty",
        "sports": "sporty", "smart": "formal", "dressy": "formal", "evening": "formal"}  # fmt: skip
_USE = re.compile(r"\b(" + "|".join(USES) + r")\s+$")
_OWNED = re.compile(r"\b(?:my|the|this|that|these|those|your)\s+(?:[a-z'\-]+\s+){0,2}$")
_ASKED = re.compile(r"\b(?:which|what)\s+(?:[a-z'\-]+\s+)?$")
_SEASON = re.compile(r"\b(spring|summer|autumn|fall|winter)\b")


_JOINERS = frozenset({"or", "and", "with", "than", "vs", "versus"})


def _adjacent(between: str, most: int) -> bool:
    """Whether a colour this close belongs to the garment: "shoes black or boots brown" gives the boots brown."""
    words = between.split()
    return len(words) <= most and not _JOINERS & set(words)


def _garments(text: str) -> tuple[Garment, ...]:
    """Each garment named, with the nearest colour on either side (English puts it before, Romance after)."""
    colours = COLOUR_VOCABULARY.spans(text)
    garments = TYPE_VOCABULARY.spans(text)
    found = []
    claimed = -1  # "jean noir blazer camel": a colour the garment before took (said after it) is not this one's
    for index, (start, end, kind) in enumerate(garments):
        previous_end = garments[index - 1][1] if index else 0
        next_start = garments[index + 1][0] if index + 1 < len(garments) else len(text)
        if kind == "suit" and index + 1 < len(garments) and not text[end:next_start].strip():
            continue  # "suit trousers": the trousers of a suit, one garment
        before = [
            (s, c) for s, e, c in colours if previous_end <= s and e <= start and s != claimed
            and _adjacent(text[e:start], 2)
        ]  # fmt: skip
        after = [  # said after the noun (Romance order), never across a comma: "jeans, white sneakers"
            (s, c) for s, e, c in colours if end <= s and e <= next_start and _adjacent(text[end:s], 1)
            and "  " not in text[end:s]
        ]  # fmt: skip
        colour = before[-1][1] if before else (after[0][1] if after else None)
        claimed = after[0][0] if after and not before else -1
        window = text[max(previous_end, start - 25) : min(next_start, end + 20)]
        pattern = _PATTERN.search(window)
        head = min([s for s, e, c in colours if c == colour and e <= start] or [start])
        asked = _ASKED.search(text[:head]) is not None  # "which shoes", "what trousers": asked for, not referred to
        owned = bool(_OWNED.search(text[:head])) and not asked
        use = _USE.search(text[previous_end:head])
        found.append(
            Garment(
                kind, colour, PATTERNS[pattern.group(1)] if pattern else None, owned, start, asked,
                USES[use.group(1)] if use else None,
            )
        )  # fmt: skip
    return tuple(found)


WARM_DAY = re.compile(rf"\b{_WARM_PART}\b|\b(?:warm|hot) (?:during the )?day\b")


# "planes get cold", "the office is freezing": air conditioning, not the weather outside
# "I'm always cold at the office", "j'ai froid au bureau" (glossed "i have cold to the office"), "mir ist im Büro
# kalt": the person indoors, where a knit layer helps and a coat comes off
INDOOR_COLD = re.compile(
    r"\b(?:planes?|flights?|trains?|offices?|cinemas?|air ?con\w*|aircon|the ac|indoors|inside)\b"
    r"(?: \w+)? (?:get|gets|are|is|can be|will be|feels?|runs?) (?:so |really |super |always )?"
    r"(?:cold|chilly|freezing)\b"
    r"|\b(?:i'm|i am|i get|i feel|i have|i'm always|mir is|do i have)(?: \w+){0,2}? (?:cold|chilly|freezing) "
    r"(?:at|in|to|en|no|im|inside|indoors)(?: the| my)? (?:office|work|desk|class|lectures?)\b"
    r"|\b(?:cold|chilly|freezing) (?:at|in) (?:the |my )?(?:office|desk)\b"
    r"|\bmir is (?:im|i'm|in the|at the|at) (?:office|work)(?: \w+)? (?:cold|chilly|freezing)\b"
)


# "is my hat warm enough for the cold?": how warm the piece is, not the weather
WARM_ENOUGH = re.compile(r"\b(?:warm|hot|cosy|cozy) enough\b(?! for -?\d)")


def _temperature(text: str) -> float | None:
    if DAY_AND_EVENING.search(text) and WARM_DAY.search(text):
        return 24.0  # the day decides the base outfit; the evening adds a layer
    return temperature_in(WARM_ENOUGH.sub(" ", INDOOR_COLD.sub(" ", text)))


MONTHS = {
    "december": "winter", "january": "winter", "february": "winter", "march": "spring", "april": "spring",
    "may": "spring", "june": "summer", "july": "summer", "august": "summer", "september": "fall",
    "october": "fall", "november": "fall",
}  # fmt: skip
_MONTH = re.compile(r"\b(" + "|".join(MONTHS) + r")\b")
MAY_MONTH = re.compile(r"\b(?:in|during|early|late|mid|of|this|next|last)[- ]may\b|\bmay (?:trip|holiday|weekend)\b")
# Employers whose interviews are dressed like their offices, smart casual, rather than in a suit
RELAXED_EMPLOYER = re.compile(
    r"\b(?:start-?ups?|start ups?|tech (?:company|firm|job)|tech|creative|agency|design studio|studio|gaming"
    r"|nonprofit)\b"
)
# the employer said alone, as the place an outfit is for ("c'est bien pour une startup ?")
AT_A_RELAXED_EMPLOYER = re.compile(
    r"\b(?:for|at|in|to) (?:a |an |the |my |this |that )?(?:start-?ups?|start ups?|tech (?:company|firm|job)"
    r"|creative agency|design agency|ad agency|advertising agency|agency|agencies|design studio)\b"
)
# the languages' occasions say these
EVENT = re.compile(r"\b(lunch|brunch|christening|baptism|graduation|church|gig|theatre|theater|drinks|cinema|movies)\b")
# A church service is dressed like an office, neat and covered; said back as church.
CHURCH = re.compile(r"\b(?:church|chapel|mass|sunday service|church service|synagogue|mosque|temple)\b")
# Places and pastimes the occasion table does not name, said as the occasion they are dressed for
_VENUE_WORDS = {
    " restaurant ": r"steakhouse|bistro|brasserie|trattoria|pizzeria|tapas bar|gastropub|sushi place",
    " chill ": r"paintball\w*|go-?kart\w*|karting|bowling|laser tag|escape room|mini golf|crazy golf|golf\w*"
    r"|tennis|padel|fishing",
    " ": r"(?:stag|hen|bachelor|bachelorette) (?:do|party|night|weekend)",  # what they do there decides
    " dinner ": r"(?:dinner|lunch|drinks) at (?:her|his|their|my boss's|a friend's|friends') (?:place|house|flat)",
    # a firm is an office; an errand is thrown on, not dressed for
    " office ": r"(?:law|accountancy|accounting|consulting|consultancy|architecture|insurance) (?:firm|practice)",
    " casual ": r"errands?|popping out|pop out|nip(?:ping)? out|pick(?:ing)? up (?:a |the |my )?(?:parcel|package)",
}
VENUES = tuple((re.compile(rf"\b(?:{words})\b"), said) for said, words in _VENUE_WORDS.items())
# A gig or a concert is stood through in jeans and boots, not dressed for like a party; said back as a gig
GIG = re.compile(r"\b(?:gig|gigs|concert|concerts)\b")
# A pub or a bar dresses a party or drinks down to a dinner's smart casual: a tie there is too much.
PUB = re.compile(r"\b(?:pub|pubs|bar|bars|beer garden|the local|dive bar|wine bar)\b")
DAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|today|tomorrow|tonight|weekend)\b")
# "too formal for jeans", "something less formal" name no occasion
_JUDGED = re.compile(r"\b(?:too|less|more) (?:formal|casual|dressy|smart)\b")


# A wedding on the sand is dressed for it (flat or open shoes, light pieces) and said back as a beach wedding
ON_THE_SAND = re.compile(r"\b(?:beach|seaside|sand|on the sand|by the sea|seafront)\b")
SAND_EVENTS = frozenset({"day-wedding", "wedding-guest"})


def _event_at(text: str, occasion: str | None) -> str | None:
    if occasion in SAND_EVENTS and ON_THE_SAND.search(text):
        return "beach"
    return _event(text)


def _event(text: str) -> str | None:
    found = EVENT.search(GIG.sub(" gig ", CHURCH.sub(" church ", re.sub(r"\ba drink\b", "drinks", text))))
    return found.group(1) if found else None


def _season(text: str) -> str | None:
    season = _SEASON.search(text)
    if season:
        return {"autumn": "fall"}.get(season.group(1), season.group(1))
    month = _MONTH.search(text)
    if month and month.group(1) == "may":  # "may" is a month only where a month can stand: "in May", "mid-May"
        return "spring" if MAY_MONTH.search(text) else None
    return MONTHS[month.group(1)] if month else None


def slots_of(text: str) -> Slots:
    garment_text = SUIT_VERB.sub(lambda m: " " * len(m.group(0)), mask_dress_codes(text))
    activity_free = _JUDGED.sub(" ", WALKING.sub(" ", CYCLING.sub(" ", text)))
    activity_free = AFTER_WORK_DRINKS.sub(" work drinks ", activity_free)
    activity_free = SOCIAL_DRINKS.sub(" drinks with friends ", activity_free)  # neat, not a party
    activity_free = WORK_VERB.sub(" ", activity_free)  # "does the shirt work with the chinos" names no office
    activity_free = WORK_TRIP.sub(" work ", activity_free)  # a business trip is dressed for work, not a flight
    activity_free = THEIR_ANNIVERSARY.sub(" party ", activity_free)
    activity_free = FORMAL_DO.sub(" formal ", activity_free)
    activity_free = re.sub(r"\b(?:baby|bridal) showers?\b", " party ", activity_free)  # a daytime party, not rain
    activity_free = TYPE_VOCABULARY.mask(activity_free)  # "my black formal shoes" name a shoe, not a formal event
    activity_free = MEETING_SOMEONE.sub(
        " seeing ", activity_free
    )  # "meeting her parents" is no business meeting  # a formal dinner is dressed as formal, not as dinner
    for venue, said in VENUES:
        activity_free = venue.sub(said, activity_free)
    occasion = _occasion(activity_free)
    if occasion == "party" and GIG.search(text):
        occasion = "casual"
    if HIKING.search(text) and occasion in (None, "casual", "travel"):
        occasion = "outdoor"  # "a hiking trip", "hike on Sunday": dressed for the trail, not a flight or a café
    relaxed = occasion == "interview" and RELAXED_EMPLOYER.search(text) is not None
    occasion = "work" if relaxed else occasion  # a startup interview: the office's dress, a step up, not a bank's
    if occasion is None and AT_A_RELAXED_EMPLOYER.search(text):
        occasion = "work"  # "is it ok for a startup?": that place's working dress, smart casual
    at_event = _event_at(text, occasion)
    return Slots(
        occasion=occasion,
        temperature_c=_temperature(text),
        degrees=said_in_degrees(text),
        rain=bool(RAIN.search(text)) and not re.search(r"\bif it does(?:n't| not)\b", text),
        wind=bool(WIND.search(text) or ON_THE_WATER.search(text)),
        cycling=bool(CYCLING.search(text)),
        on_water=bool(ON_THE_WATER.search(text)),
        walking=bool(WALKING.search(text)),
        evening=bool(EVENING.search(text)),
        day_and_evening=bool(DAY_AND_EVENING.search(text)),
        warm_day=bool(DAY_AND_EVENING.search(text) and WARM_DAY.search(text)),
        season="summer" if HOT_PLACE.search(text) else _season(text),  # Thailand in March is summer weather
        trip_days=trip_days_in(text),
        colours=tuple(dict.fromkeys(c for _, _, c in COLOUR_VOCABULARY.spans(garment_text))),
        garments=_garments(garment_text),
        ids=tuple(int(m) for m in re.findall(r"(?:#|\bitem\s*#?\s*)(\d{1,9})\b", text)),
        direction=_direction(text),
        event="interview" if relaxed else "night-out" if _goes_on_out(activity_free, occasion) else at_event,
        relaxed=occasion == "work" and RELAXED_EMPLOYER.search(text) is not None,
        indoor_cold=bool(INDOOR_COLD.search(text)),
        day=next((m.group(1) for m in [DAY.search(text)] if m), None),
    )


# Places hot whatever the month (a trip there packs and shops for heat): a table, one name per entry
HOT_PLACE = re.compile(
    r"\b(?:thailand|bangkok|phuket|bali|indonesia|vietnam|cambodia|singapore|malaysia|philippines|sri lanka|india|goa"
    r"|dubai|abu dhabi|qatar|doha|the gulf|egypt|the caribbean|caribbean|jamaica|cuba|mexico|cancun|brazil|rio"
    r"|kenya|tanzania|zanzibar|maldives|mauritius|seychelles|the tropics|hawaii|florida|miami)\b"
)
PLACES = frozenset({"outdoor", "beach"})  # occasions that are places: an event held there is dressed as the event
_PLACE_WORDS = re.compile(
    r"\b(?:outdoors?|outside|in the garden|"
    + "|".join(re.escape(p) for place in PLACES for p in (place, *SYNONYMS.get(place, ())))
    + r")\b"
)


# the people decide over a casual place or pastime; drinks or a birthday at a barbecue stay a barbecue
# An aperitivo, drinks or a party on the beach is a relaxed warm-weather occasion (light colours, sandals), not a
# night out in black; a wedding or a funeral by the sea stays the event
BEACH_RELAXED = frozenset({"party", "dinner", "lunch", "date"})
BEACH_WORDS = re.compile(r"\b(?:" + "|".join(re.escape(p) for p in ("beach", *SYNONYMS.get("beach", ()))) + r")\b")
SOCIAL_EVENTS = frozenset({"date", "funeral", "wedding-guest", "day-wedding", "interview", "formal"})
_CASUAL_WORDS = re.compile(r"\b(?:casual|" + "|".join(re.escape(p) for p in SYNONYMS["casual"]) + r")\b")


def _without_places(text: str) -> str:
    return _PLACE_WORDS.sub(" ", text)


STUDY = re.compile(r"\b(?:uni|university|college|campus|school|class|classes|lectures?|seminar|library)\b")
SEQUENCE = re.compile(r"\b(?:then|after(?:wards)?|followed by|and later|later on|straight to)\b")
NIGHT_OUT_STARTS = ("date", "dinner")  # an evening that starts with these and goes on to a club or a bar
PASSING = frozenset({"gym", "travel"})  # a flight or the gym before or after is changed out of, not dressed for


def _occasion(text: str) -> str | None:
    found = _one_occasion(text)
    parts = SEQUENCE.split(text)
    if len(parts) < 2:
        return found
    # "office then dinner after", "a flight then a meeting": dressed for the dressier of the two, which does both
    every = [o for o in (_one_occasion(part) for part in parts) if o is not None and o in OCCASIONS]
    said = [o for o in every if o not in PASSING]
    if not said:
        return found
    if "gym" in every and set(said) <= {"casual"}:
        return "gym"  # "yoga then coffee with a friend": nobody changes out of their kit for a coffee
    evening_out = [o for o in said if o in NIGHT_OUT_STARTS]
    if "party" in said and evening_out and said.index(evening_out[0]) < said.index("party"):
        return evening_out[0]  # "a date, dinner, then a club": dressed for the dinner, in what goes on dancing
    best = max(said, key=lambda o: OCCASIONS[o][0])
    return found if found in said and OCCASIONS[str(found)][0] >= OCCASIONS[best][0] else best


def _goes_on_out(text: str, occasion: str | None) -> bool:
    """ "a date, dinner, then a club": the evening starts as a date or a dinner and goes on to a club or bar."""
    parts = SEQUENCE.split(text)
    return occasion in NIGHT_OUT_STARTS and len(parts) > 1 and any(_one_occasion(p) == "party" for p in parts[1:])


def _one_occasion(text: str) -> str | None:
    event = find_occasion(mask_dress_codes(text))
    if event is not None and event != "work" and DRESS_CODE_VOCABULARY.first(text) is not None:
        return event  # "a smart-casual party", "a business formal gala": the event, dressed to its code; not work
    found = find_occasion(text)
    if found in PLACES:  # "a wedding in the countryside", "a funeral by the sea": the event, held there
        event = find_occasion(_without_places(text))
        relaxed_there = found == "beach" and event in BEACH_RELAXED  # drinks or a party on the sand: the beach's
        found = event if event is not None and event not in PLACES | {"casual"} and not relaxed_there else found
    if found == "casual":  # "a date at the cinema", "coffee before a funeral": the people decide, not the place
        event = find_occasion(_CASUAL_WORDS.sub(" ", text))
        found = event if event in SOCIAL_EVENTS else found
    if found is None and STUDY.search(text):
        return "casual"  # "I cycle to uni": a student's day, not the office
    if found is None and re.search(r"\b(?:smartest|dressiest|most (?:formal|elegant|dressy))\b", text):
        return "formal"  # "the smartest outfit I can make"
    if found is None and re.search(r"\b(?:comfiest|most (?:casual|relaxed|comfortable)) (?:outfit|look)\b", text):
        return "casual"
    if found in ("dinner", "lunch", "date", "party") and re.search(r"\bformal\b", text):
        return "formal"  # "dinner at a nice restaurant", "date night somewhere fancy": dressed up
    if found in BEACH_RELAXED and BEACH_WORDS.search(text):
        return "beach"  # "un aperitivo in spiaggia", "drinks at the beach bar"
    if found == "party" and re.search(r"\bdinner\b", text):
        return "dinner"  # "my friend's birthday dinner" is a dinner
    if found == "party" and PUB.search(text):
        return "dinner"  # "birthday drinks at a pub": neat, not dressed up
    if CHURCH.search(text) and found in (None, "casual", "dinner", "lunch"):
        return "work"
    return found


# "when it gets cooler", "cooler evenings": the weather changing, not a request for a cooler outfit
WEATHER_TURNS = re.compile(
    r"\b(?:gets?|getting|turns?|turning|it's|is|will be|becomes?|goes) (?:a bit |a little |much |even )?"
    r"(?:cooler|colder|warmer|chillier)\b|\b(?:cooler|colder|warmer|chillier) (?:evenings?|nights?|later|weather)\b"
)


def as_revision(text: str) -> str:
    """The text a revision cue is looked for in: the weather's own "cooler" taken out."""
    return WEATHER_TURNS.sub(" ", text)


def _direction(text: str) -> str | None:
    text = as_revision(text)
    for word, direction in (
        ("warmer", "warmer"), ("waterproof", "waterproof"), ("cooler", "cooler"), ("lighter", "cooler"),
        ("smarter", "smarter"), ("dressier", "smarter"), ("more casual", "casual"),
        ("more (?:formal|dressy|elegant|polished|classy|chic)", "smarter"),  # "qualcosa di più elegante"
        ("more relaxed", "casual"), ("less (?:formal|dressy|smart|fancy|corporate|stiff|office\\w*)", "casual"),
        ("dress (?:it |them )?down", "casual"), ("less casual", "smarter"), ("dress (?:it |them )?up", "smarter"),
        ("more colou?r\\w*", "colour"),
        ("colou?rful", "colour"), ("brighter", "colour"), ("less boring", "colour"),
        ("too (?:boring|plain|dull|dark|basic|safe|bland)", "colour"),
    ):  # fmt: skip
        if re.search(rf"\b{word}\b", text):
            return direction
    return None
