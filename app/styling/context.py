"""Where and when the outfit is worn: occasion, weather, season, and the wardrobe constraints of the request.

Context weights are stylist judgement, not fitted: the worn-outfit photos carry no occasion or weather.
"""

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from types import MappingProxyType
from typing import TypeVar

import numpy as np
from numpy.typing import NDArray

from app.styling.garments import covers, garment
from app.styling.items import WardrobeItem
from app.styling.occasions import UNSTATED_TIME, dressed_as, find_occasion, said_in_the_evening
from app.styling.preferences import Preferences

# occasion -> (lowest, highest formality that fits, styles that suit it, styles that do not)
OCCASIONS: dict[str, tuple[int, int, frozenset[str], frozenset[str]]] = {
    "casual": (1, 3, frozenset({"casual"}), frozenset()),
    "work": (3, 4, frozenset({"formal", "smart-casual"}), frozenset({"sporty"})),
    "interview": (4, 5, frozenset({"formal"}), frozenset({"sporty"})),
    "wedding-guest": (4, 5, frozenset({"formal", "ethnic"}), frozenset({"sporty", "casual"})),
    # By day smart casual to formal, a suit without a tie: a casual-styled dress is no clash, and the dressiest
    # evening pieces are a little much in a garden at noon. A day dress may sit a step lower (DRESS_ALLOWANCE).
    "day-wedding": (3, 4, frozenset({"formal", "smart-casual", "ethnic"}), frozenset({"sporty"})),
    "funeral": (4, 5, frozenset({"formal"}), frozenset({"sporty"})),
    "date": (2, 4, frozenset({"smart-casual", "casual"}), frozenset({"sporty"})),
    "dinner": (2, 4, frozenset({"smart-casual", "casual"}), frozenset({"sporty"})),
    # By day the dressiest pieces (heels, an evening dress, tailoring) cost a little: they still may win, bounded.
    "lunch": (2, 3, frozenset({"smart-casual", "casual"}), frozenset({"sporty"})),
    "party": (3, 5, frozenset({"formal", "smart-casual"}), frozenset({"sporty"})),
    "formal": (4, 5, frozenset({"formal"}), frozenset({"sporty", "casual"})),
    "gym": (1, 2, frozenset({"sporty"}), frozenset({"formal"})),
    "beach": (1, 2, frozenset({"casual"}), frozenset({"formal"})),
    "travel": (1, 3, frozenset({"casual"}), frozenset()),
    "outdoor": (1, 2, frozenset({"casual", "sporty"}), frozenset({"formal"})),
    # refined by the words (occasions.SETTINGS): an interview at a creative agency, the beach in the evening
    "relaxed-interview": (3, 4, frozenset({"formal", "smart-casual"}), frozenset({"sporty"})),
    "beach-evening": (1, 3, frozenset({"casual", "smart-casual"}), frozenset({"formal", "sporty"})),
}
# A dress is a whole look: by day one a step under the code (a floral day dress at a garden wedding) is dressed
# enough, where a sweater of the same level is not.
DRESS_ALLOWANCE = {"day-wedding": 1}
# Heels, a blazer or a clutch dress a plain dress up (features.styled_up) where the occasion admits dressy pieces, its
# formality range reaching DRESS_UP_FROM (a wedding, a party, a date, the office); on a casual day or with no
# occasion a sundress with red heels is still a mix, and the flats come first.
DRESS_UP_FROM = 4


def refined(context: "StyleContext") -> "StyleContext":
    """The context with its occasion read with the person's words (occasions.dressed_as): the code an interview at a
    design studio is dressed by is the relaxed one. The engine's entry points (suggest, score) call it once."""
    occasion = dressed_as(context.occasion, context.occasion_said)
    return context if occasion == context.occasion else replace(context, occasion=occasion)


def dresses_up(context: "StyleContext") -> bool:
    return context.occasion in OCCASIONS and OCCASIONS[str(context.occasion)][1] >= DRESS_UP_FROM


WORD_TEMPERATURE = {
    "freezing": -2.0,
    "cold": 5.0,
    "chilly": 10.0,
    "cool": 14.0,
    "mild": 18.0,
    "warm": 24.0,
    "hot": 30.0,
}
SEASONS = {"spring": "spring", "summer": "summer", "autumn": "fall", "fall": "fall", "winter": "winter"}
_NO_WEAR: Mapping[int, int] = MappingProxyType({})
Number = TypeVar("Number", float, NDArray[np.float64])


