"""Planners for conversation and knowledge: greetings, what the engine cannot know, care, fit, colour, dress codes."""

import re

from app.assistant.local import kinds as k
from app.assistant.local.classify import CARE_YESNO, styling_technique, technique_named
from app.assistant.local.entities import TYPE_VOCABULARY
from app.assistant.local.knowledge import Section, colour_section, find, retrieve
from app.assistant.local.plan import Ask, Plan, planner
from app.assistant.local.plan_verdict import Verdict
from app.assistant.local.slots import CAMERA, FORECAST, MATERIAL, PRICE, TRENDS, Slots
from app.styling import WardrobeItem

CARE_TOPICS = (
    ("stain", r"\bstain\w*|\bwine\b|\bspill\w*|\byellow\w*|\barmpits?\b|\bunderarms?\b|\bsweat(?:s|y|ing|ed)?\b"),
    ("lint", r"\blint\b|\bfluff\b|\b(?:pet|dog|cat|animal) hairs?\b"),
    ("storage", r"\b(?:store|storing|storage)\b.*\b(?:boots|shoes|loafers|heels|trainers|sneakers)\b"
                r"|\b(?:lose|keep) (?:their|its) shape\b"),
    ("knit", r"\b(?:sweater|cardigan|wool|cashmere|knit\w*|jumper)\b"),
    ("denim", r"\bjeans\b|\bdenim\b"), ("leather", r"\bleather|\bboots\b|\bloafers\b|\bshoes\b|\bsuede\b"),
    ("shirt", r"\bshirt|\bblouse|\bcotton\b|\blinen\b|\biron\w*"), ("coat", r"\bcoat\b|\bjacket\b|\bblazer\b"),
)  # fmt: skip
# "Can I tumble dry my wool sweater?": (what is done, to which fabric, the answer), first match wins; the
# knowledge base then says how. Fabrics are the words said, or what the piece is made of when its kind says it.
_TUMBLE, _MACHINE = r"\btumble|\b(?:dryer|drier)\b", r"\b(?:machine|washing machine|machine wash\w*)\b"
_DELICATE = r"\b(?:wool\w*|cashmere|silk\w*|knit\w*|leather|suede|merino)\b"
CARE_VERDICTS = (
    (_TUMBLE, _DELICATE, "no"), (_TUMBLE, r"\b(?:cotton|denim|jeans|linen|t-shirts?)\b", "depends"),
    (_MACHINE, r"\b(?:silk\w*|leather|suede)\b", "no"),
    (_MACHINE, r"\b(?:wool\w*|cashmere|merino|knit\w*)\b", "depends"),
    (_MACHINE, r"\b(?:cotton|denim|jeans|polyester|t-shirts?)\b", "yes"),
    (r"\bbleach", r"\b(?:wool\w*|silk\w*|cashmere|denim|jeans|leather|colou?r\w*)\b", "no"),
    (r"\biron", r"\b(?:silk\w*|wool\w*|polyester|synthetics?)\b", "depends"),
    (r"\biron", r"\b(?:linen|cotton)\b", "yes"),
    (r"\bdry[- ]clean", r"\b(?:wool\w*|silk\w*|cashmere|blazer|suit|coat)\b", "yes"),
)  # fmt: skip
# What a piece is made of when its kind says it: "my grey sweater" in the dryer is a knit in the dryer.
KIND_FABRIC = {"sweater": "knit", "cardigan": "knit", "beanie": "knit", "jumper": "knit", "scarf": "knit",
               "jeans": "denim", "t-shirt": "cotton", "boots": "leather", "loafers": "leather",
               "formal-shoes": "leather", "polo": "cotton", "shirt": "cotton"}  # fmt: skip
