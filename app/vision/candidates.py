"""What else an item may be: the kinds the heads leave open, each with its probability (`type_candidates`).

The stored `type` is one answer; the outfit rules also need to know when a plausible other answer would break a
rule (`sandals` that may be flip-flops go on a date; `pants` that may be jeans go to a funeral). The
candidates pool what the heads already said, as one distribution over the finest kinds they tell apart:
- the type head's probability of each coarse type, split by its finer head where there is one (`pants` into
  jeans / trousers / joggers / leggings, `outerwear` into coat / jacket, `longsleeve` into sweater / sweatshirt);
- for shoes, the shoe-kind head's kinds times the probability of a shoe (the type head's own shoe classes are not
  pooled in: on held-out home photos they are right 29% of the time, and averaging them in lowers every measure,
  docs/model-card.md "Type candidates");
- a class the model never splits although the rules do (`MERGED_KINDS`: its `sandals` were trained on sandals and
  flip-flops alike) shares its probability by the kinds' shares of that class in the training catalogue.
No web or database imports; plain data in, plain data out.
"""

from collections import defaultdict
from dataclasses import dataclass

from app.vision.model import ModelOutput
from app.vision.taxonomy import TYPE_OF_SHOE_KIND, category_of

TYPE_CANDIDATE_MIN = 0.1  # an alternative is stored from this probability on (the rules act from SURE_KIND's rest)
MAX_ALTERNATIVES = 3
# Kinds one model class was trained on, with their share of the class's photos in the product-attributes training
# split (`python -m training.type_shares --data ../shared/data`: Sandals and Sports Sandals, Flip Flops).
MERGED_KINDS: dict[str, tuple[tuple[str, float], ...]] = {
    "sandals": (("sandals", 0.52), ("flip-flops", 0.48)),
}


@dataclass(frozen=True)
class TypeCandidate:
    type: str
    p: float  # the probability that the item is this kind (a coarse kind such as `pants` includes its finer ones)


def _merged(kind: str, p: float, into: dict[str, float]) -> None:
    for name, share in MERGED_KINDS.get(kind, ((kind, 1.0),)):
        into[name] += p * share


def kind_distribution(output: ModelOutput) -> dict[str, float]:
    """The pooled probability of each of the finest kinds the heads tell apart (summing to about 1)."""
    coarse = output.garment_type.probabilities
    shoe_head = output.extra.get("shoe_kind")
    kinds: dict[str, float] = defaultdict(float)
    for name, p in coarse.items():
        finer = output.extra.get(f"{name}_kind")
        if shoe_head is not None and category_of(name) == "shoes":
            continue  # the shoe-kind head splits the shoes' mass below
        if finer is not None:
            for fine, q in finer.probabilities.items():
                kinds[fine] += p * q
        else:
            _merged(name, p, kinds)
    if shoe_head is not None:
        for kind, p in _shoe_kinds(coarse, shoe_head.probabilities).items():
            _merged(TYPE_OF_SHOE_KIND[kind], p, kinds)
    return dict(kinds)


def _shoe_kinds(coarse: dict[str, float], head: dict[str, float]) -> dict[str, float]:
    """The shoe-kind head's kinds times the probability that the item is a shoe at all."""
    shoes = sum(p for name, p in coarse.items() if category_of(name) == "shoes")
    total = sum(head.values()) or 1.0
    return {kind: shoes * p / total for kind, p in head.items()}


def type_candidates(output: ModelOutput, garment_type: str) -> list[TypeCandidate]:
    """The stored type first (with the pooled probability of it and its finer kinds), then up to
    MAX_ALTERNATIVES other kinds of at least TYPE_CANDIDATE_MIN, likeliest first."""
    kinds = kind_distribution(output)
    finer = output.extra.get(f"{garment_type}_kind")
    own = sum(kinds.get(f, 0.0) for f in finer.probabilities) if finer is not None else kinds.get(garment_type, 0.0)
    others = sorted(((k, p) for k, p in kinds.items() if k != garment_type), key=lambda kv: -kv[1])
    alternatives = [TypeCandidate(k, round(p, 3)) for k, p in others if p >= TYPE_CANDIDATE_MIN]
    return [TypeCandidate(garment_type, round(min(own, 1.0), 3)), *alternatives[:MAX_ALTERNATIVES]]
