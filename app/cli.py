"""`python -m app.cli openapi`: print the OpenAPI schema (kept in docs/openapi.json)."""

import argparse
import json
import sys

from app.core.config import Settings


def openapi_json() -> str:
    from app.main import create_app

    # Built from defaults only, so the document does not depend on the machine's environment.
    schema = create_app(Settings(_env_file=None)).openapi()
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.cli", description="AI Stylist utilities")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("openapi", help="print the OpenAPI schema as JSON")
    args = parser.parse_args(argv)
    if args.command == "openapi":
        sys.stdout.write(openapi_json())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
