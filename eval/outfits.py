"""Outfit compatibility on real worn outfits: fit the weights on the training split, report on validation.

`python -m eval.outfits --data ../shared/data` analyses every masked garment once (cached in
eval/.cache/outfits/), fits models/outfit_weights.json on the 80% training split (`--no-fit` keeps the
file; the regularisation and the weakest-pair weight are chosen by 4-fold cross-validation inside the
training split), then prints, on the 20% validation split, the AUC of real outfits vs the same outfits with
one garment swapped for a same-slot garment of another outfit, and fill-in-the-blank accuracy (the real
garment among 4).
"""

import argparse
import random
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from app.core.config import Settings
from app.styling import WardrobeItem, score
from app.styling.compatibility import WEIGHTS_PATH, PairModel, load_model, outfit_parts, prior_model
from app.styling.features import Array, item_features
from eval.outfits_data import WornOutfit, load_outfits
from eval.outfits_fit import (
    NO_COLOUR_TABLE,
    SWAPPABLE,
    FitConfig,
    colour_affinity,
    fit,
    ranking_pairs,
    slot_pool,
    swapped,
    to_model,
    type_affinity,
)

Scorer = Callable[[Sequence[WardrobeItem]], float]
RULE_STRENGTHS = (0.01, 0.1, 1.0)
WEAKEST_PAIR_WEIGHTS = (0.0, 0.5, 1.0)
FOLDS = 4
NEGATIVES = 3
TIE_MARGIN = 0.03  # about one standard error of AUC + FITB averaged over folds of ~90 outfits


def auc(positive: Sequence[float], negative: Sequence[float]) -> float:
    """Probability that a real outfit outscores a swapped one (ties count half)."""
    pos, neg = np.asarray(positive)[:, None], np.asarray(negative)[None, :]
    return float((pos > neg).mean() + 0.5 * (pos == neg).mean())


def compatibility_auc(outfits: Sequence[WornOutfit], scorer: Scorer) -> float:
    pool = slot_pool(outfits)
    real = [scorer(o.items) for o in outfits if len(o.items) > 1]
    fake = [
        scorer(fake)
        for index, outfit in enumerate(outfits)
        if len(outfit.items) > 1
        for position, item in enumerate(outfit.items)
        if item.category in SWAPPABLE
        for fake in swapped(outfits, index, position, pool, 1)
    ]
    return auc(real, fake)


def fitb_accuracy(outfits: Sequence[WornOutfit], scorer: Scorer) -> tuple[float, int]:
    """One question per outfit: blank one swappable garment, choose among it and 3 same-slot distractors."""
    pool, hits = slot_pool(outfits), []
    for index, outfit in enumerate(outfits):
        positions = [p for p, item in enumerate(outfit.items) if item.category in SWAPPABLE]
        if len(outfit.items) < 2 or not positions:
            continue
        position = random.Random(outfit.photo).choice(positions)
        choices = [outfit.items, *swapped(outfits, index, position, pool, 3)]
        scores = [scorer(choice) for choice in choices]
        hits.append(int(np.argmax(scores)) == 0 and scores.count(scores[0]) == 1)
    return float(np.mean(hits)), len(hits)


Taste = Callable[[Sequence[WornOutfit]], Array]


def no_colour_table(_: Sequence[WornOutfit]) -> Array:
    return NO_COLOUR_TABLE


