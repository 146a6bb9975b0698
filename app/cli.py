"""`python -m app.cli openapi`: print the OpenAPI schema (kept in docs/openapi.json).

`python -m app.cli sweep [--dry-run] [--grace-minutes N]`: reconcile stored files with wardrobe rows.
"""

import argparse
import asyncio
import dataclasses
import json
import sys
from datetime import timedelta

from app.core.config import Settings, get_settings


def openapi_json() -> str:
    from app.main import create_app

    # Built from defaults only, so the document does not depend on the machine's environment.
    schema = create_app(Settings(_env_file=None)).openapi()
    return json.dumps(schema, indent=2, sort_keys=True) + "\n"


async def sweep_report(*, dry_run: bool, grace_minutes: float) -> str:
    from app.core.db import create_engine, create_session_factory
    from app.storage.factory import create_storage
    from app.wardrobe.sweeper import sweep

    settings = get_settings()  # the same STYLIST_* variables as the service: database and storage
    engine = create_engine(settings)
    try:
        report = await sweep(
            create_session_factory(engine),
            create_storage(settings),
            grace=timedelta(minutes=grace_minutes),
            dry_run=dry_run,
        )
    finally:
        await engine.dispose()
    return json.dumps(dataclasses.asdict(report), indent=2) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m app.cli", description="AI Stylist utilities")
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("openapi", help="print the OpenAPI schema as JSON")
    sweeper = commands.add_parser("sweep", help="remove old files without rows; report rows without files")
    sweeper.add_argument("--dry-run", action="store_true", help="report only; delete nothing")
    sweeper.add_argument(
        "--grace-minutes", type=float, default=60, help="keep orphan files younger than this (uploads in flight)"
    )
    args = parser.parse_args(argv)
    if args.command == "openapi":
        sys.stdout.write(openapi_json())
    elif args.command == "sweep":
        sys.stdout.write(asyncio.run(sweep_report(dry_run=args.dry_run, grace_minutes=args.grace_minutes)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
