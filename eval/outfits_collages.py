"""Look at what the engine makes: `python -m eval.outfits_collages --data ../shared/data --out eval/.cache/collages`.

For a rainy commute, a summer wedding and the gym (and any scenario named with --scenario), the top outfits
from the realistic wardrobes (eval/scenario_wardrobes.py) rendered as the API renders them: each photo's
cut-out from the image engine on the neutral background, the caption with the occasion and the explanation.
"""

import argparse
from pathlib import Path

from PIL import Image

from app.outfits.collage import Piece, render
from app.outfits.service import collage_caption, collage_title
from app.styling import score, suggest
from app.vision.analyze import LocalAnalyzer
from eval.outfits_scenarios import ROUNDS, _context
from eval.scenario_judge import Scenario
from eval.scenario_wardrobes import Wardrobe, load_wardrobes

DEFAULT = ("office-women/rainy commute", "winter-men/rainy commute", "office-women/summer wedding",
           "city-men/summer wedding", "office-women/gym", "city-men/gym")  # fmt: skip


def _piece(wardrobe: Wardrobe, item_id: int, data: Path, analyzer: LocalAnalyzer) -> Piece:
    item = next(i for i in wardrobe.items if i.id == item_id)
    path = data / wardrobe.truth[item_id].source
    with Image.open(path) as opened:
        cutout = analyzer.cutout(opened.convert("RGB"))
    if cutout is not None:
        return Piece(item.category, item.type, cutout, cutout=True)
    return Piece(item.category, item.type, path.read_bytes())


def render_scenario(scenario: Scenario, wardrobe: Wardrobe, data: Path, analyzer: LocalAnalyzer, out: Path) -> None:
    context = _context(scenario)
    for rank, outfit in enumerate(suggest(list(wardrobe.items), context, count=2).outfits, 1):
        pieces = [_piece(wardrobe, item.id, data, analyzer) for item in outfit.items]
        rated = score(outfit.items, context)
        jpeg = render(pieces, title=collage_title(context), caption=collage_caption(rated.explanation))
        name = f"{scenario.wardrobe}-{scenario.name}-{rank}".replace(" ", "-").replace(",", "")
        (out / f"{name}.jpg").write_bytes(jpeg)
        print(f"{name}.jpg  {len(jpeg) // 1024} KB  {rated.score:.2f}  {rated.explanation}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--models", type=Path, default=Path("models"))
    parser.add_argument("--out", type=Path, default=Path("eval/.cache/collages"))
    parser.add_argument("--scenario", action="append", help="wardrobe/name, e.g. 'city-men/gym'")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    wardrobes = {w.name: w for w in load_wardrobes(args.data, args.models)}
    scenarios = {f"{s.wardrobe}/{s.name}": s for group in ROUNDS.values() for s in group}
    analyzer = LocalAnalyzer.load(args.models)
    for key in args.scenario or DEFAULT:
        render_scenario(scenarios[key], wardrobes[scenarios[key].wardrobe], args.data, analyzer, args.out)


if __name__ == "__main__":
    main()
