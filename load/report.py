"""What a load run records (latency and status per route) and prints; the photos its users upload."""

import io
import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from PIL import Image, ImageDraw

Status = int | str  # an HTTP status, or the name of a transport error (timeout, refused)


@dataclass
class User:
    id: int = 0
    token: str = ""
    images: list[int] = field(default_factory=list)  # acknowledged uploads
    conversations: list[int] = field(default_factory=list)  # acknowledged questions

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"} if self.token else {}


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    statuses: Counter[tuple[str, Status]] = field(default_factory=Counter)

    def record(self, route: str, status: Status, seconds: float) -> None:
        self.latencies[route].append(seconds)
        self.statuses[(route, status)] += 1

    def errors(self) -> Counter[tuple[str, Status]]:
        """Failures other than deliberate throttling (429)."""
        return Counter({key: n for key, n in self.statuses.items() if not _ok(key[1]) and key[1] != 429})

    def throttled(self) -> int:
        return sum(n for (_, status), n in self.statuses.items() if status == 429)


def _ok(status: Status) -> bool:
    return isinstance(status, int) and status < 400


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))] if ordered else 0.0


def random_jpeg(seed: int) -> bytes:
    """A small garment-like photo, different for every seed (so no upload is refused as a duplicate)."""
    rng = random.Random(seed)  # noqa: S311 - test pictures, not secrets
    colour = (rng.randrange(256), rng.randrange(256), rng.randrange(256))
    image = Image.new("RGB", (320, 240), (rng.randrange(200, 256),) * 3)
    draw = ImageDraw.Draw(image)
    draw.rectangle([rng.randrange(40, 100), rng.randrange(20, 60), rng.randrange(220, 280), 220], fill=colour)
    draw.point([(rng.randrange(320), rng.randrange(240)) for _ in range(50)], fill=(0, 0, 0))
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=85)
    return buffer.getvalue()


def print_results(results: Results, *, elapsed: float, users: list[User], lost: list[str]) -> None:
    total = sum(results.statuses.values())
    print(f"\n{len(users)} users, {total} requests in {elapsed:.1f} s: {total / elapsed:.1f} requests/s")
    print(f"{'route':<48} {'count':>6} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}")
    for route, values in sorted(results.latencies.items()):
        p50, p95, p99 = (1000 * percentile(values, q) for q in (0.5, 0.95, 0.99))
        print(f"{route:<48} {len(values):>6} {p50:>8.0f} {p95:>8.0f} {p99:>8.0f}")
    errors = results.errors()
    print(f"429 (rate limited, deliberate): {results.throttled()}")
    # Statuses are ints or transport errors' names (ReadTimeout): sorted as text, so both kinds can be listed.
    listed = sorted(errors.items(), key=lambda kv: (kv[0][0], str(kv[0][1])))
    print(f"errors: {sum(errors.values())}" + "".join(f"\n  {r} -> {s}: {n}" for (r, s), n in listed))
    writes = sum(len(u.images) + len(u.conversations) + 1 for u in users)
    print(f"acknowledged writes: {writes} (users, images, conversations); lost or inconsistent: {len(lost)}")
    for problem in lost[:20]:
        print(f"  {problem}")
