"""Which kind of question this is, by ordered rules over the (glossed, normalised) English text.

Order matters and says what wins: thanks and greetings only when that is all there is; what the engine cannot
know (forecasts, prices, shops) before anything that merely mentions rain; a dislike or a revision of the
last suggestion before a fresh request; comparisons ("X or Y") before yes/no; counting and "do I own" before
outfit words; gaps, knowledge, packing; then outfits and pairings; the rest is off-topic or too vague.
"""

import re
from dataclasses import dataclass

from app.assistant.local import kinds as k
from app.assistant.local.entities import LAST_UPLOAD
from app.assistant.local.slots import (
    CAMERA,
    FOLLOW_UP,
    FORECAST,
    GREETING_CUE,
    MATERIAL,
    PATTERNS,
    PRICE,
    PRONOUN,
    REVISE_CUE,
    STORE,
    THANKS_CUE,
    TRENDS,
    Slots,
    as_revision,
)

FASHION = re.compile(
    r"\b(?:wear\w*|outfit\w*|dress\w*|cloth\w*|wardrobe|style|look|colou?rs?|fit|pack\w*|go(?:es)? with|match\w*|"
    r"pair\w*|items?|things?|pieces?|own|have)\b"
)
# "number of jeans i have?"; "how many wears before I wash it?" asks how often, not how many
COUNT = re.compile(r"\bhow many\b(?! (?:wears|times|washes)\b)|^\s*(?:the )?(?:number|count) of\b")
OWN = re.compile(
    r"\bwhich (?:\w+ ){0,2}should i (?:take|wear|bring|pack)\b|\bmost (?:formal|casual|warm|dressy)\b(?! outfit| look)|"
    r"\bmy (?:\w+est|most \w+) (?!outfit|look)\w+|\blist (?:every\w*|anything)\b|"
    r"\b(?:do|did) i (?:have|own|still have)\b|\bhave i got\b|\bis there\b|\bwhich of my\b|\blist (?:my|all)\b"
    r"|\bshow me (?:my|all|every\w*)\b|\b(?:everything|anything|all) (?:\w+ ){0,2}i (?:own|have)\b"
    r"|\bwhat (?:\w+ )?(?:items|things|clothes|pieces|stuff)\b.*\b(?:have|own)\b"
    # "which pieces are only for summer?", "what things of mine are warm enough?": the wardrobe, filtered
    r"|\b(?:what|which) (?:items|things|clothes|pieces|stuff)(?: of mine)? (?:are|is) "
    r"(?:only|just|\w+ enough|good|ok|fine|suitable|for)\b"
    r"|\bwhat do i have\b|^\s*what i have\b(?! to\b)|\bwhich (?:\w+ ){0,2}(?:do|did) i (?:have|own)\b"
    r"|\bwhich of (?:my|the|them|those|these)\b"
    r"|\b(?:\w+est|most \w+) (?:\w+ ){0,2}(?:i (?:own|have)|i've got|in my wardrobe)\b"
)
# "what's the most versatile piece I own?", "what goes with the most?", "what do I wear the most?": one piece of
# the wardrobe, picked by how hard it works, not an outfit nor a list
VERSATILE = re.compile(
    r"\bmost (?:versatile|useful|flexible|wearable|worn)\b"
    r"|\b(?:goes|go|works?|pairs?|match(?:es)?) with (?:the )?most\b"
    r"|\bwear (?:the )?most\b|\bwear most often\b|\bworks? (?:the )?hardest\b"
)
SUPERLATIVE = re.compile(
    r"\bmost (?:formal|casual|warm|dressy|dressed[- ]up|relaxed|comfortable|comfy)\b"
    r"|\b(?:warm|smart|dress|casual|comf)i?est\b"
)
ANY_OF = re.compile(r"^\s*(?:any|got any|got anything|anything)\b(?! (?:ideas?|advice|tips|other ideas?)\b)")
PAIRS_WITH = re.compile(r"\b(?:go|goes|going) (?:well |nicely |best |better )?with\b|\bmatch(?:es)?\b|\bpairs? with\b")
BEST_OF = re.compile(r"\bwhich (?:of my |of the )?(?:\w+ )?(?:is|are) (?:the )?best\b|\bbest for\b")
# "what's the best shoe for a wedding in the rain?", "the best jacket to wear in the wind": one of the user's own
BEST_KIND = re.compile(
    r"\b(?:the|my) (?:best|warmest|smartest|comfiest|most comfortable) (?:pair of )?[a-z\-]+ (?:for|to|in|at|on)\b"
)
COMPARE = re.compile(
    r"\bwhich (?:one |\w+ )?(?:is|would be|looks?) (?:better|warmer|smarter|dressier|more|cooler|lighter|best)\b"
    r"|^\s*(?:and |so |ok )?which (?:one )?(?:is|would be) (?:the )?(?:\w+est|most \w+)\s*$"  # "which is the warmest?"
    r"|\b(?:better|warmer|smarter|dressier)\b.*\bor\b|\bor\b.*\?|\bwhich one\b|\bshould i (?:wear|go with|pick) .* or\b"
)
# A yes/no verb opens the question or a clause of it ("funeral on thursday - is my tie right", "the dress code is
# business formal. will the grey trousers do?"); a comma or question mark the normaliser dropped leaves two spaces
CLAUSE = r"(?:^|[.;!]\s|\s-\s|\s\s)\s*(?:(?:ok|okay|so|and|but|also|well|right|alright|oh|hmm|then)\s+)*"
# "can you put something together", "could you suggest": a request for an outfit, not a yes/no about a piece
REQUEST = (
    r"(?!\s+you\s+(?:please\s+)?(?:put|give|suggest|make|help|find|pick|choose|recommend|show|create|plan|build"
    r"|style|come up|think of|do)\b)"
)
YESNO = re.compile(
    rf"{CLAUSE}(?:can|could|may|should|shall|is|are|does|do|did|will|would|am|isn't|aren't|doesn't)\b{REQUEST}"
    r"|\byes or no\b|\b(?:right|a yes|a no|a good idea|too much)\s*$"
    r"|^(?!\s*(?:what|which|how|where|when|why)\b).*\b(?:is|are) (?:it )?(?:ok|okay|fine|alright|appropriate)\b"
    r"|\bis it (?:ok|okay|fine|alright|acceptable|appropriate)\b"
    r"|\b(?:ok|okay|fine|warm enough|too casual|too formal)\b.*\?"
    r"|\b(?:ok|okay|fine|alright|acceptable|appropriate|warm enough|too (?:casual|formal|much))\s*$"  # "sneakers ok?"
    r"|^\s*(?:ok|okay|fine|alright|good) (?:with|for) (?:that|it|this|them|those|the outfit|the look)\s*$"
    r"|\b(?:is|are) (?:really |actually )?(?:necessary|needed|required|a must)\b"  # "e la cravatta è necessaria?"
    r"|\b(?:is|are) (?:a bit |way )?(?:too|overkill) ?(?:casual|formal|much|dressy|smart|fancy|warm|hot|loud|bright)?\b"
)
GAP = re.compile(
    r"\bmissing\b|\b(?:what|which) (?:else )?(?:do|would|should) i (?:(?!wear|put|pack|take|bring)[a-z']+ ){0,2}"
    r"(?:need|add|buy|get)\b|\bwhat should i (?:add|buy)\b"
    r"|\bwhat (?:would|should|could) you (?:buy|add|get)\b|\bwhat (?:\w+ )?(?:to|should i) buy\b"
    r"|\bcapsule\b|\bgaps?\b|\bwhat to buy\b|\bnext (?:buy|piece|purchase)\b|\bwhat am i lacking\b|\blacking\b"
    r"|\bwhat do i lack\b"
)
CARE = re.compile(
    r"\b(?:wash\w*|clean\w*|iron\w*|steam\w*|stain\w*|dry|drying|tumble|shrink\w*|pill\w*|moth\w*|store|storing|"
    r"care for|look after|de-?pill|polish\w*|waterproof(?:ing)? my|marks?|deodorant|sweat stains?|bleach\w*|"
    r"get (?:\w+ ){0,4}out of|dryer|drier|armpits?|underarms?|under the arms"
    r"|(?:going|gone|goes|turn\w*) (?:yellow|grey|gray)|yellowing|fad(?:e|ed|es|ing)|discolou?r\w*|bobbl\w*"
    r"|smell\w*|odou?rs?|stink\w*|smok(?:e|y)|creas\w*|crumpl\w*|wrinkl\w*|lint|fluff|(?:pet|dog|cat|animal) hairs?)\b"
)
# A care problem described about a piece ("my shirt got a stain, is it ruined?") asks for care, not a verdict on it
CARE_PROBLEM = re.compile(
    r"\b(?:stained|got a stain|has a stain|pilled|pilling|bobbled|faded|discolou?red"
    r"|moth holes?|a hole in)\b|\bhang(?:ing)? (?:up )?(?:my|a|the|your)\b"
)
CARE_YESNO = re.compile(  # "can I ...", "my sweater can go in the machine?" (French order); never "how can I"
    r"^(?!\s*(?:how|what|which|where|when|why)\b).*\b(?:can|could|should|may|is it ok to|do i)\b.*"
    r"\b(?:wash\w*|tumble|dryer|drier|iron|steam|bleach\w*|washing machine|machine wash\w*|dry-?clean\w*)\b"
)
FIT = re.compile(
    r"\btuck\w*\b|"
    r"\b(?:how|where) (?:should|do|does|long should|short should|tight should|loose should)\b.*"
    r"\b(?:fit|be|sit|end|fall|break|hit)\b"
    r"|\b(?:fit|fits|fitting|tailor\w*|hem|sleeve\w*|length|too (?:tight|loose|long|short|baggy)|proportion\w*)\b"
)
FIT_QUESTION = re.compile(
    r"\b(?:collar|sleeve|hem|inseam|waist(?:band)?|shoulders?)\b.*\b(?:tight|loose|long|short|fit|sit|end|snug)\b"
    r"|\b(?:be |wear \w+ |go )?(?:tucked|untucked)\b|\btuck (?:it|them|in|my)\b"
    r"|\bfeels? (?:too |a bit |really |so |very )?(?:tight|loose|baggy|snug|short|long|big|small)\b"
    r"|\b(?:tight|loose|baggy) (?:across|at|in|around|on)\b"
    r"|\b(?:gape|gapes|gaping|bunches|bunching|puckers?|puckering)\b"  # a fit problem said as what it does
    r"|\b(?:should|how) (?:my |a |the )?\w+ (?:be|fit|sit) (?:tight|loose|snug|fitted|baggy)\b"
    # an alteration asked about: "can a tailor ...", "get my jeans tapered", "taken in at the waist"
    r"|\btailors?\b|\b(?:taken in|taken up|let out|tapered|hemmed|shortened|lengthened|shorten|lengthen|altered)\b"
)
# How a thing is done with clothes, whichever piece: a tuck, a rolled sleeve, a scarf's knot, a blazer's buttons,
# a belt against the shoes. "Does my brown belt go with my black shoes?" is a verdict on two pieces, not this.
_HANDLE = r"(?:tuck|roll|cuff|tie|knot|drape|fold|button|do up|wear|style)"
_HOW = r"\bhow (?:do|should|can|could|would|to|do you) (?:i |you |one )?(?:properly |best |neatly )?"
_SCARF = r"(?:a|my|the) (?:\w+ )?scarf\b"
TECHNIQUE = re.compile(
    rf"{_HOW}(?!wear\b|style\b){_HANDLE}\b"
    rf"|\b(?:right|best|proper|correct|nicest|neat) way to {_HANDLE}\b|\bwhich buttons?\b"
    rf"|\bhow (?:do|can|should) i (?:wear|style|tie) {_SCARF}.*\b(?:boring|interesting|different|ways?)\b"
    rf"|\bways to (?:wear|tie|style) {_SCARF}"
    r"|\b(?:should|does|do|must) (?:my |a |the |your )?belts? (?:always |really )?(?:have to |need to )?"
    r"(?:match|go with) (?:my |the |your )?shoes\b"
    r"|\bbelts? and (?:my |the |your )?shoes (?:always |really )?(?:have to|need to|should|must) match\b"
)


