"""docs/deploy.md documents every stack parameter with the template's default."""

import re

from tests.deploy.cfn import ROOT, template


def test_every_parameter_is_documented_with_its_default() -> None:
    rows = dict(re.findall(r"^\| `(\w+)` \| ([^|]+) \|", (ROOT / "docs" / "deploy.md").read_text(), re.MULTILINE))
    for name, parameter in template()["Parameters"].items():
        assert name in rows, f"docs/deploy.md has no row for {name}"
        default = str(parameter.get("Default", ""))
        assert rows[name].strip() == (f"`{default}`" if default else "empty"), name
