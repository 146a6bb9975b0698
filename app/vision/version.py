"""What the analyser's tags depend on besides the model files: its rule tables, as one deterministic hash.

Re-analysis compares a stored item's `model_version` with the current one, so the version must change when the
tags can change and only then. The model files (and the confidence calibration) are in the manifest's hash
(`app.vision.model.manifest_version`); the rules that turn model outputs into tags are module-level tables and
thresholds (`SEASONS_OF_TYPE`, `PALETTE`, `REVIEW_THRESHOLD`, the mask's `RULES`, ...). Hashing those values, not
the modules' source, means a comment, a refactor or a faster implementation leaves every stored item current.
A change of logic that no table shows bumps `RULES_REVISION` (app/vision/analyze.py) by hand.
"""

import dataclasses
import hashlib
import json
import sys
from types import FunctionType, ModuleType
from typing import Any

import numpy as np


def _is_rule_name(name: str) -> bool:
    """Module constants by convention: UPPER_CASE, private ones (`_STYLE_LEVEL`) included."""
    bare = name.lstrip("_")
    return bool(bare) and bare.isupper() and not bare.startswith("_")


def canonical(value: Any) -> Any:
    """A JSON-ready form of a rule table that is the same in every process (sets sorted, arrays as lists)."""
    if isinstance(value, dict):
        return {str(key): canonical(item) for key, item in value.items()}
    if isinstance(value, frozenset | set):
        return sorted((canonical(item) for item in value), key=repr)
    if isinstance(value, tuple | list):
        return [canonical(item) for item in value]
    if isinstance(value, np.ndarray):
        return value.tolist()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: canonical(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, FunctionType):
        return f"{value.__module__}.{value.__qualname__}"  # a rule's measure: its name, not its source
    if value is None or isinstance(value, bool | int | float | str):
        return value
    raise TypeError(f"no canonical form for a rule table of type {type(value).__name__}")


def rule_tables(module: ModuleType) -> dict[str, Any]:
    """The module's constants that are data (imported modules and classes are not rules)."""
    return {
        name: canonical(value)
        for name, value in sorted(vars(module).items())
        if _is_rule_name(name) and not isinstance(value, ModuleType | type)
    }


def rules_digest(module_names: tuple[str, ...]) -> str:
    """A short hash of the rule tables of these (imported) modules."""
    tables = {name: rule_tables(sys.modules[name]) for name in module_names}
    return hashlib.sha256(json.dumps(tables, sort_keys=True).encode()).hexdigest()[:8]
