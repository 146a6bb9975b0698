"""Assistant evaluation: `python -m eval.assistant` (local engine, no network).

Reads eval/assistant_questions.json (a fixture wardrobe and questions with the expected intent, entities and
whether the answer must name the user's own items) and prints intent accuracy, entity accuracy, grounding
rate and answer latency. Grounded means every cited id exists and, when the question is about the wardrobe,
at least one item is named.
"""

import argparse
import json
import re
import statistics
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.assistant import ConversationContext
from app.assistant.local.assistant import answer_locally
from app.assistant.local.references import understand
from app.styling import WardrobeItem

QUESTIONS = Path(__file__).with_name("assistant_questions.json")
CITED = re.compile(r"#(\d+)")
TOLERANCE_C = 0.6


@dataclass
class Result:
    question: str
    intent_ok: bool
    entity_hits: int
    entity_total: int
    grounded: bool
    latency_ms: float
    detail: str


def load_wardrobe(rows: list[dict[str, Any]]) -> tuple[WardrobeItem, ...]:
    return tuple(
        WardrobeItem(
            id=row["id"],
            type=row["type"],
            category=row["category"],
            colour_families=(row["family"],),
            colour_names=tuple(row["colours"]),
            style=row.get("style"),
            formality=row.get("formality"),
            warmth=row.get("warmth"),
            seasons=tuple(row.get("seasons", ())),
        )
        for row in rows
    )


def _same(field: str, expected: Any, found: Any) -> bool:
    if field == "temperature_c":
        return found is not None and abs(float(found) - float(expected)) <= TOLERANCE_C
    if isinstance(expected, list):
        return list(found) == expected
    return bool(found == expected)


def evaluate(case: dict[str, Any], wardrobe: tuple[WardrobeItem, ...]) -> Result:
    context = ConversationContext(case["q"], None, (), wardrobe)
    started = time.perf_counter()
    answer = answer_locally(context)
    latency = (time.perf_counter() - started) * 1000
    found = understand(case["q"], wardrobe, [])
    misses = [
        f"{field}={getattr(found, field)!r}"
        for field, value in case["entities"].items()
        if not _same(field, value, getattr(found, field))
    ]
    known = {item.id for item in wardrobe}
    cited = {int(match) for match in CITED.findall(answer.text)}
    grounded = cited <= known and set(answer.referenced_item_ids) <= known and (bool(cited) or not case["wardrobe"])
    detail = f"intent {answer.intent} (want {case['intent']}); misses {misses}; cited {sorted(cited)}"
    return Result(
        case["q"], answer.intent == case["intent"], len(case["entities"]) - len(misses), len(case["entities"]),
        grounded, latency, detail,
    )  # fmt: skip


def report(label: str, results: list[Result], verbose: bool) -> None:
    total = len(results)
    hits, fields = sum(r.entity_hits for r in results), sum(r.entity_total for r in results)
    print(f"{label}: {total} questions")
    print(f"  intent accuracy   {sum(r.intent_ok for r in results) / total:6.1%}")
    print(f"  entity accuracy   {hits / max(fields, 1):6.1%}  ({hits}/{fields} expected fields)")
    print(f"  grounding rate    {sum(r.grounded for r in results) / total:6.1%}")
    print(
        f"  latency p50       {statistics.median(r.latency_ms for r in results):6.2f} ms (local engine, whole answer)"
    )
    for result in results:
        if verbose and not (result.intent_ok and result.grounded and result.entity_hits == result.entity_total):
            print(f"    - {result.question}\n        {result.detail}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--questions", type=Path, default=QUESTIONS)
    parser.add_argument("--verbose", action="store_true", help="print every question that missed something")
    args = parser.parse_args()
    data = json.loads(args.questions.read_text(encoding="utf-8"))
    wardrobe = load_wardrobe(data["wardrobe"])
    answer_locally(ConversationContext("warm-up: what should I wear?", None, (), wardrobe))  # load models once
    print(f"wardrobe: {len(wardrobe)} items")
    for label in ("questions", "holdout"):
        if data.get(label):
            report(label, [evaluate(case, wardrobe) for case in data[label]], args.verbose)


if __name__ == "__main__":
    main()