@dataclass(frozen=True)
class Technique:
    """One styling technique: its phrase topic, its technique.md section, and the two ways a question names it."""

    topic: str
    section: str
    asked: str | None  # a question that says this is a technique question on its own ("roll up my sleeves")
    words: str | None  # within a technique question, the word that picks this topic ("belt", "scarf")
    rule: str | None = None  # what `asked` says is a rule, answered yes first ("should I unbutton it to sit?")


# The one table of techniques, in order: `asked` patterns are tried first, first match wins (the high-waisted
# tuck before the plain one); then `words` inside a question already known to be about technique.
TECHNIQUES = (
    Technique("belt", "Belts and shoes", None, r"\bbelts?\b"),
    Technique("buttons", "Blazer and jacket buttons",
              r"\b(?:unbutton\w*|undo (?:the |my |its )?buttons?)\b.*\bsit\w*\b|\bsit\w*\b.*\bunbutton\w*",
              r"\bbutton\w*|\bdo up\b", "unbutton_rule"),
    Technique("scarf", "Wearing a scarf", None, r"\bscar(?:f|ves)\b"),
    Technique("high_waist_tuck", "Tucking with high-waisted bottoms",
              r"\btuck\w*\b.*\bhigh[- ]?(?:waist\w*|rise)\b|\bhigh[- ]?(?:waist\w*|rise)\b.*\btuck\w*", None),
    Technique("sleeves", "Rolling shirt sleeves",
              r"\b(?:roll\w*|push\w*) (?:up )?(?:my |the |your )?(?:shirt )?sleeves\b"
              r"|\bsleeves? (?:rolled|pushed) up\b",
              r"\broll\w*|\bsleeves?\b|\bcuffs?\b"),
    Technique("cuff", "Cuffing jeans",
              r"\b(?:cuff\w*|roll\w*|turn\w*) (?:up )?(?:my |the |your )?(?:\w+ )?(?:jeans|trousers|pants|chinos)\b"
              r"|\bturn[- ]?ups?\b|\b(?:jeans|trousers|pants|chinos) (?:cuffed|rolled|turned|cuff|roll) ?(?:up)?\b",
              None),
    Technique("layer", "Layering", r"\bhow (?:do (?:i|you)|to|should i|can i|would you) layer\b|\blayering\b", None),
    Technique("tuck", "Tucking a knit or a shirt", r"\b(?:french|half|front)[- ]tuck\w*", r"\btuck\w*"),
)  # fmt: skip


