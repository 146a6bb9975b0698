from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from app.core.text import InputText
from app.core.vocabulary import vocabulary
from app.styling import Outfit, Suggestions, WardrobeItem
from app.styling.explain import describe
from app.styling.occasions import OCCASION_NAMES, Occasion
from app.vocabularies import Category, Season

SIGNALS = ("like", "dislike", "wore")
Signal = Annotated[
    str, vocabulary("Signal", SIGNALS, "Feedback on an outfit: `wore` also logs each item as worn that day.")
]


class OutfitItem(BaseModel):
    id: int
    name: str = Field(
        description="The item in words, as the explanation names it: colour and kind.", examples=["black formal shoes"]
    )
    type: str | None
    category: Category | None
    colors: list[str]
    file_url: str
    thumbnail_url: str


class RuleBroken(BaseModel):
    rule: str = Field(description="`structure`, `rain`, `cold`, `heat`, or the occasion whose dress code it breaks.")
    message: str = Field(examples=["sandals in the rain (not closed shoes)"])


class OutfitOut(BaseModel):
    items: list[OutfitItem]
    score: float = Field(ge=0, le=1)
    parts: dict[str, float] = Field(
        description="Per-rule breakdown in logit units: score = sigmoid(bias + sum of parts); `rules` is the cost "
        "of the hard rules broken (0 when none)."
    )
    explanation: str
    broken_rules: list[RuleBroken] = Field(
        default_factory=list,
        description="Hard rules this outfit breaks. Suggestions only carry any when the wardrobe cannot satisfy "
        "the rule (see `unmet`); such an outfit scores near 0.",
    )


class OutfitList(BaseModel):
    user_id: int
    outfits: list[OutfitOut]
    missing: list[str] = Field(description="Slots to fill before a complete outfit exists, e.g. `shoes`.")
    unmet: list[str] = Field(
        default_factory=list,
        description="Hard rules no outfit from this wardrobe satisfies today, with what to add, e.g. "
        "`no flat closed shoes for rain: add boots or sneakers`.",
    )
    message: str = Field(description="A one-line summary for people, including what to add when needed.")


# The original contract's name for the same answer.
MatchStyles = OutfitList


OCCASION_HELP = (
    f"One of {', '.join(OCCASION_NAMES)}; a synonym or a phrase that names one also works ('office', "
    "'job interview at a bank', 'friend's wedding in June'). Anything else is a 422 listing these values."
)
OccasionText = Annotated[InputText, StringConstraints(max_length=80)]


class ContextIn(BaseModel):
    occasion: Occasion | OccasionText | None = Field(default=None, description=OCCASION_HELP, examples=["work"])
    temperature_c: float | None = Field(default=None, ge=-60, le=60)
    rain: bool = False
    season: Season | None = None


class ScoreRequest(ContextIn):
    model_config = ConfigDict(extra="forbid")

    item_ids: list[int] = Field(min_length=1, max_length=8, description="The user's items worn together.")


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    item_ids: list[int] = Field(min_length=1, max_length=8)
    signal: Signal
    occasion: Occasion | OccasionText | None = Field(default=None, description=OCCASION_HELP)
    worn_on: date | None = Field(default=None, description="For `wore`: the day (default today).")


class FeedbackOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    item_ids: list[int]
    signal: Signal
    occasion: Occasion | None
    created_at: datetime


class WearLogOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    item_id: int
    worn_on: date
    created_at: datetime


SLOT_NAMES = {
    "top": "a top",
    "bottom": "trousers, jeans, shorts or a skirt",
    "one-piece": "a dress or jumpsuit",
    "shoes": "shoes",
}


def outfit_item(user_id: int, item: WardrobeItem) -> OutfitItem:
    base = f"/api/images/{user_id}/{item.id}"
    return OutfitItem(
        id=item.id,
        name=describe(item),
        type=item.type,
        category=item.category,
        colors=list(item.colour_names),
        file_url=f"{base}/file",
        thumbnail_url=f"{base}/thumbnail",
    )


def outfit_out(user_id: int, outfit: Outfit) -> OutfitOut:
    return OutfitOut(
        items=[outfit_item(user_id, i) for i in outfit.items],
        score=round(outfit.score, 4),
        parts={name: round(float(value), 4) for name, value in outfit.parts.items()},
        explanation=outfit.explanation,
        broken_rules=[RuleBroken(rule=p.rule, message=p.message) for p in outfit.problems],
    )


def _message(result: Suggestions) -> str:
    if result.outfits and result.unmet:
        return f"Your wardrobe cannot meet every rule today: {'; '.join(result.unmet)}."
    if result.outfits:
        return f"{len(result.outfits)} outfit(s) from your wardrobe, best first."
    hint = ""
    if result.unclassified:
        hint = f" {result.unclassified} item(s) have no recognised type; correct it with PATCH /api/images/..."
    if not result.missing:
        return f"No outfit fits these conditions; relax the occasion, weather or exclusions.{hint}"
    return f"No complete outfit yet: add {' and '.join(SLOT_NAMES.get(s, s) for s in result.missing)}.{hint}"


def outfit_list(user_id: int, result: Suggestions) -> OutfitList:
    return OutfitList(
        user_id=user_id,
        outfits=[outfit_out(user_id, o) for o in result.outfits],
        missing=result.missing,
        unmet=result.unmet,
        message=_message(result),
    )
