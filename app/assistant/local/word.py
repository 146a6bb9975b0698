"""Wording: a Plan rendered in one language from its phrase table.

Each Line picks the most specific template its language has ("verdict/no/too_casual_for", then "verdict/no"),
a variant chosen by a hash of the question (varied across questions, the same for the same question), and
fills it with the items named the way that language names them ("your navy blazer (#1)", "ton blazer bleu
marine (#1)"). `#<id>` is the item link: a client renders it as a link to the photo, and it is what grounding
checks. Knowledge answers quote the curated knowledge base, in other languages from its translation; a
language's own care and fit tips are only the fallback when no section was found.
"""

import re
from collections.abc import Callable, Mapping
from typing import Any

from app.assistant.languages import Forms, Language
from app.assistant.local.knowledge import Section, colour_section
from app.assistant.local.plan import Line, Plan
from app.assistant.local.tips import tip_in
from app.styling import WardrobeItem


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _kind_words(lang: Language, values: Mapping[str, Any]) -> dict[str, str]:
    kind, colour = values.get("kind"), values.get("colour")
    noun = lang.nouns.get(kind or "") or lang.nouns["item"]
    colour_word = lang.colour(colour, noun.gender, noun.plural_only)
    template = lang.extra.get("colour_kind", "{colour} {noun}") if colour else "{noun}"  # no "Trenchcoat in"
    colour_kind = template.format(colour=colour_word, noun=noun.singular)
    article = lang.extra.get(f"a/{noun.gender}", lang.extra.get("a", ""))
    if lang.code == "en":
        article = "" if noun.plural_only else ("an" if colour_kind.strip()[:1] in "aeiou" else "a")
    return {
        "kinds": lang.noun(kind, plural=True),
        "colour_kind": " ".join(colour_kind.split()),
        "a_kind": " ".join(f"{article} {colour_kind}".split()),
    }


def occasion_words(lang: Language, occasion: str, event: str | None = None) -> str:
    """How the language says the occasion; an event the question named is said as that event ("For lunch", "For a
    christening", never "For dinner" or "For a wedding" because they are dressed alike)."""
    said = lang.occasions.get(f"{occasion}/{event}") or lang.occasions.get(event or "")  # an interview dressed as work
    return said or lang.occasions.get(occasion, occasion)


def lead(lang: Language, values: Mapping[str, Any]) -> str:
    """The opening of an outfit answer, streamed before the outfit search finishes."""
    return _situation(lang, values)


def _situation(lang: Language, values: Mapping[str, Any]) -> str:
    if values.get("revision"):
        return lang.extra[f"revision/{values['revision']}"]
    if values.get("day_and_evening"):
        return lang.extra["lead"].format(situation=lang.extra["day_and_evening"])
    bits = []
    occasion = values.get("occasion")
    if occasion:
        bits.append(occasion_words(lang, occasion, values.get("event")))
    today = values.get("day") in (None, "today", "tonight")  # "this evening" is wrong for a Saturday dinner
    if values.get("evening") and occasion not in ("dinner", "party", "date") and today:
        bits.append(lang.extra["evening"])
    temperature = values.get("temperature")
    if temperature is not None:
        key = "at_temperature" if bits else "temperature"
        bits.append(lang.extra[key].format(t=f"{temperature:g}"))
    conditions = [c for c, said in (("rain", values.get("rain")), ("wind", values.get("wind"))) if said]
    if values.get("weather") and temperature is None:
        conditions.insert(0, values["weather"])
    if len(conditions) > 1:  # "in the heat and rain", "par temps froid et venteux", "bei Kälte und Wind": one phrase
        said = lang.join([lang.extra[f"cond/{c}"] for c in conditions])
        bits.append(lang.extra["in_conditions" if bits else "conditions"].format(conditions=said))
    elif conditions == ["wind"]:
        bits.append(lang.extra["with_wind" if bits else "wind_only"])
    elif values.get("weather") and temperature is None:  # "if it's cold": a word, never a number nobody gave
        bits.append(lang.extra[f"{'in_' if bits else ''}{values['weather']}_weather"])
    elif values.get("rain"):
        bits.append(lang.extra["with_rain" if bits else "rain_only"])
    if not bits:
        return lang.extra["lead_default"]
    return lang.extra["lead"].format(situation=" ".join(bits))