def styling_technique(text: str) -> Technique | None:
    """The styling technique a question asks about on its own ("should I tuck in my blouse?")."""
    return next((t for t in TECHNIQUES if t.asked and re.search(t.asked, text)), None)


def technique_named(text: str) -> Technique | None:
    """Within a technique question, the technique its words name ("which buttons do I do up?")."""
    return next((t for t in TECHNIQUES if t.words and re.search(t.words, text)), None)


# "my suit trousers are too long", "the sleeves are too long", "my sweater shrank": a problem a tailor (or a soak)
# fixes, answered with the fix, not a verdict on a piece nor a question back about which one
FIT_PROBLEM = re.compile(r"\btoo (?:long|short|tight|loose|baggy|big|small|wide|snug)\b|\b(?:shrunk|shrank|shrunken)\b")
FABRIC = re.compile(r"\b(?:linen|wool|cotton|silk|cashmere|denim|leather|suede|polyester|synthetics?|fabrics?)\b")
COLOUR_THEORY = re.compile(
    r"\b(?:mix\w*|clash\w*) (?:patterns?|prints?)\b|\bpatterns? mixing\b|"
    r"\bcolou?rs? (?:suit|suits|flatter|look good on|work for) me\b|\b(?:suit|suits|flatter|flatters) me\b|"
    r"\bmy (?:skin ?tone|colouring|coloring|complexion)\b|"
    r"\b(?:what|which) colou?rs? (?:(?:should|do|can|could|would|will) (?:i|you) )?(?:actually |really |usually )?"
    r"(?:go|goes|work|match|pair)\b"
    r"|\bcolou?rs? (?:go|goes|that go|to wear) with\b"
    r"|\b(?:go|goes) together\b|\bundertones?\b|\bcolou?r (?:combination|palette|theory)\b"
)
DRESS_CODE = re.compile(
    r"\b(?:difference between|explain)\b.*\b(?:casual|formal|black tie|white tie|cocktail)\b|"
    r"\bwhat (?:does|is|means) (?:a |an |the )?(?:black tie|white tie|smart casual|business casual|cocktail|"
    r"semi-formal|business formal|dress code)\b|\bdress code\b.*\bmean\b|\bmean by\b"
    r"|\b(?:black tie|white tie|smart casual|business casual|cocktail|semi-formal|business formal|lounge suit|"
    r"attire)\b.*\b(?:mean|means|meaning)\b|\b(?:invite|invitation) says\b"
)
PACKING = re.compile(r"\bpack\w*\b|\bsuitcase\b|\bcarry-on\b")
OUTFIT = re.compile(
    r"\bwhat (?:should|shall|can|could|do|would) i (?:wear|put on|dress)\b|\bwhat to wear\b|\boutfits?\b"
    r"|\b(?:dress|dressed) for\b|\bwhat (?:do|should) i put on\b|\bwear (?:to|for|on|at|today|tomorrow|tonight)\b"
    r"|\bsuggest\b|\blook for\b|\bwhat (?:should|do) i (?:take|bring)\b|\bwhat instead\b"
    r"|\bput (?:something|an outfit|a look|an? \w+ look) together\b|\bcome up with (?:something|an outfit|a look)\b"
    r"|\bdress me\b|\b(?:throw|chuck|pull|sling) on\b"
)
WHAT_TO_WEAR = re.compile(r"\bwhat (?:should|shall|can|could|do|would) i (?:wear|put on)\b|\bwhat to wear\b")
PAIRING = re.compile(
    r"\b(?:goes?|going|go|pair\w*|match\w*|work\w*|wear|combine|team|style|put) (?:well )?with\b"
    r"|\bhow (?:do|can|should|could) i (?:style|wear|pair)\b|\bwhich (?:shoes|trousers|top|bag|jacket|coat)\b"
    r"|\bover (?:it|that|this|them)\b|\bwhat (?:shoes|trousers|top)\b|\blayer\b"
    r"|\b(?:under|underneath|beneath) (?:it|that|this|them)\b"  # "what would you put under it?": a top for the coat
)
VAGUE = re.compile(r"^\s*(?:help|hmm+|ok(?:ay)?|well|any (?:ideas|advice|tips)|advice|ideas|not sure|idk|\?+)[\s?.!]*$")


