"""Assistant evaluation: `python -m eval.assistant` (local engine, no network).

Plays every case in eval/assistant_data (English cases, and multilingual cases written once per language)
as a conversation over one of three realistic wardrobes, and checks each answer against what a good
answer must do (eval/assistant_checks.py): its opening (yes / no / it depends), the items it must or must
not name, a complete outfit, honest "I can't see that", the language. A turn passes when every check
holds. Cases marked "holdout" were written with the rest, before the engine was built, and are never
tuned on; both parts are reported.
"""

import argparse
import asyncio
import json
import statistics
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from app.assistant import Answer, ConversationContext, Turn, create_assistant
from app.styling import FeedbackStats, WardrobeItem
from app.vision.colours import PALETTE
from eval import assistant_checks as checks

DATA = Path(__file__).with_name("assistant_data")
LANGUAGES = ("fr", "de", "es", "it", "pt")
# Held-out batches written later, each before the engine was run on it, one case per language and wardrobe.
LATER_BATCHES = {
    "fresh": "cases_fresh.jsonl",
    "third": "cases_third.jsonl",
    "fourth": "cases_fourth.jsonl",
    "fifth": "cases_fifth.jsonl",
    "sixth": "cases_sixth.jsonl",
    "seventh": "cases_seventh.jsonl",
    "eighth": "cases_eighth.jsonl",
    "ninth": "cases_ninth.jsonl",
    "tenth": "cases_tenth.jsonl",
    "eleventh": "cases_eleventh.jsonl",
    "twelfth": "cases_twelfth.jsonl",
    "thirteenth": "cases_thirteenth.jsonl",
    "fourteenth": "cases_fourteenth.jsonl",
    "fifteenth": "cases_fifteenth.jsonl",
    "sixteenth": "cases_sixteenth.jsonl",
    "seventeenth": "cases_seventeenth.jsonl",
}
FAMILY = {name: family for name, _, family in PALETTE}


@dataclass(frozen=True)
class Case:
    id: str
    wardrobe: str
    lang: str
    split: str
    turns: tuple[tuple[str, dict[str, Any]], ...]  # (question, checks)


@dataclass(frozen=True)
class Result:
    case: Case
    turn: int
    question: str
    answer: str
    failed: tuple[str, ...]
    latency_ms: float


def load_wardrobes(path: Path = DATA / "wardrobes.json") -> dict[str, tuple[WardrobeItem, ...]]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {name: tuple(_item(row) for row in items) for name, items in rows.items() if not name.startswith("_")}


def _item(row: dict[str, Any]) -> WardrobeItem:
    colours = tuple(row["colours"])
    return WardrobeItem(
        id=row["id"],
        type=row["type"],
        category=row["category"],
        colour_families=tuple(dict.fromkeys(FAMILY[c] for c in colours)),
        colour_names=colours,
        style=row.get("style"),
        pattern=row.get("pattern"),
        formality=row.get("formality"),
        warmth=row.get("warmth"),
        seasons=tuple(row.get("seasons", ())),
    )


def _multilingual(row: dict[str, Any]) -> Iterator[Case]:
    turns = row.get("turns") or [{"q": row["q"], "c": row["c"]}]
    for lang in LANGUAGES:
        words = row.get("words_any", {}).get(lang)
        built = []
        for turn in turns:
            wanted = dict(turn["c"]) | ({"words_any": words} if words and len(turns) == 1 else {})
            built.append((turn["q"][lang], wanted))
        yield Case(f"{row['id']}-{lang}", row["w"], lang, row.get("split", "dev"), tuple(built))