# "How often should I dry clean my blazer?": the frequency first, for that kind of piece; (topic, what names it,
# the knowledge section that answers it), first match wins, so a blazer never gets a sweater's washing advice
OFTEN = re.compile(
    r"\bhow (?:often|frequently|regularly)\b|\bhow many (?:wears|times|washes)\b|\bevery (?:wear|time)\b"
)
CARE_FREQUENCY = (
    ("often_tailoring", r"\b(?:blazers?|suits?|sport coats?|tailoring)\b", "How often: blazers and suits"),
    ("often_coat", r"\b(?:coats?|trench\w*|parkas?|puffers?|jackets?)\b", "How often: coats"),
    ("often_denim", r"\b(?:jeans|denim)\b", "How often: jeans"),
    ("often_knit", r"\b(?:sweaters?|cardigans?|jumpers?|knit\w*|wool|cashmere|hoodies?)\b", "How often: knits"),
    ("often_shirt", r"\b(?:shirts?|t-shirts?|tees?|polos?|blouses?|tops?)\b", "How often: shirts and t-shirts"),
    ("often_general", r"", "How often: in general"),
)  # fmt: skip
# Creases, on a journey or in a bag: how to keep them out and get them out, whichever piece creases
CREASES = (("creases", r"\bcreas\w*|\bwrinkl\w*|\bcrumpl\w*", "Creases on the move"),)
# A fit said of one's own piece, "is loose", "feels a bit tight" (not "should it be loose?")
_SAID_OF_IT = r"\b(?:is|are|feels?|'s|it's|they're|got|gets|a bit|slightly|quite|really|very|so) "
# A fit problem and its fix: (topic, what says it, the knowledge section); sleeves before the length of the piece
FIT_PROBLEMS = (
    ("alter_shrunk", r"\b(?:shrunk|shrank|shrunken)\b", "Shrunk in the wash"),
    ("alter_sleeves", r"\bsleeves?\b.*\btoo long\b|\btoo long\b.*\bsleeves?\b", "Sleeves too long"),
    ("alter_sleeves_short", r"\bsleeves?\b.*\btoo short\b|\btoo short\b.*\bsleeves?\b", "Sleeves too short"),
    ("alter_long", r"\btoo long\b", "Too long: hemming"),
    ("alter_short", r"\btoo short\b", "Too short"),
    ("alter_tight", r"\btoo (?:tight|small|snug)\b|" + _SAID_OF_IT + r"tight\b", "Too tight"),
    # "my blazer is loose at the waist": a complaint with no "too" is the same fix (a gape has its own section)
    ("alter_loose", r"\btoo (?:loose|big|baggy|wide)\b|" + _SAID_OF_IT + r"(?:loose|baggy)\b",
     "Too loose or baggy"),
    # "how long should jeans be with loafers?": where the hem falls, not the cut of the leg
    ("length", r"\bhow long (?:should|do|must)\b.*\b(?:trousers|jeans|pants|chinos)\b"
               r"|\b(?:length|hem) of (?:my |the )?(?:trousers|jeans|pants|chinos)\b", "Trouser fit and break"),
)  # fmt: skip
SHRUNK = tuple(problem for problem in FIT_PROBLEMS if problem[0] == "alter_shrunk")  # a care question's answer too
SUITS_ME = re.compile(r"\b(?:suit|suits|flatter|flatters|look good on) me\b")
FIT_TOPICS = (
    ("tuck", r"\btuck\w*|\buntucked\b"), ("tee", r"\bt[- ]shirts?\b|\bpolos?\b|\btees?\b"),
    ("sleeve", r"\bsleeve\w*"), ("trousers", r"\btrousers|\bjeans|\bpants|\bhem\b"),
    ("blazer", r"\bblazer|\bjacket|\bshoulder\w*"), ("shirt", r"\bshirt|\bcollar"),
)  # fmt: skip


def _topic(text: str, table: tuple[tuple[str, str], ...], items: list[WardrobeItem]) -> str:
    words = text + " " + " ".join((item.type or "") for item in items)
    return next((name for name, pattern in table if re.search(pattern, words)), "general")


@planner(k.GREETING)
def greeting(ask: Ask) -> Plan:
    plan = Plan(k.GREETING)
    plan.say("hello", n=len(ask.wardrobe))
    return plan


@planner(k.THANKS)
def thanks(ask: Ask) -> Plan:
    plan = Plan(k.THANKS)
    plan.say("welcome")
    return plan