def _two_options(slots: Slots, text: str = "") -> bool:
    owned = [g for g in slots.garments if g.owned or g.colour]
    kinds = [g for g in slots.garments if not g.kind.startswith("category:")]
    either = len(kinds) == 2 and kinds[0].kind != kinds[1].kind and _KIND_OR_KIND.match(text[kinds[0].start :])
    return len(owned) >= 2 or len(slots.ids) >= 2 or (len(slots.colours) >= 2 and bool(slots.garments)) or bool(either)


# "boots or sneakers", "loafers or the boots": two kinds of the user's own, one to pick
_KIND_OR_KIND = re.compile(r"[a-z\-]+ (?:or|vs|versus) (?:the |my )?[a-z\-]+\b")


def _conversation(text: str, slots: Slots, has_suggestion: bool, dislike: bool) -> str | None:
    words = len(text.split())
    asking = re.search(r"\b(?:what|which|how|and|can|could|should|would|where|why|but|any)\b", text)
    if THANKS_CUE.search(text) and words <= 5 and not asking:  # "perfect, and what bag?" asks on
        return k.THANKS
    if GREETING_CUE.search(text) and words <= 4:
        return k.GREETING
    price = PRICE.search(text) and not CARE.search(text)
    forecast = FORECAST.search(text) and not OUTFIT.search(text)  # "what do I wear, it's going to rain": a given
    if forecast or price or STORE.search(text) or TRENDS.search(text) or CAMERA.search(text) or MATERIAL.search(text):
        return k.CANNOT
    if dislike and has_suggestion:
        return k.REVISE if REVISE_CUE.search(as_revision(text)) or slots.direction else k.DISLIKE
    if dislike and any(g.owned for g in slots.garments) and not re.search(r"\b(?:what|which|how|can|could)\b", text):
        return k.DISLIKE  # "I hate my red heels, never suggest them": recorded, outside any thread too
    if PLACE_ADVICE.search(text):
        return k.OFF_TOPIC  # "recommend a good restaurant": a place to go, not what to wear there
    comparing = re.search(r"\bwhich (?:one )?(?:is|would be)\b", text)
    missing = re.search(r"\b(?:missing|lacking|lack)\b", text)  # "what am I missing to look smarter?" is a gap
    asked_else = COUNT.search(text) or OWN.search(text) or comparing or missing
    verdict_on_a_swap = INSTEAD_OF_VERDICT.search(text)  # "is brown ok instead of black shoes?": asked, not told
    if has_suggestion and REVISE_CUE.search(as_revision(text)) and not asked_else and not verdict_on_a_swap:
        return k.REVISE
    return None