def choose_config(train: list[WornOutfit], taste: Taste, colours: Taste = no_colour_table) -> tuple[FitConfig, float]:
    """Pick the regularisation and weakest-pair weight by cross-validation inside the training outfits only;
    returns the config and its cross-validated AUC + FITB (what variants are compared by, never validation)."""
    totals: dict[FitConfig, float] = {}
    for fold in range(FOLDS):
        inner_fit = [o for n, o in enumerate(train) if n % FOLDS != fold]
        inner_check = [o for n, o in enumerate(train) if n % FOLDS == fold]
        affinity, colour_table = taste(inner_fit), colours(inner_fit)
        real, fake = ranking_pairs(inner_fit, NEGATIVES, affinity, colour_table)
        for strength in RULE_STRENGTHS:
            weights = fit(real, fake, FitConfig(rule_strength=strength))
            for weakest in WEAKEST_PAIR_WEIGHTS:
                scorer = _model_scorer(to_model(weights, affinity, weakest, inner_fit, colour_table))
                check = compatibility_auc(inner_check, scorer) + fitb_accuracy(inner_check, scorer)[0]
                config = FitConfig(rule_strength=strength, weakest_pair=weakest)
                totals[config] = totals.get(config, 0.0) + check / FOLDS
        print(f"  cross-validation fold {fold + 1}/{FOLDS} done", flush=True)
    for config, total in totals.items():
        print(f"  rules {config.rule_strength}, weakest pair {config.weakest_pair}: AUC + FITB {total:.3f}")
    best = max(totals.values())
    # One-standard-error rule: among configs within TIE_MARGIN of the best, take the strongest pull towards
    # the stylist priors, which keeps colour and formality audible next to the learned type affinity.
    close = [config for config, total in totals.items() if total >= best - TIE_MARGIN]
    chosen = max(close, key=lambda config: (config.rule_strength, totals[config]))
    return chosen, totals[chosen]


def fit_model(
    train: list[WornOutfit], taste: Taste, colours: Taste = no_colour_table
) -> tuple[PairModel, FitConfig, float]:
    """Config chosen by cross-validation inside `train`, then the weights fitted on all of `train`."""
    config, cross_validated = choose_config(train, taste, colours)
    affinity, colour_table = taste(train), colours(train)
    real, fake = ranking_pairs(train, NEGATIVES, affinity, colour_table)
    return (
        to_model(fit(real, fake, config), affinity, config.weakest_pair, train, colour_table),
        config,
        cross_validated,
    )


def fit_and_save(train: list[WornOutfit], taste: Taste, source: str, colours: Taste, colour_source: str) -> PairModel:
    print(f"fitting on {len(train)} training outfits (type affinity: {source}; colours: {colour_source})", flush=True)
    model, config, _ = fit_model(train, taste, colours)
    extra: dict[str, object] = {
        "fitted_on": f"worn-outfits training split ({len(train)} outfits)",
        "config": config.__dict__,
        "type_affinity_from": source,
        "colour_affinity_from": colour_source,
    }
    WEIGHTS_PATH.write_text(model.to_json(extra) + "\n")
    load_model.cache_clear()
    print(f"wrote {WEIGHTS_PATH}")
    return model


def polyvore_kind_table(data: Path) -> Array:
    from eval.polyvore_taste import kind_table

    return kind_table(data)


def engine_scorer(items: Sequence[WardrobeItem]) -> float:
    """The engine's logit (monotonic in its score): the rounded score saturates at 0 for outfits that break a
    hard rule (a street photo whose shoes were too small to cut out), which would tie them all."""
    return sum(score(items).parts.values())


def report(validation: list[WornOutfit]) -> None:
    print(f"validation: {len(validation)} outfits (weights from {load_model().source})")
    model = load_model()
    compatibility = _model_scorer(model)
    fitb, questions = fitb_accuracy(validation, compatibility)
    print(f"  compatibility AUC (real vs one garment swapped): {compatibility_auc(validation, compatibility):.3f}")
    print(f"  fill-in-the-blank accuracy (1 of 4, {questions} questions): {fitb:.3f}   (random 0.250)")
    total_fitb = fitb_accuracy(validation, engine_scorer)[0]
    print(
        f"  whole engine score incl. hard-rule costs: AUC {compatibility_auc(validation, engine_scorer):.3f}  "
        f"FITB {total_fitb:.3f}  (street photos often miss a garment the rules expect, e.g. a top under a coat)"
    )
    for name, part in (("rules only", "rules"), ("learned term only", "learned")):
        scorer = _part_scorer(model, part)
        part_auc, part_fitb = compatibility_auc(validation, scorer), fitb_accuracy(validation, scorer)[0]
        print(f"  {name:<18} AUC {part_auc:.3f}  FITB {part_fitb:.3f}")
    prior = prior_model()
    print(f"  stylist priors (unfitted) AUC {compatibility_auc(validation, _model_scorer(prior)):.3f}")