@planner(k.CANNOT)
def cannot(ask: Ask) -> Plan:
    plan = Plan(k.CANNOT)
    text = ask.u.text
    topic = (
        "camera" if CAMERA.search(text) else "forecast" if FORECAST.search(text) else "price" if PRICE.search(text)
        else "trends" if TRENDS.search(text) else "material" if MATERIAL.search(text) else "store"
    )  # fmt: skip
    plan.say("cannot", topic=topic)
    owned = [r.items[0] for r in ask.refs if r.items] or [
        item for g in ask.slots.garments for item in ask.wardrobe if item.type == g.kind
    ][:1]
    plan.say(f"offer_{topic}", *owned[:1])
    return plan


@planner(k.OFF_TOPIC)
def off_topic(ask: Ask) -> Plan:
    plan = Plan(k.OFF_TOPIC)
    plan.say("off_topic")
    return plan


@planner(k.CLARIFY)
def clarify(ask: Ask) -> Plan:
    plan = Plan(k.CLARIFY)
    if ask.ambiguous is not None:
        plan.say("which_one", *ask.ambiguous.items[:4])
    else:
        plan.say("clarify")
    return plan


# a problem named (pilling, a stain, a waist that gapes) is answered before the fabric's or the kind's basics
PROBLEMS = frozenset(
    {
        "Pilling",
        "Stains",
        "Shrinking",
        "Creases, ironing and steaming",
        "Storage and moths",
        "Tailoring is worth it",
        "Lint and pet hair",
        "Storing shoes and boots",
    }
)


def _problem_named(section: Section, text: str) -> bool:
    """The question names the problem: a word of it ("pilling", "store"), not only a kind its tags list ("how do I
    care for my leather shoes?" is not about storing them), and not after "without" ("how do I wash my sweater
    without it shrinking?" asks how to wash it)."""
    asked = re.split(r"\bwithout\b", text)[0]
    return any(not TYPE_VOCABULARY.spans(match.group(0)) for match in section.pattern.finditer(asked))


def _sections(ask: Ask, files: tuple[str, ...], items: list[WardrobeItem]) -> list[Section]:
    """The best sections for the question; a problem it names (pilling, a stain) before the fabric's basics."""
    words = " ".join((item.type or "").replace("-", " ") for item in items)
    found = retrieve(f"{ask.u.text} {words} ", "", limit=3, files=files)
    problem = [section for section in found if section.title in PROBLEMS and _problem_named(section, ask.u.text)]
    kinds = {garment.kind.replace("-", " ") for garment in ask.slots.garments} | set(words.split())
    named = [section for section in found if kinds & set(section.tags)]  # "suit trousers": trousers, not suits
    return list(dict.fromkeys(problem + named + found))[:2]


def _care_verdict(text: str, items: list[WardrobeItem], slots: Slots) -> str | None:
    kinds = [item.type or "" for item in items] + [garment.kind for garment in slots.garments]
    text = " ".join([text, *(KIND_FABRIC[kind] for kind in kinds if kind in KIND_FABRIC)])
    said = (answer for act, fabric, answer in CARE_VERDICTS if re.search(act, text) and re.search(fabric, text))
    return next(said, None)


def _care_reason(text: str, answer: str) -> str:
    """A knit in the washing machine "depends" on the cycle, and the verdict says so rather than a bare "It depends"."""
    return "care_knit_machine" if answer == "depends" and re.search(_MACHINE, text) else "care"


def _table_topic(
    text: str, items: list[WardrobeItem], table: tuple[tuple[str, str, str], ...]
) -> tuple[str, tuple[Section, ...]] | None:
    words = " ".join([text, *((item.type or "") for item in items)])
    for topic, pattern, title in table:
        section = find(title)
        if re.search(pattern, words) and section is not None:
            return topic, (section,)
    return None