INSTEAD_OF_VERDICT = re.compile(r"^\s*(?:and |but |so )?(?:is|are|would|could|can|will|does|do)\b.*\binstead of\b")
PLACE_ADVICE = re.compile(
    r"\b(?:recommend|suggest|know) (?:me )?(?:a |an |some |any )?(?:good |nice |great )?"
    r"(?:restaurants?|hotels?|bars?|cafes?|clubs?|places? to (?:eat|stay|go))\b"
)
_THINGS = re.compile(r"\b(?:any|anything|something|stuff|things?|items?|pieces?|clothes|what|which|that)\b")
# "... or is that weird?", "... or not?": a yes/no question with a tag, not a choice between two things
# ("... too much or fine?", "..., nice or not"): the tag ends the question
TAG_QUESTION = re.compile(
    r"\bor (?:is (?:that|it)|would (?:that|it)|does (?:that|it)|not|no|nah)\b.*$|\bor (?:fine|ok|okay|alright)\s*$"
)


# a verdict asked for with a tag and no verb: "..., yay or nay", "..., good?", "..., thoughts?"
VERDICT_TAG = re.compile(
    r"\b(?:yay or nay|yea or nay|good or bad|hit or miss|thoughts|good|ok or not|works?|acceptable|too much"
    r"|nice|fine|alright|(?:nice|fine|good|alright) or not)\s*$"
)