@dataclass(frozen=True)
class StyleContext:
    occasion: str | None = None
    occasion_said: str | None = None  # the client's own words for it ("Sunday lunch with my parents"), for captions
    temperature_c: float | None = None
    rain: bool = False
    season: str | None = None
    anchor_ids: frozenset[int] = frozenset()  # outfits must contain these
    exclude_ids: frozenset[int] = frozenset()
    worn_days_ago: Mapping[int, int] = field(default_factory=lambda: _NO_WEAR)
    preferences: Preferences = field(default_factory=Preferences)


def _temperature_in(text: str) -> float | None:
    number = re.search(r"(-?\d+(?:\.\d+)?)\s*(?:°|degrees?|deg\b|c\b|celsius|f\b|fahrenheit)", text)
    if number:
        value = float(number.group(1))
        unit = text[number.end() - 1 : number.end() + 10]
        return round((value - 32) * 5 / 9, 1) if unit.startswith(("f", "fahrenheit")) else value
    words = [t for w, t in WORD_TEMPERATURE.items() if re.search(rf"\b{w}\b", text)]
    return words[0] if words else None


def parse_context(text: str) -> StyleContext:
    """Best effort from a question: occasion, temperature ("12 degrees", "cold"), rain, season."""
    lowered = text.lower()
    season = next((s for word, s in SEASONS.items() if re.search(rf"\b{word}\b", lowered)), None)
    return StyleContext(
        occasion=find_occasion(lowered),
        temperature_c=_temperature_in(lowered),
        rain=bool(re.search(r"\b(rain\w*|wet|drizzl\w*|showers?|storm\w*)\b", lowered)),
        season=season,
    )


def target_warmth(temperature_c: float) -> float:
    """Warmth (1..5, see taxonomy.WARMTH_RANGE_C) an outfit's warmest layer should have at this temperature."""
    for warmth, lowest in ((1, 24.0), (2, 18.0), (3, 12.0), (4, 5.0)):
        if temperature_c >= lowest:
            return float(warmth)
    return 5.0


# At a funeral the large pieces are dark (a white shirt is expected; cream trousers or a beige coat are not).
DARK_FAMILIES = frozenset({"black", "navy", "grey", "brown"})
DARK_PIECES = frozenset({"bottom", "one-piece", "outerwear", "shoes"})
NOT_DARK_COST = 0.5


# A piece whose style suits the occasion earns SUIT_REWARD, but an outfit earns it for the share of its styled
# pieces that suit, times NOMINAL_PIECES (a top, a bottom and shoes): a sixth piece in the right style buys nothing,
# so outfits are not ranked up for their item count (until session 8 each suiting piece added 0.2, and a formal
# tie, belt and watch made a work outfit score higher than the same outfit without them). What does not fit
# (formality outside the range, a clashing style, a light piece at a funeral) still costs per piece: each one is
# something a stylist would point at.
SUIT_REWARD = 0.2
NOMINAL_PIECES = 3


def judged_at(item: WardrobeItem, context: StyleContext) -> str | None:
    """The occasion whose taste this item is judged by: the request's, except a dress at an occasion whose time of
    day the words left open (occasions.UNSTATED_TIME: "a summer wedding"), judged as by day."""
    by_day = UNSTATED_TIME.get(context.occasion or "")
    if by_day and item.category == "one-piece" and not said_in_the_evening(context.occasion_said):
        return by_day
    return context.occasion


def occasion_fit(item: WardrobeItem, occasion: str | None) -> float:
    """One item's fit to the occasion: its costs plus SUIT_REWARD when its style suits. The search sums these to
    rank partial outfits; an outfit's own part (`occasion_part`) counts the rewards as a share instead."""
    return occasion_cost(item, occasion) + SUIT_REWARD * suits_occasion(item, occasion)


def suits_occasion(item: WardrobeItem, occasion: str | None) -> bool:
    return occasion in OCCASIONS and item.style in OCCASIONS[occasion][2]


def formality_range(item: WardrobeItem, occasion: str) -> tuple[int, int]:
    """The formality (lowest, highest) that fits this item at the occasion: the occasion's, a dress's a step lower
    where DRESS_ALLOWANCE says so."""
    low, high = OCCASIONS[occasion][:2]
    if item.category == "one-piece":
        low -= DRESS_ALLOWANCE.get(occasion, 0)
    return low, high


