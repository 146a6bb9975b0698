"""What the lead's chats showed (talk17c): flats said as "flat shoes" in five languages, bags and backpacks at
an occasion, rain with nothing to keep it off, and drinks after an interview."""

import pytest

from tests.assistant.wardrobe import converse, item

BEACH = (
    item(930, "blouse", "top", "black", "black", style="smart-casual", formality=3, warmth=2),
    item(931, "skirt", "bottom", "red", "red", style="smart-casual", formality=3, warmth=2),
    item(932, "flats", "shoes", "beige", "beige", style="smart-casual", formality=3, warmth=1),
    item(933, "boots", "shoes", "black", "black", style="smart-casual", formality=3, warmth=4),
    item(934, "loafers", "shoes", "black", "black", style="smart-casual", formality=3, warmth=2),
)


@pytest.mark.parametrize(
    ("wedding", "flats"),
    [
        ("What should I wear to a beach wedding in July?", "can I wear flat shoes?"),
        ("¿Qué me pongo para una boda en la playa en julio?", "¿puedo llevar zapatos planos?"),
        ("Qu'est-ce que je mets pour un mariage sur la plage en juillet ?", "je peux mettre des chaussures plates ?"),
        ("Was ziehe ich zu einer Strandhochzeit im Juli an?", "kann ich flache Schuhe tragen?"),
        ("Cosa mi metto per un matrimonio in spiaggia a luglio?", "posso mettere scarpe basse?"),
        ("O que visto para um casamento na praia em julho?", "posso usar sapatos rasos?"),
    ],
)
def test_flat_shoes_are_the_flats_not_any_shoes(wedding: str, flats: str) -> None:
    _, verdict = converse(wedding, flats, wardrobe=BEACH)
    assert verdict.intent == "yesno", verdict.text
    assert 932 in verdict.referenced_item_ids, verdict.text  # her flats
    assert 933 not in verdict.referenced_item_ids, verdict.text  # never ankle boots for the sand
