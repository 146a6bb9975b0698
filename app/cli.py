"""The `stylist` command (also `python -m app.cli ...`): run the service, and use a wardrobe from the terminal.

Commands that touch a wardrobe work on the local database and storage (the STYLIST_* settings), or on a running
server with `--url` and `--token`.
"""

import asyncio
import dataclasses
import json
import sys
import warnings
from collections.abc import Awaitable, Callable
from contextlib import AbstractAsyncContextManager
from datetime import timedelta
from pathlib import Path
from typing import Annotated, Any, TypeVar

import click
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

from app.commandline.backend import AddResult, Backend, CommandError, Context, LocalBackend, RemoteBackend
from app.core.config import Settings, get_settings

cli = typer.Typer(
    help="AI Stylist: the service and your wardrobe from the terminal.", no_args_is_help=True, add_completion=False
)
console = Console()
errors = Console(stderr=True)
T = TypeVar("T")

UserOption = Annotated[str | None, typer.Option("--user", "-u", help="User name (local); checked against --token.")]
UrlOption = Annotated[
    str | None, typer.Option(envvar="STYLIST_URL", help="A running server, e.g. http://127.0.0.1:8000.")
]
TokenOption = Annotated[str | None, typer.Option(envvar="STYLIST_TOKEN", help="API token for --url.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON instead of tables.")]


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


def backend(url: str | None, token: str | None) -> AbstractAsyncContextManager[Backend]:
    if url:
        if not token:
            raise CommandError("--url needs --token (or STYLIST_TOKEN)")
        return RemoteBackend.open(url, token)
    return LocalBackend.open(get_settings())


def run(work: Awaitable[T]) -> T:
    """Runs a command; a CommandError is a message for the person, exit status 1, no traceback."""
    try:
        return asyncio.run(work)  # type: ignore[arg-type]
    except CommandError as error:
        errors.print(f"[red]error:[/red] {error}", soft_wrap=True)
        raise typer.Exit(1) from error
    except KeyboardInterrupt:
        # Everything finished so far is committed; an import run again skips it.
        errors.print("interrupted: what was done is kept; run the same command again to resume", soft_wrap=True)
        raise typer.Exit(130) from None


def show_new_token(token: str | None, username: str) -> None:
    if token:
        console.print(f"Created user [bold]{username}[/bold]. Their API token, shown only this once:")
        console.print(token, soft_wrap=True, highlight=False)


@cli.command()
def serve(
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port.")] = 8000,
    reload: Annotated[bool, typer.Option(help="Restart on code changes (development).")] = False,
) -> None:
    """Serve the API, the web app (/app) and the docs (/docs)."""
    import uvicorn

    console.print(f"Open http://{host}:{port}/app")
    from app.core.serving import UVICORN_OPTIONS

    # The same server options as `make run` and the image (the header cap, the event loop).
    uvicorn.run("app.main:app", host=host, port=port, reload=reload, **UVICORN_OPTIONS)


@cli.command()
def migrate() -> None:
    """Bring the database (STYLIST_DATABASE_URL) to the latest schema."""
    from app.core import migrations

    migrations.upgrade(get_settings().database_url)
    console.print("Database is at the latest schema.")


@cli.command()
def openapi() -> None:
    """Print the OpenAPI schema as JSON (kept in docs/openapi.json)."""
    sys.stdout.write(openapi_json())


@cli.command()
def sweep(
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Report only; delete nothing.")] = False,
    grace_minutes: Annotated[float, typer.Option(help="Keep orphan files younger than this (uploads in flight).")] = 60,
) -> None:
    """Remove old files without rows; report rows without files."""
    sys.stdout.write(asyncio.run(sweep_report(dry_run=dry_run, grace_minutes=grace_minutes)))


@cli.command()
def analyze(
    photos: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, help="Photos (JPEG, PNG, WebP, HEIC).")],
    as_json: JsonOption = False,
) -> None:
    """Tag photos with the local model, offline: no server, no database."""
    from app.commandline.render import tags_table
    from app.core.errors import AppError
    from app.vision.factory import create_analyzer
    from app.wardrobe.images import prepare_upload

    settings = get_settings()
    analyzer = create_analyzer(settings.model_copy(update={"vision_process": False}))  # no requests to keep going
    results: dict[str, Any] = {}
    for photo in photos:
        try:
            prepared = prepare_upload(
                photo.read_bytes(),
                max_pixels=settings.max_image_pixels,
                thumbnail_size=settings.thumbnail_size,
                quality=settings.stored_jpeg_quality,
            )
        except AppError as error:
            results[str(photo)] = {"error": error.code, "detail": error.detail}
            continue
        results[str(photo)] = analyzer.analyze(prepared.image).to_tags()
    if as_json:
        sys.stdout.write(json.dumps(results, indent=2) + "\n")
        return
    for name, tags in results.items():
        console.print(f"[red]{name}: {tags['detail']}[/red]" if "error" in tags else tags_table(name, tags))


