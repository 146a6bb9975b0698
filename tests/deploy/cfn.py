"""deploy/stack.yaml read the way CloudFormation reads it: short tags such as !Ref become {"Ref": ...}."""

import importlib
import re
from functools import cache
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE_PATH = ROOT / "deploy" / "stack.yaml"
NO_VALUE = {"Ref": "AWS::NoValue"}
_SUB_NAME = re.compile(r"\$\{([A-Za-z0-9]+)[.}]")


@cache
def template() -> dict[str, Any]:
    """The parsed template (shared by the tests; do not modify it)."""
    cfn_yaml = importlib.import_module("cfnlint.decode.cfn_yaml")  # by name: cfn-lint ships no type information
    loaded: dict[str, Any] = cfn_yaml.load(str(TEMPLATE_PATH))
    return loaded


def resources_of_type(resource_type: str) -> dict[str, dict[str, Any]]:
    return {name: body for name, body in template()["Resources"].items() if body["Type"] == resource_type}


def properties(logical_id: str) -> dict[str, Any]:
    props: dict[str, Any] = template()["Resources"][logical_id]["Properties"]
    return props


def every_branch(items: list[Any]) -> list[Any]:
    """A list with each Fn::If replaced by both of its branches and AWS::NoValue dropped."""
    expanded: list[Any] = []
    for item in items:
        if isinstance(item, dict) and "Fn::If" in item:
            _, when_true, when_false = item["Fn::If"]
            expanded.extend(every_branch([when_true, when_false]))
        elif item != NO_VALUE:
            expanded.append(item)
    return expanded


def references(value: Any) -> set[str]:
    """Logical IDs and parameters a value refers to through Ref, Fn::GetAtt or Fn::Sub (pseudo-parameters left out)."""
    found: set[str] = set()
    if isinstance(value, list):
        for item in value:
            found |= references(item)
    elif isinstance(value, dict):
        for key, inner in value.items():
            if key == "Ref":
                found.add(inner)
            elif key == "Fn::GetAtt":
                found.add(inner[0] if isinstance(inner, list) else inner.split(".")[0])
            elif key == "Fn::Sub":
                text, variables = (inner, {}) if isinstance(inner, str) else inner
                found |= set(_SUB_NAME.findall(text)) - set(variables)
                found |= references(variables)
            else:
                found |= references(inner)
    return {name for name in found if not name.startswith("AWS::")}