def occasion_cost(item: WardrobeItem, occasion: str | None) -> float:
    """What one item costs at the occasion (<= 0): formality outside the range, an off style, a light large piece
    at a funeral."""
    if occasion not in OCCASIONS:
        return 0.0
    low, high = formality_range(item, occasion)
    clashes = OCCASIONS[occasion][3]
    fit = 0.0
    if occasion == "funeral" and item.category in DARK_PIECES and item.colour_families[:1]:
        fit -= NOT_DARK_COST * (item.colour_families[0] not in DARK_FAMILIES)
    if item.formality is not None:
        fit -= 0.6 * max(low - item.formality, item.formality - high, 0)
    if item.style in clashes:
        fit -= 0.6
    return fit


def occasion_part(items: Sequence[WardrobeItem], context: StyleContext, fits: float) -> float:
    """The outfit's occasion part from the sum of its items' `occasion_fit`: the per-piece rewards replaced by
    their share of the styled pieces (bounded by NOMINAL_PIECES rewards), the costs kept per piece."""
    styled = [item for item in items if item.style]
    suiting = sum(suits_occasion(item, judged_at(item, context)) for item in styled)
    return float(shared_rewards(fits, suiting, len(styled)))


def shared_rewards(fits: Number, suiting: Number, styled: Number) -> Number:
    """occasion_part from the sums alone (floats, or arrays of partial outfits in the beam): the fits with the
    per-piece rewards replaced by their share of the styled pieces."""
    shared: Number = fits - SUIT_REWARD * suiting + SUIT_REWARD * NOMINAL_PIECES * suiting / np.maximum(styled, 1)
    return shared


TORSO = frozenset({"top", "one-piece", "outerwear"})
# In the rain a coat made for it (a raincoat, trench, parka: the garment table's `waterproof`) is preferred to one
# that merely covers; a preference, so a warm wool coat still wins at 2 °C when its warmth is what the day needs.
WATERPROOF_BONUS = 0.3
OPEN_SHOES = frozenset({"sandals", "flats"})


# How far an outfit's warmth may sit from the day's target before the weather part counts it: half a point either
# way, except above it in the cold (below LAYERED_C, where rules.WARMTH_NEED asks for layers), where one more layer is
# allowed: it is what the hard rules demand a little colder (a knit under the coat at 4 °C), and it comes off
# indoors. Until session 7 the same shirt, sweater and coat were required at 4 °C and "warmer than 5 °C calls for".
WARMTH_SLACK = 0.5
LAYERED_C = 15.0
LAYERED_SLACK = 1.5


def warmth_gap(items: Sequence[WardrobeItem], temperature_c: float) -> float:
    """How much warmer (> 0) or lighter (< 0) than the day the outfit is, beyond the slack; 0 within it."""
    insulation = insulation_of(items)
    if insulation is None:
        return 0.0
    return float(gaps(np.array([insulation]), temperature_c)[0])


def gaps(insulation: NDArray[np.float64], temperature_c: float) -> NDArray[np.float64]:
    """warmth_gap for rows of insulation (nan: no torso layer with a warmth, no gap)."""
    target = target_warmth(temperature_c)
    over = LAYERED_SLACK if temperature_c < LAYERED_C else WARMTH_SLACK
    with np.errstate(invalid="ignore"):
        gap = np.where(
            insulation > target + over, insulation - target - over, np.minimum(insulation - target + WARMTH_SLACK, 0.0)
        )
    return np.where(np.isnan(insulation), 0.0, gap)


def insulation_of(items: Sequence[WardrobeItem]) -> float | None:
    """The torso's warmth as the weather part reads it: the warmest layer + half a point per extra layer."""
    torso = [i.warmth for i in items if i.category in TORSO and i.warmth]
    return max(torso) + 0.5 * (len(torso) - 1) if torso else None  # layers add warmth


def weather_complaint(items: Sequence[WardrobeItem], context: StyleContext) -> str | None:
    """What is off about the weather, in words ("flats are light for 3 °C", "warmer than 24 °C calls for")."""
    temperature, types = context.temperature_c, {i.type for i in items}
    if context.rain and types & OPEN_SHOES:
        return f"{', '.join(sorted(t for t in types & OPEN_SHOES if t))} in the rain"
    if temperature is None:
        return None
    if temperature < 12 and types & ({"shorts"} | OPEN_SHOES):
        return (
            f"{', '.join(sorted(t for t in types & ({'shorts'} | OPEN_SHOES) if t))} are light for {temperature:g} °C"
        )
    gap = warmth_gap(items, temperature)
    if not gap:
        return None
    return f"{'warmer' if gap > 0 else 'lighter'} than {temperature:g} °C calls for"