def load_cases(folder: Path = DATA) -> list[Case]:
    cases = []
    for line in (folder / "cases_en.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        turns = tuple((turn["q"], turn["c"]) for turn in row["turns"])
        cases.append(Case(row["id"], row["w"], "en", row.get("split", "dev"), turns))
    for line in (folder / "cases_multilingual.jsonl").read_text(encoding="utf-8").splitlines():
        cases.extend(_multilingual(json.loads(line)))
    for split, name in LATER_BATCHES.items():
        for line in (folder / name).read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            turns = tuple((turn["q"], turn["c"]) for turn in row["turns"])
            cases.append(Case(row["id"], row["w"], row["lang"], split, turns))
    return cases


def _disliked(feedback: FeedbackStats, answer: Answer) -> FeedbackStats:
    """What the service does with a dislike said in chat: each item of it loses one point."""
    if not answer.disliked_item_ids:
        return feedback
    affinity = dict(feedback.item_affinity)
    for item_id in answer.disliked_item_ids:
        affinity[item_id] = affinity.get(item_id, 0.0) - 1.0
    return replace(feedback, item_affinity=affinity)


async def play(case: Case, wardrobe: tuple[WardrobeItem, ...]) -> list[Result]:
    assistant = create_assistant()
    history: list[Turn] = []
    feedback = FeedbackStats()
    by_id = {item.id: item for item in wardrobe}
    previous: tuple[int, ...] = ()
    results = []
    for index, (question, wanted) in enumerate(case.turns):
        context = ConversationContext(question, None, tuple(history), wardrobe, feedback=feedback)
        started = time.perf_counter()
        try:
            answer = await assistant.stream(context).collect()
        except Exception as error:  # a crash is a failed turn, and the rest of the thread is lost
            failed = (f"crash({type(error).__name__}: {error})",)
            results.append(Result(case, index, question, "", failed, (time.perf_counter() - started) * 1000))
            break
        latency = (time.perf_counter() - started) * 1000
        cited = tuple(answer.referenced_item_ids)
        seen = checks.Turn(answer.text, cited, tuple(answer.disliked_item_ids), case.lang, previous, by_id)
        results.append(Result(case, index, question, answer.text, tuple(checks.failures(seen, wanted)), latency))
        history.append(Turn(question, answer.text, cited))
        feedback = _disliked(feedback, answer)
        previous = cited
    return results


def _kind(case: Case) -> str:
    """The kind from the case id: "en-yn-3", the fresh "f-en-yn-1" and the later "z-en-chain-1", "s16-en-chain-1" are
    read alike: whatever batch tag stands before the language, the kind follows the language."""
    parts = case.id.split("-")
    if len(parts) > 2 and parts[0] not in ("en", *LANGUAGES) and parts[1] in ("en", *LANGUAGES):
        parts = parts[1:]  # a batch tag ("f", "z", "s16", "b17") before the language
    return parts[1] if case.lang == "en" else "multilingual"


def _rate(results: list[Result]) -> str:
    passed = sum(not r.failed for r in results)
    return f"{passed / max(len(results), 1):6.1%}  ({passed}/{len(results)})"


def report(label: str, results: list[Result], verbose: bool) -> None:
    if not results:  # a part --case left empty
        return
    print(f"{label}: {len(results)} questions")
    print(f"  answered as their check says   {_rate(results)}")
    groups: dict[str, list[Result]] = defaultdict(list)
    for result in results:
        groups[f"language {result.case.lang}"].append(result)
        groups[f"kind {_kind(result.case)}"].append(result)
        if len(result.case.turns) > 1:
            groups["follow-up chains (every turn)"].append(result)
    for name in sorted(groups):
        print(f"    {name:32s} {_rate(groups[name])}")
    print(f"  latency p50 {statistics.median(r.latency_ms for r in results):.2f} ms (whole answer, local engine)")
    if verbose:
        for result in results:
            if result.failed:
                print(f"  - [{result.case.id} #{result.turn + 1}] {result.question}")
                print(f"      failed {', '.join(result.failed)}\n      answer: {result.answer}")


async def run(args: argparse.Namespace) -> None:
    wardrobes = load_wardrobes()
    cases = [case for case in load_cases() if not args.case or args.case in case.id]
    print(f"wardrobes: {', '.join(f'{name} ({len(items)} items)' for name, items in wardrobes.items())}")
    chains = sum(len(case.turns) > 1 for case in cases)
    print(f"cases: {len(cases)} ({chains} follow-up chains), languages: en, {', '.join(LANGUAGES)}")
    results: dict[str, list[Result]] = {split: [] for split in ("dev", "holdout", *LATER_BATCHES)}
    for case in cases:
        results[case.split].extend(await play(case, wardrobes[case.wardrobe]))
    report("development", results["dev"], args.verbose and not args.holdout_quiet)
    report("holdout", results["holdout"], args.verbose and args.show_holdout)
    report("fresh holdout (second batch)", results["fresh"], args.verbose and args.show_holdout)
    report("third holdout batch", results["third"], args.verbose and args.show_holdout)
    report("fourth holdout batch", results["fourth"], args.verbose and args.show_holdout)
    report("fifth holdout batch", results["fifth"], args.verbose and args.show_holdout)
    report("sixth holdout batch", results["sixth"], args.verbose and args.show_holdout)
    report("seventh holdout batch", results["seventh"], args.verbose and args.show_holdout)
    report("eighth holdout batch", results["eighth"], args.verbose and args.show_holdout)
    report("ninth holdout batch", results["ninth"], args.verbose and args.show_holdout)
    report("tenth holdout batch", results["tenth"], args.verbose and args.show_holdout)
    report("eleventh holdout batch", results["eleventh"], args.verbose and args.show_holdout)
    report("twelfth holdout batch", results["twelfth"], args.verbose and args.show_holdout)
    report("thirteenth holdout batch", results["thirteenth"], args.verbose and args.show_holdout)
    report("fourteenth holdout batch", results["fourteenth"], args.verbose and args.show_holdout)
    report("fifteenth holdout batch", results["fifteenth"], args.verbose and args.show_holdout)
    report("sixteenth batch (talk17b chats)", results["sixteenth"], args.verbose and args.show_holdout)
    report("seventeenth batch (talk18, blind)", results["seventeenth"], args.verbose and args.show_holdout)
    report("all", [result for part in results.values() for result in part], False)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="print every development answer that failed")
    parser.add_argument("--show-holdout", action="store_true", help="also print the held-out failures")
    parser.add_argument("--holdout-quiet", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--case", help="only cases whose id contains this")
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
