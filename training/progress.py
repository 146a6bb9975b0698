"""A one-line progress counter (torch-free, so `make eval` runs in the service's own venv)."""

import time


class Progress:
    """A one-line counter with rate and ETA, printed every `every` items."""

    def __init__(self, label: str, total: int, every: int = 500) -> None:
        self.label, self.total, self.every, self.start = label, total, every, time.monotonic()
        self.last = 0

    def update(self, done: int) -> None:
        if done - self.last < self.every and done < self.total:
            return
        self.last = done
        elapsed = time.monotonic() - self.start
        eta = elapsed / max(done, 1) * (self.total - done)
        print(f"  {self.label}: {done}/{self.total}  {elapsed:.0f}s elapsed, ~{eta:.0f}s left", flush=True)


def macro_f1(truth: list[str], predicted: list[str], labels: list[str]) -> float:
    """Unweighted mean of per-label F1 over `labels` (as sklearn's f1_score(average="macro"))."""
    scores = []
    for label in labels:
        tp = sum(t == label and p == label for t, p in zip(truth, predicted, strict=True))
        fp = sum(t != label and p == label for t, p in zip(truth, predicted, strict=True))
        fn = sum(t == label and p != label for t, p in zip(truth, predicted, strict=True))
        scores.append(2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0)
    return sum(scores) / len(scores) if scores else 0.0