def fields(lang: Language, line: Line) -> dict[str, Any]:
    items = [lang.item(item) for item in line.items]
    values = line.values
    found: dict[str, Any] = {
        "items": lang.join(items), "items_or": lang.join(items, lang.or_word), "items_cap": _cap(lang.join(items)),
        "other": lang.join([lang.item(item) for item in line.other]),
        "other_or": lang.join([lang.item(item) for item in line.other], lang.or_word),
        "n": values.get("n", ""), "days": values.get("days", ""), "total": values.get("total", ""),
    }  # fmt: skip
    for case in ("acc", "dat"):
        found[f"items_{case}"] = lang.join([lang.item_in(item, case) for item in line.items])
        other = [lang.item_in(item, case) for item in line.other]  # "zu X würde ich A und B tragen": both worn
        found |= {f"other_{case}": lang.join(other), f"other_{case}_or": lang.join(other, lang.or_word)}
        found[f"item_{case}"] = lang.item_in(line.items[0], case) if line.items else ""
    plain = [lang.name_item(lang, item, True) for item in line.other]  # pieces left out: named without a link
    cased = lang.name_cased
    plain_acc = [cased(lang, item, "acc") if cased else lang.name_item(lang, item, True) for item in line.other]
    plain_dat = [cased(lang, item, "dat") if cased else lang.name_item(lang, item, True) for item in line.other]
    found |= {"other_plain": lang.join(plain), "other_plain_acc": lang.join(plain_acc), "rest": lang.join(items[1:])}
    found["other_plain_dat"] = lang.join(plain_dat)
    if line.items:
        found |= {"item": items[0], "item_cap": _cap(items[0]), "item_bare": lang.name_item(lang, line.items[0], False)}
        # Named without its link: a piece the user turned down is not part of the answer's suggestion, and the
        # next question's "it" must not point at it.
        first = line.items[0]
        found["item_plain"] = lang.name_item(lang, first, True)
        found["item_plain_cap"] = _cap(found["item_plain"])
        found["item_plain_dat"] = lang.name_cased(lang, first, "dat") if lang.name_cased else found["item_plain"]
        found["item_plain_acc"] = lang.name_cased(lang, first, "acc") if lang.name_cased else found["item_plain"]
    found |= _kind_words(lang, values)
    colour = values.get("colour")
    found |= {"colour": lang.colour(colour), "colour_cap": _cap(lang.colour(colour))}
    found["print"] = lang.patterns.get(values.get("print") or "", values.get("print") or "")
    found["material"] = lang.extra.get(f"material/{values.get('material')}", values.get("material") or "")
    found["partners"] = lang.join([lang.colour(c) for c in values.get("partners", ())])
    found["colours"] = lang.join([lang.colour(c) for c in values.get("colours", ())])
    found["colours_cap"] = _cap(found["colours"])
    occasion = values.get("occasion")
    found["occasion"] = (
        occasion_words(lang, occasion, values.get("event")) if occasion else lang.extra.get("this_occasion", "")
    )
    found["scenario"] = lang.extra.get(f"scenario/{values.get('scenario')}", "")
    found["needs"] = lang.join([lang.extra.get(f"need/{need}", need) for need in values.get("needs", ())])
    found["slots"] = lang.join([lang.extra.get(f"slot/{slot}", slot) for slot in values.get("slots", ())])
    found["lead"] = _situation(lang, values)
    anchor = values.get("anchor")
    found["with_anchor"] = (
        lang.extra["with_anchor"].format(item=lang.item(anchor), item_dat=lang.item_in(anchor, "dat")) if anchor else ""
    )
    found["with_items"] = lang.extra.get("with_items", " ({items})").format(items=found["items"]) if items else ""
    return found


def _key(line: Line) -> list[str]:
    """The keys to try, most specific first."""
    values = line.values
    base = line.key
    if base == "verdict":
        verdict = values["verdict"]
        return [f"verdict/{verdict.answer}/{verdict.reason}", f"verdict/{verdict.answer}"]
    if base.startswith("most_") and values.get("among"):  # "which of those is warmest?": of the last answer's
        return [f"{base}/among", base]
    specific = {
        "add_layer": values.get("reason"), "because": values.get("reason"), "cannot": values.get("topic"),
        "shoes_for": values.get("reason"),
        "pick": values.get("criterion"), "goes_with": values.get("target"),
        "care": values.get("topic"), "fit": values.get("topic"), "technique": values.get("topic"),
        "count": str(values.get("n")) if values.get("n") in (0, 1) else "many" if not line.items else None,
        "pack": "assumed" if values.get("assumed") else None, "pack_revised": values.get("change"),
        "noted_dislike": "item" if line.items else None, "not_in_last": "items" if line.items else None,
        "dont_see": "closest" if line.items else None, "none_colour": "closest" if line.items else None,
        "outfit": "revision" if values.get("revision") else None,
        "cannot_build": "/".join(
            part for part, present in (("ruled_out", bool(line.items)), ("lead", bool(values.get("lead")))) if present
        ) or None,
        "one_change": values.get("change"),
        "best_of": next((why for why in ("walking", "ground", "rain") if values.get(why)), None),
    }  # fmt: skip
    detail = specific.get(base)
    return [f"{base}/{detail}", base] if detail else [base]


