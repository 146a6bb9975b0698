from app.assistant.grounding import CitationFilter, cited_ids, flag_unknown


def test_unknown_ids_are_flagged_and_never_referenced() -> None:
    text = "Wear your navy blazer (#12) with your red scarf (#99) and #5."
    assert (
        flag_unknown(text, {12, 5}) == "Wear your navy blazer (#12) with your red scarf (not in your wardrobe) and #5."
    )
    assert cited_ids(text, {12, 5}) == [12, 5]


def test_filter_handles_ids_split_across_chunks() -> None:
    citations = CitationFilter({12})
    out = [citations.feed(piece) for piece in ["Your blazer (#", "1", "2) and scarf (#9", "9) work."]]
    out.append(citations.flush())
    assert "".join(out) == "Your blazer (#12) and scarf (not in your wardrobe) work."
    assert citations.referenced == [12]
