"""Language detection, the gloss-table detector against a model shipped inside a PyPI wheel (py3langid):
`pip install --target /tmp/langid py3langid && PYTHONPATH=/tmp/langid python -m eval.assistant_langid`.

Not a dependency: this only measures whether such a model would earn its place (docs/assistant.md).
"""

import importlib
import statistics
import time
from collections.abc import Callable

from app.assistant import languages
from eval.assistant import load_cases

CODES = ["en", "fr", "de", "es", "it", "pt"]


def _timed(detect: Callable[[str], str], questions: list[tuple[str, str]]) -> tuple[float, float, list[str]]:
    hits, times, misses = 0, [], []
    for question, lang in questions:
        started = time.perf_counter()
        found = detect(question)
        times.append((time.perf_counter() - started) * 1000)
        hits += found == lang
        if found != lang:
            misses.append(f"{found} | {question}")
    return hits / len(questions), statistics.median(times), misses


def main() -> None:
    questions = [(q, case.lang) for case in load_cases() for q, _ in case.turns]
    accuracy, median, _ = _timed(languages.detect, questions)
    print(f"{len(questions)} questions, each alone (no thread)")
    print(
        f"  gloss-table detector  {accuracy:6.1%}  p50 {median:.3f} ms  (its cue words were written with these cases)"
    )
    try:
        langid = importlib.import_module("py3langid")
    except ImportError:
        print("  py3langid not installed: see the module docstring")
        return
    langid.set_languages(CODES)
    accuracy, median, misses = _timed(lambda text: str(langid.classify(text)[0]), questions)
    print(f"  py3langid             {accuracy:6.1%}  p50 {median:.3f} ms  (never tuned on them)")
    for miss in misses:
        print(f"    {miss}")


if __name__ == "__main__":
    main()
