"""Near-duplicate search (the same garment photographed twice) over stored item signatures.

A signature joins the model embedding (what the garment is) with the colour histogram (which one it is):
the fine-tuned embedding alone puts two different navy t-shirts nearly as close as two shots of one.
With unit-length parts weighted by sqrt(w) and sqrt(1 - w), the dot product of two signatures is
w * cos(embeddings) + (1 - w) * cos(colours). `python -m eval.duplicates` measured the weight and threshold.
"""

import numpy as np
from numpy.typing import NDArray

EMBEDDING_WEIGHT = 0.5
EMBEDDING_DIM = 1280


def _unit(vector: NDArray[np.float32]) -> NDArray[np.float32]:
    return vector / max(float(np.linalg.norm(vector)), 1e-12)


def signature(embedding: NDArray[np.float32], colour: NDArray[np.float32]) -> NDArray[np.float32]:
    parts = (np.sqrt(EMBEDDING_WEIGHT) * _unit(embedding), np.sqrt(1 - EMBEDDING_WEIGHT) * _unit(colour))
    return np.concatenate(parts).astype(np.float32)


def pack(vector: NDArray[np.float32]) -> bytes:
    """float16 halves the bytes per item; similarities move by well under 0.001."""
    return vector.astype(np.float16).tobytes()


def unpack(blob: bytes) -> NDArray[np.float32]:
    return np.frombuffer(blob, dtype=np.float16).astype(np.float32)


def embedding_of(stored: NDArray[np.float32]) -> NDArray[np.float32] | None:
    """The unit image embedding inside a stored signature (None for rows stored without one)."""
    if len(stored) <= EMBEDDING_DIM:
        return None
    return _unit(stored[:EMBEDDING_DIM])


def near_duplicates(
    query: NDArray[np.float32], candidates: list[tuple[int, bytes]], *, threshold: float, limit: int = 3
) -> list[tuple[int, float]]:
    """Candidates whose signature similarity to `query` is at least `threshold`, most similar first."""
    usable = [(item_id, unpack(blob)) for item_id, blob in candidates if len(blob) == 2 * len(query)]
    if not usable:
        return []
    ids = np.array([item_id for item_id, _ in usable])
    similarity = np.stack([vector for _, vector in usable]) @ query
    order = np.argsort(-similarity)[:limit]
    # float16 storage can put two identical photos a hair above 1; a similarity is in [0, 1] by contract.
    return [(int(ids[i]), _bounded(similarity[i])) for i in order if similarity[i] >= threshold]


def _bounded(similarity: float) -> float:
    return round(min(1.0, max(0.0, float(similarity))), 4)