def _knowledge(lang: Language, line: Line, seed: str) -> str | None:
    """Care, fit, colour and dress-code answers: the retrieved section in the question's language; the language's
    topic tips only when no section was found."""
    sections: tuple[Section, ...] = line.values.get("sections", ())
    body = tip_in(sections[0], lang.code) if sections else None
    if body is None:
        body = next((t.format(**fields(lang, line)) for key in _tips(line) if (t := lang.template(key, seed))), None)
    if body is None or not line.items:
        return body
    found = fields(lang, line)
    if lang.code == "en":
        return f"For {found['items']}: {body}"
    return lang.extra["for_items"].format(items=found["items"], items_acc=found["items_acc"]) + body


def _tips(line: Line) -> list[str]:
    return [*_key(line), f"{line.key}/general"]


def _colour_tip(lang: Language, line: Line, seed: str) -> str | None:
    section = colour_section(line.values.get("colour") or "")
    return tip_in(section, lang.code, 1) if section is not None else None


SPECIAL: dict[str, Callable[[Language, Line, str], str | None]] = {
    "care": _knowledge, "fit": _knowledge, "colour_general": _knowledge, "dress_code": _knowledge,
    "technique": _knowledge,
    "colour_tip": _colour_tip,
}  # fmt: skip


def render_line(lang: Language, line: Line, seed: str) -> str:
    special = SPECIAL.get(line.key)
    if special is not None:
        return special(lang, line, seed) or ""
    keys = _key(line)
    if line.items and (_plural(lang, line.items[0]) or (line.key in ("verdict", "goes_with") and len(line.items) > 1)):
        keys = [variant for key in keys for variant in (f"{key}/pl", key)]  # "your jeans are", "tes baskets sont"
    elif len(line.items) == 1 or line.values.get("kind"):
        # "Du hast eine: deine Jacke", "Ich sehe keine Tasche", "there were no heels": the noun said
        noun = lang.nouns.get(line.values.get("kind") or "")
        said = ("pl" if noun.plural_only else noun.gender) if noun else None
        gender = said or (_gender(lang, line.items[0]) if line.items else "m")
        keys = [variant for key in keys for variant in (f"{key}/{gender}", key)]
    for key in keys:
        template = lang.template(key, seed)
        if template is not None:
            return _cap(_agree(lang, template, line.items).format(**fields(lang, line)).strip())
    return ""


def _agree(lang: Language, template: str, items: tuple[WardrobeItem, ...]) -> str:
    """The template's judging adjectives in the gender and number of the items they are said of."""
    if not lang.agreeing or not items:
        return template
    nouns = [
        lang.nouns.get(i.type or "") or lang.nouns.get(f"category:{i.category}") or lang.nouns["item"] for i in items
    ]
    index = (2 if len(items) > 1 or nouns[0].plural_only else 0) + (1 if all(n.gender == "f" for n in nouns) else 0)
    forms, pattern = _agreement(lang)
    return pattern.sub(lambda m: forms[m.group(1)][index], template)


_AGREEMENTS: dict[str, tuple[dict[str, Forms], re.Pattern[str]]] = {}


def _agreement(lang: Language) -> tuple[dict[str, Forms], re.Pattern[str]]:
    """Each form of the language's agreeing adjectives -> all four forms, and the pattern that finds them: built
    once per language, not on every line rendered."""
    if lang.code not in _AGREEMENTS:
        forms = {form: agreed for agreed in lang.agreeing.values() for form in agreed}
        pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, forms), key=len, reverse=True)) + r")\b")
        _AGREEMENTS[lang.code] = (forms, pattern)
    return _AGREEMENTS[lang.code]


def _gender(lang: Language, item: WardrobeItem) -> str:
    noun = lang.nouns.get(item.type or "") or lang.nouns.get(f"category:{item.category}") or lang.nouns["item"]
    return noun.gender


def _plural(lang: Language, item: WardrobeItem) -> bool:
    noun = lang.nouns.get(item.type or "") or lang.nouns.get(f"category:{item.category}")
    return bool(noun and noun.plural_only)


def render(plan: Plan, lang: Language, seed: str) -> str:
    text = " ".join(part for line in plan.lines if (part := render_line(lang, line, seed)))
    if plan.kind == "colour":
        section = next((line.values.get("section") for line in plan.lines if line.values.get("section")), None)
        said = tip_in(section, lang.code, 1) if section is not None else None
        if said:
            text = f"{text} {said}"
    return " ".join(text.split())
