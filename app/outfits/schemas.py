from pydantic import BaseModel, Field

from app.styling import Outfit, Suggestions, WardrobeItem


class OutfitItem(BaseModel):
    id: int
    type: str | None
    category: str | None
    colors: list[str]
    file_url: str
    thumbnail_url: str


class OutfitOut(BaseModel):
    items: list[OutfitItem]
    score: float = Field(ge=0, le=1)
    explanation: str


class MatchStyles(BaseModel):
    user_id: int
    outfits: list[OutfitOut]
    missing: list[str] = Field(description="Slots to fill before a complete outfit exists, e.g. `shoes`.")
    message: str = Field(description="A one-line summary for people, including what to add when needed.")


def _item(user_id: int, item: WardrobeItem) -> OutfitItem:
    base = f"/api/images/{user_id}/{item.id}"
    return OutfitItem(
        id=item.id,
        type=item.type,
        category=item.category,
        colors=list(item.colour_names),
        file_url=f"{base}/file",
        thumbnail_url=f"{base}/thumbnail",
    )


def _outfit(user_id: int, outfit: Outfit) -> OutfitOut:
    return OutfitOut(
        items=[_item(user_id, i) for i in outfit.items], score=outfit.score, explanation=outfit.explanation
    )


SLOT_NAMES = {
    "top": "a top",
    "bottom": "trousers, jeans, shorts or a skirt",
    "one-piece": "a dress or jumpsuit",
    "shoes": "shoes",
}


def _message(result: Suggestions) -> str:
    if result.outfits:
        return f"{len(result.outfits)} outfit(s) from your wardrobe, best first."
    hint = ""
    if result.unclassified:
        hint = f" {result.unclassified} item(s) have no recognised type; correct it with PATCH /api/images/..."
    return f"No complete outfit yet: add {' and '.join(SLOT_NAMES[s] for s in result.missing)}.{hint}"


def match_styles(user_id: int, result: Suggestions) -> MatchStyles:
    return MatchStyles(
        user_id=user_id,
        outfits=[_outfit(user_id, o) for o in result.outfits],
        missing=result.missing,
        message=_message(result),
    )
