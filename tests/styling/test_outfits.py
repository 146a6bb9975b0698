from app.styling import WardrobeItem, score, suggest


def item(item_id: int, kind: str, category: str, family: str) -> WardrobeItem:
    return WardrobeItem(item_id, kind, category, (family,), (family,))


WARDROBE = [
    item(1, "t-shirt", "top", "white"),
    item(2, "shirt", "top", "red"),
    item(3, "sweater", "top", "green"),
    item(4, "jeans", "bottom", "navy"),
    item(5, "trousers", "bottom", "beige"),
    item(6, "sneakers", "shoes", "white"),
    item(7, "dress", "one-piece", "black"),
]


def test_outfits_have_one_item_per_slot_and_valid_shapes() -> None:
    result = suggest(WARDROBE, count=5)
    assert result.outfits
    for outfit in result.outfits:
        categories = [str(i.category) for i in outfit.items]
        assert len(categories) == len(set(categories))
        assert sorted(categories) in [["bottom", "shoes", "top"], ["one-piece", "shoes"]]
        assert outfit.explanation


def test_neutral_outfit_outscores_clashing_accents() -> None:
    calm = score(
        (item(1, "t-shirt", "top", "white"), item(4, "jeans", "bottom", "navy"), item(6, "sneakers", "shoes", "white"))
    )
    loud = score(
        (item(2, "shirt", "top", "red"), item(8, "skirt", "bottom", "green"), item(9, "heels", "shoes", "purple"))
    )
    assert calm.score > loud.score


def test_no_item_in_every_suggestion() -> None:
    result = suggest(WARDROBE, count=5)
    assert all(sum(i in o.items for o in result.outfits) <= 2 for i in WARDROBE)


def test_missing_slot_is_named_not_padded() -> None:
    result = suggest([item(1, "t-shirt", "top", "white"), item(4, "jeans", "bottom", "navy")])
    assert result.outfits == []
    assert result.missing == ["shoes"]
    unknown = suggest([WardrobeItem(1, None, None)])
    assert unknown.unclassified == 1 and unknown.missing == ["one-piece", "shoes"]  # the shortest way there