@cli.command()
def reanalyze(
    user: UserOption = None,
    force: Annotated[bool, typer.Option("--force", help="Re-tag every item, not only those of older models.")] = False,
) -> None:
    """Re-tag a wardrobe with the current model (local database and storage); corrections are kept."""
    from app.wardrobe.reanalysis import reanalyze_local

    async def work() -> None:
        async with backend(None, None) as target:
            account = await target.account(user)
        columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
        with Progress(*columns, console=console) as progress:
            task = progress.add_task(f"Re-analysing {account.username}'s wardrobe", total=None)
            try:
                report = await reanalyze_local(
                    get_settings(),
                    user_id=account.id,
                    force=force,
                    progress=lambda done, total: progress.update(task, completed=done, total=total),
                )
            except LookupError as error:
                raise CommandError(str(error)) from error
        console.print(
            f"Re-tagged {report.reanalyzed} items with {report.model_version}"
            f" ({report.missing_files} with missing photos left as they were)."
        )

    run(work())


@cli.command("import")
def import_photos(
    folder: Annotated[
        Path, typer.Argument(exists=True, file_okay=False, help="Folder of photos (searched recursively).")
    ],
    user: UserOption = None,
    url: UrlOption = None,
    token: TokenOption = None,
) -> None:
    """Import every photo under FOLDER; run it again to resume (files already in the wardrobe are skipped)."""
    from app.commandline.importer import import_folder
    from app.commandline.render import print_import_summary

    async def work() -> None:
        async with backend(url, token) as target:
            account = await target.account(user, create=url is None)
            show_new_token(account.new_token, account.username)
            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
            with Progress(*columns, console=console) as progress:
                task = progress.add_task(f"Importing into {account.username}'s wardrobe", total=None)

                def advance(path: Path, result: AddResult | None) -> None:
                    progress.update(task, advance=1, description=f"{path.name[:40]:<40}")

                summary = await import_folder(
                    target,
                    account,
                    folder,
                    on_start=lambda total: progress.update(task, total=total),
                    on_file=advance,
                )
            print_import_summary(console, summary, folder)

    run(work())


@cli.command()
def outfits(
    user: UserOption = None,
    occasion: Annotated[str | None, typer.Option(help="work, date, wedding, ... (the API's occasions)")] = None,
    temperature: Annotated[float | None, typer.Option(help="Temperature in °C.")] = None,
    rain: Annotated[bool, typer.Option("--rain", help="It is raining.")] = False,
    count: Annotated[int, typer.Option(min=1, max=20, help="How many outfits.")] = 5,
    url: UrlOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Outfit suggestions from the wardrobe, best first (or what is missing)."""
    from app.commandline.render import outfits_table

    context = Context(occasion=occasion, temperature_c=temperature, rain=rain)
    result = run(_with_account(url, token, user, lambda b, a: b.suggest(a, context, count)))
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
    else:
        console.print(outfits_table(result))


@cli.command()
def ask(
    question: Annotated[str, typer.Argument(help="Your question, in quotes.")],
    user: UserOption = None,
    url: UrlOption = None,
    token: TokenOption = None,
    as_json: JsonOption = False,
) -> None:
    """Ask the stylist; the answer is grounded in the user's wardrobe and stored in the history."""
    result = run(_with_account(url, token, user, lambda b, a: b.ask(a, question)))
    if as_json:
        sys.stdout.write(json.dumps(result, indent=2) + "\n")
        return
    console.print(result["answer"], soft_wrap=True)
    if result.get("referenced_item_ids"):
        console.print(f"[dim]items named: {', '.join(map(str, result['referenced_item_ids']))}[/dim]")


async def _with_account(
    url: str | None, token: str | None, user: str | None, action: Callable[[Backend, Any], Awaitable[T]]
) -> T:
    async with backend(url, token) as target:
        return await action(target, await target.account(user))


def counted(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items())


@cli.command()
def export(
    out: Annotated[Path, typer.Argument(dir_okay=False, help="The archive to write, e.g. ana.zip.")],
    user: UserOption = None,
) -> None:
    """Write the user's wardrobe, tags, corrections, feedback, wear log and conversations to a zip (local)."""
    from app.commandline.archive import export_user

    async def work() -> dict[str, int]:
        async with LocalBackend.open(get_settings()) as local:
            return await export_user(local, await local.account(user), out)

    counts = run(work())
    console.print(
        f"Wrote {out}: " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items()), soft_wrap=True
    )


@cli.command("import-archive")
def import_archive(
    archive: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="An archive from `stylist export`.")],
    user: Annotated[str | None, typer.Option("--user", "-u", help="Restore under this name instead.")] = None,
) -> None:
    """Restore an exported wardrobe as a new user on this instance (local); prints the new user's token."""
    from app.commandline import archive as archives

    async def work() -> tuple[Any, dict[str, int]]:
        async with LocalBackend.open(get_settings()) as local:
            return await archives.import_archive(local, archive, username=user)

    account, counts = run(work())
    console.print(
        "Restored " + ", ".join(f"{n} {name.replace('_', ' ')}" for name, n in counts.items()), soft_wrap=True
    )
    show_new_token(account.new_token, account.username)


def main(argv: list[str] | None = None) -> int:
    # Alembic cannot reflect the functional lower(username) index; harmless, and noise in a terminal.
    warnings.filterwarnings("ignore", message=".*expression-based index")
    try:
        # Not standalone: the exit status comes back as a value, so tests can call main() directly.
        code = cli(args=argv, prog_name="stylist", standalone_mode=False)
    except click.ClickException as error:  # usage errors carry their own message and exit status
        error.show()
        return error.exit_code
    except click.exceptions.Abort:
        return 130
    return code if isinstance(code, int) else 0


if __name__ == "__main__":
    raise SystemExit(main())