# colour theory asked of no piece: "how many colours should I wear at once?", "what colours suit warm undertones?"
COLOUR_ADVICE = re.compile(
    r"\bhow many colou?rs? (?:should|can|could|would|do you|do people) (?:i |you |one |people )?"
    r"(?:wear|mix|combine|use|put together)\b|\bundertones?\b|\bskin ?tones?\b"
)


def _question(text: str, slots: Slots, question_mark: bool = False) -> str | None:
    if COLOUR_ADVICE.search(text) and not any(g.owned for g in slots.garments):
        return k.COLOUR
    if COUNT.search(text):
        return k.COUNT
    if VERSATILE.search(text) and not slots.occasion:
        return k.OWN
    choice = TAG_QUESTION.sub(" ", text)
    # "which shoe is best for a wedding in the rain?": one kind and no two pieces named, a pick from the wardrobe
    # (a kind of piece, "which dress is best?", still compares the two or three the user has)
    one_slot = len(slots.garments) == 1 and slots.garments[0].kind.startswith("category:")
    one_kind_best = one_slot and re.search(r"\bbest\b", text) and not re.search(r" (?:or|vs) ", text)
    if (
        (COMPARE.search(choice) or re.search(r" (?:or|vs|versus) ", choice))
        and not one_kind_best
        and (_two_options(slots, text) or re.search(r"\bwhich one\b|\bwhich (?:\w+ )?is\b", text))
    ):
        return k.COMPARE
    if OWN.search(text) and PAIRS_WITH.search(text) and len(slots.garments) >= 2:
        return k.PAIRING  # "which of my tops go with the rust skirt?": the tops that go with it
    asked = any(g.asked for g in slots.garments)  # "which shoes are best for ...": the user's own shoes
    if GAP.search(text) and re.search(r"\b(?:gaps?|missing|lacking)\b", text):
        return k.GAP  # "is there a gap in my wardrobe for winter?" asks what to add, not what is there
    weather = slots.rain or slots.temperature_c is not None  # "anything waterproof?", "anything warm?"
    printed = any(word in PATTERNS for word in text.split())  # "anything checked?": a print, asked of the wardrobe
    any_of = ANY_OF.search(text) and (slots.garments or slots.colours or weather or printed)  # "any brown shoes?"
    # "I have a wedding in October, what should I wear?" ("ho un matrimonio": "do i have"): a day, not a wardrobe query
    said_outfit = bool(WHAT_TO_WEAR.search(text)) and not re.search(r"\b(?:anything|something|any)\b", text)
    no_piece = not (slots.garments or slots.colours)
    superlative = SUPERLATIVE.search(text)  # "and the most casual?": a piece of the wardrobe, not a relaxed day
    having_a_day = no_piece and slots.occasion and (not _THINGS.search(text) or said_outfit) and not superlative
    if (
        (OWN.search(text) and not having_a_day)
        or any_of
        or (BEST_OF.search(text) and (re.search(r"\bmy\b", text) or asked))
        or (BEST_KIND.search(text) and len(slots.garments) == 1)
        # "which shoes are the comfiest?", "quelles sont mes chaussures les plus confortables ?": yours, ranked
        or (superlative and slots.garments and re.match(r"\s*(?:which|what)\b", text) and not PAIRS_WITH.search(text))
    ):
        return k.OWN
    situation = slots.walking or slots.rain or slots.occasion or slots.temperature_c is not None
    leans = PRONOUN.search(text) or PAIRS_WITH.search(text) or FOLLOW_UP.search(text)  # "and which shoes for that?"
    if asked and len(slots.garments) == 1 and situation and not leans:
        return k.OWN  # "which shoes for walking all day?": the user's own shoes for it, not a pairing
    if GAP.search(text):
        return k.GAP
    if TECHNIQUE.search(text):
        return k.TECHNIQUE
    if DRESS_CODE.search(text):
        return k.DRESS_CODE
    if styling_technique(text) and not PACKING.search(text):
        return k.TECHNIQUE  # "should I tuck in my blouse with high-waisted jeans?": how it is worn, not a pairing
    if CARE_PROBLEM.search(text) and not slots.occasion:
        return k.CARE
    if FIT_QUESTION.search(text) and not slots.occasion and slots.temperature_c is None:
        return k.FIT  # "should my shirt collar be tight?" is about fit, whichever shirt
    if FIT_PROBLEM.search(text) and not slots.occasion and slots.temperature_c is None and not slots.rain:
        return k.FIT  # "my suit trousers are too long, what can I do?": the alteration, whichever pair
    if CARE_YESNO.search(text) and CARE.search(text):
        return k.CARE  # "can I tumble dry my wool sweater?": the fabric's care, whichever sweater
    if slots.colours and not slots.garments and re.search(r"\b(?:suit|suits|flatter|flatters) me\b", text):
        return k.COLOUR  # "does yellow suit me?": colour theory, not a verdict on a piece
    refers = PRONOUN.search(text) or re.search(r"\bthis\b", text)  # not the weather's "it"
    if YESNO.search(text) and (slots.garments or slots.colours or slots.ids or refers):
        return k.YESNO
    if slots.garments and VERDICT_TAG.search(text) and not re.search(r"\b(?:what|which|how|where|why)\b", text):
        return k.YESNO
    asked_plainly = question_mark and len(text.split()) >= 3 and not FOLLOW_UP.search(text)
    situation = slots.occasion or slots.temperature_c is not None or slots.rain
    verbless = not re.search(
        r"\b(?:what|which|how|where|why|who|i|you|can|could|should|would|wear|pack|suggest|need|get|buy|put)\b", text
    )
    if asked_plainly and slots.garments and situation and verbless and not PAIRS_WITH.search(text):
        return k.YESNO  # "shorts at work when it's 32 out?": a verdict asked by intonation
    owned = [g for g in slots.garments if g.owned]
    by_intonation = len(owned) >= 2 or (question_mark and owned and len(slots.garments) >= 2)
    if re.search(r"\bgo(?:es)? with\b", text) and by_intonation and not re.match(r"^\s*(?:what|which|how)\b", text):
        return k.YESNO  # "¿mi blazer combina con mis vaqueros?": a yes/no question by intonation alone
    two_colours = len(slots.colours) >= 2 and not slots.garments and question_mark
    if two_colours and re.search(r"\bgo(?:es)? with\b", text) and not re.match(r"^\s*(?:what|which|how)\b", text):
        return k.YESNO  # "il bordeaux sta bene col blu navy?": two colours, a yes/no by intonation
    return None