# What each item adds to the weather part, summed over an outfit (or a partial one in the beam): shorts or open shoes
# below LIGHT_BELOW_C, open shoes in the rain, rain cover and whether it is made for rain, out of season.
WEATHER_TERMS = ("light", "open_in_rain", "cover", "waterproof", "off_season")
LIGHT_BELOW_C = 12.0
LIGHT_TYPES = frozenset({"shorts"}) | OPEN_SHOES


def weather_terms(item: WardrobeItem, context: StyleContext) -> list[float]:
    """This item's WEATHER_TERMS today (0 or 1 each)."""
    temperature, kind = context.temperature_c, garment(item)
    cover = context.rain and item.category == "outerwear" and covers(kind)
    return [
        float(temperature is not None and temperature < LIGHT_BELOW_C and item.type in LIGHT_TYPES),
        float(context.rain and item.type in OPEN_SHOES),
        float(cover),
        float(cover and kind.waterproof),
        float(bool(context.season and item.seasons and context.season not in item.seasons)),
    ]


def weather_value(
    terms: NDArray[np.float64], insulation: NDArray[np.float64], context: StyleContext, *, complete: bool = True
) -> NDArray[np.float64]:
    """The weather part of rows of outfits from their summed WEATHER_TERMS and their insulation (nan for none).
    For a partial outfit (`complete` False: torso layers still to come) only what more layers cannot undo counts:
    being warmer than the day already, so the beam does not keep outfits the final score will sink."""
    fit = np.zeros(len(terms))
    if context.temperature_c is not None:
        gap = gaps(insulation, context.temperature_c)
        fit -= 0.5 * np.abs(gap if complete else np.maximum(gap, 0.0))
        fit -= 0.6 * (terms[:, 0] > 0)
    if context.rain:  # a real coat or jacket covers (a blazer, cardigan or gilet does not), one made for rain best
        fit += np.where(terms[:, 2] > 0, 0.3 + WATERPROOF_BONUS * (terms[:, 3] > 0), -0.3)
        fit -= 0.6 * (terms[:, 1] > 0)
    if context.season:
        fit -= 0.2 * terms[:, 4]
    return fit


def weather_fit(items: Sequence[WardrobeItem], context: StyleContext) -> float:
    """Logit contribution of the whole outfit to the weather: warmth of the layers, shoes and rain cover."""
    terms = np.array([weather_terms(item, context) for item in items]).reshape(len(items), len(WEATHER_TERMS))
    insulation = insulation_of(items)
    rows = np.array([np.nan if insulation is None else insulation])
    return float(weather_value(terms.sum(0, keepdims=True), rows, context)[0])


ROTATION_DAYS = 7.0
REPEAT_WEIGHT = 2.0  # the same combination again within the week, on top of each piece's own rotation cost


def _recency(days: int | None) -> float:
    """1 for worn today, falling to 0 a week ago (and for never worn)."""
    return 0.0 if days is None else max(0.0, 1.0 - days / ROTATION_DAYS)


def rotation_cost(item: WardrobeItem, context: StyleContext) -> float:
    """Recently worn items are rotated out: worn today costs most, a week ago nothing."""
    return -1.0 * _recency(context.worn_days_ago.get(item.id))


def repeat_cost(items: Sequence[WardrobeItem], context: StyleContext) -> float:
    """Repeating an outfit costs more than reusing one piece (the only pair of boots goes with everything).

    Two items last worn on the same day were worn together; the cost is the recency-weighted share of the
    outfit's pairs worn together, so the exact outfit worn today costs REPEAT_WEIGHT.
    """
    worn = context.worn_days_ago
    pairs = [(a.id, b.id) for n, a in enumerate(items) for b in items[n + 1 :]]
    together = [_recency(worn[a]) for a, b in pairs if a in worn and worn[a] == worn.get(b)]
    return -REPEAT_WEIGHT * sum(together) / len(pairs) if pairs else 0.0


def preference_fit(item: WardrobeItem, preferences: Preferences) -> float:
    colours = set(item.colour_families[:1]) | set(item.colour_names[:1])
    fit = 0.4 * bool(colours & preferences.liked_colours) - 1.2 * bool(colours & preferences.disliked_colours)
    fit += 0.3 * (item.style in preferences.liked_styles) - 1.0 * (item.style in preferences.disliked_styles)
    fit += 0.4 * (item.type in preferences.liked_types) - 1.5 * (item.type in preferences.disliked_types)
    return float(fit)