@planner(k.CARE)
def care(ask: Ask) -> Plan:
    plan = Plan(k.CARE)
    items = ask.items
    shrunk = _table_topic(ask.u.text, [], SHRUNK)  # "my sweater shrank": how to get it back
    if shrunk is not None:
        plan.say("fit", *items[:1], topic=shrunk[0], sections=shrunk[1])
        return plan
    often = _table_topic(ask.u.text, items, CARE_FREQUENCY) if OFTEN.search(ask.u.text) else None
    if often is not None:  # the frequency first, and only what that kind of piece needs
        plan.say("care", *items[:2], topic=often[0], sections=often[1])
        return plan
    creased = _table_topic(ask.u.text, [], CREASES) if not CARE_YESNO.search(ask.u.text) else None
    if creased is not None:  # "how do I keep the trousers from creasing on the train?": the travel fix
        plan.say("care", *items[:1], topic=creased[0], sections=creased[1])
        return plan
    topic = _topic(ask.u.text, CARE_TOPICS, items)
    sections = _sections(ask, ("fabric_care",), items)
    answer = _care_verdict(ask.u.text, items, ask.slots) if CARE_YESNO.search(ask.u.text) else None
    if answer:
        reason = _care_reason(ask.u.text, answer)  # a yes/no care question gets its answer first
        plan.say("verdict", verdict=Verdict(answer, reason))
    plan.say("care", *items[:2], topic=topic, sections=tuple(sections))
    return plan


@planner(k.FIT)
def fit(ask: Ask) -> Plan:
    plan = Plan(k.FIT)
    items = ask.items
    problem = _table_topic(ask.u.text, [], FIT_PROBLEMS)
    if problem is not None:  # "too long": the fix, for whichever pair it is; it does not depend on which
        plan.say("fit", *items[:1], topic=problem[0], sections=problem[1])
        return plan
    topic = _topic(ask.u.text, FIT_TOPICS, items)
    plan.say("fit", *items[:2], topic=topic, sections=tuple(_sections(ask, ("fit",), items)))
    return plan


@planner(k.COLOUR)
def colour(ask: Ask) -> Plan:
    plan = Plan(k.COLOUR)
    colours = ask.slots.colours
    if colours and SUITS_ME.search(ask.u.text):  # "does yellow suit me?": the colouring decides, unseen in photos
        plan.say("colour_suits_me", colour=colours[0])
        return plan
    section = colour_section(colours[0]) if colours else None
    if section is None:
        sections = _sections(ask, ("colour",), [])
        plan.say("colour_general", sections=tuple(sections))
        return plan
    partners = tuple(c for c in section.pairs if c != colours[0])[:5]
    owned = [i for i in ask.wardrobe if i.colour_names[:1] and i.colour_names[0] in partners][:3]
    plan.say("colour_pairs", colour=colours[0], partners=partners, section=section)
    if owned:
        plan.say("colour_owned", *owned, colour=colours[0])
    return plan


@planner(k.DRESS_CODE)
def dress_code(ask: Ask) -> Plan:
    plan = Plan(k.DRESS_CODE)
    plan.say("dress_code", sections=tuple(_sections(ask, ("dress_codes",), [])))
    return plan


@planner(k.TECHNIQUE)
def technique(ask: Ask) -> Plan:
    """How a thing is done: the knowledge base's technique, whichever piece; "should my belt match my shoes?" is
    answered yes first, as the rule it is."""
    plan = Plan(k.TECHNIQUE)
    asked = styling_technique(ask.u.text)
    section = find(asked.section) if asked else None
    if asked and section:  # "should I tuck in my blouse with high-waisted jeans?": that section, not the blouse's fit
        if asked.rule:  # "should I unbutton my blazer when I sit down?": yes, the rule, first
            plan.say("verdict", verdict=Verdict("yes", asked.rule))
        plan.say("technique", topic=asked.topic, sections=(section,))
        return plan
    named = technique_named(ask.u.text)
    if named and named.topic == "belt":
        plan.say("verdict", verdict=Verdict("yes", "belt_rule"))
    sections = retrieve(ask.u.text, "", limit=2, files=("technique",))
    chosen = [s for s in sections if named and s.title == named.section]
    plan.say("technique", topic=named.topic if named else "general", sections=tuple(chosen or sections))
    return plan