# "what colour tights would go with that?", "quelle couleur de collants avec ça ?": advice for the last outfit
TIGHTS = re.compile(r"\b(?:tights|stockings|pantyhose|hosiery)\b")


def _topic(text: str, slots: Slots) -> str | None:
    if TIGHTS.search(text):
        return k.PAIRING
    fabric_asked = FABRIC.search(text) and not (OUTFIT.search(text) or PAIRING.search(text) or slots.occasion)
    if CARE.search(text) or fabric_asked:  # "how can I wear my denim shorts?" is styling, not denim's care
        return k.CARE
    if FIT.search(text) and not OUTFIT.search(text):
        return k.FIT
    if COLOUR_THEORY.search(text) and not any(g.owned for g in slots.garments):
        return k.COLOUR
    if slots.colours and not slots.garments and PAIRS_WITH.search(text):
        return k.COLOUR  # "what goes well with rust?": a colour's partners, no piece named
    if PACKING.search(text) or (slots.trip_days and not PAIRING.search(text)):
        return k.PACKING
    refers = (
        slots.garments or slots.ids or LAST_UPLOAD.search(text) or re.search(r"\b(?:it|that|this|them|layer)\b", text)
    )
    if PAIRING.search(text) and refers:
        return k.PAIRING
    if OUTFIT.search(text):
        return k.OUTFIT
    return None


def classify(
    text: str, slots: Slots, *, has_suggestion: bool = False, dislike: bool = False, question_mark: bool = False
) -> str:
    """`question_mark`: the question ended with one (the normalised text has none)."""
    kind = (
        _conversation(text, slots, has_suggestion, dislike)
        or _question(text, slots, question_mark)
        or _topic(text, slots)
    )
    if kind:
        return kind
    weather = slots.temperature_c is not None or slots.rain or slots.wind or slots.day_and_evening
    situation = slots.occasion or weather or slots.cycling or slots.walking
    if situation:
        return k.OUTFIT
    if slots.garments or slots.ids:
        return k.PAIRING
    if VAGUE.search(text) or len(text.split()) <= 2:
        return k.CLARIFY
    return k.OFF_TOPIC if not FASHION.search(text) else k.CLARIFY