def _part_scorer(model: PairModel, which: str) -> Scorer:
    def scorer(items: Sequence[WardrobeItem]) -> float:
        parts = score(items).parts
        learned = parts["learned_compatibility"]
        rules = sum(parts[p] for p in ("colour_harmony", "formality", "style", "pattern_mix"))
        return learned if which == "learned" else rules

    return scorer


def _model_scorer(model: PairModel) -> Scorer:
    return lambda items: sum(outfit_parts(item_features(items), model).values())


ABLATION_REPEATS = 3  # cross-validation repeated over shuffled folds: one 4-fold split is too noisy to decide


def ablation(train: list[WornOutfit], validation: list[WornOutfit], data: Path) -> None:
    """Each component fitted with and without: cross-validated inside training (what decides), then validation."""
    polyvore = polyvore_kind_table(data)
    tastes: dict[str, Taste] = {"polyvore": lambda _: polyvore, "worn": type_affinity, "none": _no_types}
    colours: dict[str, Taste] = {"worn": colour_affinity, "none": no_colour_table}
    print(f"component ablation (type table x colour table; training CV over {ABLATION_REPEATS} shuffles decides):")
    for type_name, taste in tastes.items():
        for colour_name, colour in colours.items():
            model, _, cross_validated = fit_model(train, taste, colour)
            for repeat in range(1, ABLATION_REPEATS):
                shuffled = sorted(train, key=lambda o: random.Random(f"{repeat}:{o.photo}").random())
                cross_validated += choose_config(shuffled, taste, colour)[1]
            cross_validated /= ABLATION_REPEATS
            scorer = _model_scorer(model)
            fitb = fitb_accuracy(validation, scorer)[0]
            print(
                f"  types {type_name:8} colours {colour_name:5}: training CV AUC+FITB {cross_validated:.3f}   "
                f"validation AUC {compatibility_auc(validation, scorer):.3f}  FITB {fitb:.3f}",
                flush=True,
            )


def _no_types(_: Sequence[WornOutfit]) -> Array:
    return np.zeros_like(type_affinity([]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"))
    parser.add_argument("--no-fit", action="store_true", help="evaluate the committed weights without refitting")
    parser.add_argument(
        "--taste",
        choices=("polyvore", "worn"),
        default="polyvore",
        help="where the type affinity is learned: Polyvore's training outfits, or the worn-outfit training split",
    )
    parser.add_argument(
        "--colour",
        choices=("worn", "none"),
        default="worn",
        help="learn the colour-family affinity from the worn-outfit training split, or leave it out",
    )
    parser.add_argument("--ablation", action="store_true", help="fit every component with and without, report")
    args = parser.parse_args()
    outfits = load_outfits(args.data, Settings(_env_file=None).model_dir)
    train = [o for o in outfits if not o.is_validation]
    validation = [o for o in outfits if o.is_validation]
    if args.ablation:
        ablation(train, validation, args.data)
        return
    if not args.no_fit:
        colours, colour_source = (
            (colour_affinity, "worn-outfits training split") if args.colour == "worn" else (no_colour_table, "none")
        )
        if args.taste == "polyvore":
            table = polyvore_kind_table(args.data)
            fit_and_save(train, lambda _: table, "polyvore-outfits train split", colours, colour_source)
        else:
            fit_and_save(train, type_affinity, "worn-outfits training split", colours, colour_source)
    report(validation)


if __name__ == "__main__":
    main()
