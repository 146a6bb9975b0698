"""Outfits for a user: context from the request, feedback and wear history from the database, the engine in between."""

import asyncio
import contextlib
from collections import defaultdict
from collections.abc import Collection, Sequence
from datetime import UTC, date, datetime
from itertools import combinations

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import undefer

from app import styling
from app.core.db import release_connection, storable_id
from app.core.errors import AppError, NotFound
from app.outfits import collage
from app.outfits.models import OutfitFeedback, WearLogEntry
from app.outfits.schemas import ContextIn, FeedbackRequest
from app.storage.base import ObjectNotFound, Storage
from app.styling.occasions import OCCASION_NAMES, UnknownOccasion, resolve_occasion
from app.users.models import User
from app.wardrobe.models import WardrobeImage
from app.wardrobe.service import to_wardrobe_item, wardrobe_items

SIGNAL_WEIGHT = {"like": 1.0, "wore": 0.5, "dislike": -1.0}
# A disliked outfit says little about each piece on its own: a quarter of a like, so one dislike never hides a
# liked item; likes and wears speak for every piece.
ITEM_SHARE = {"like": 1.0, "wore": 1.0, "dislike": 0.25}


class InvalidOutfit(AppError):
    status_code = 422
    code = "invalid_outfit"


class UnknownOccasionError(AppError):
    """The request does not match the schema, repeats an item, or names an occasion outside the vocabulary
    (the message lists the accepted ones)."""

    status_code = 422
    code = "unknown_occasion"


def canonical_occasion(text: str | None) -> str | None:
    """The vocabulary's name for what the client sent; an occasion we cannot place is the client's to fix."""
    try:
        return resolve_occasion(text)
    except UnknownOccasion as error:
        raise UnknownOccasionError(str(error)) from None


async def feedback_stats(session: AsyncSession, *, user_id: int) -> styling.FeedbackStats:
    """Sum each signal per whole outfit, per pair and (weakly for dislikes) per item: likes +1, wears +0.5,
    dislikes -1 (each item -0.25)."""
    rows = await session.execute(
        select(OutfitFeedback.item_ids, OutfitFeedback.signal).where(OutfitFeedback.user_id == user_id)
    )
    items: dict[int, float] = defaultdict(float)
    pairs: dict[tuple[int, int], float] = defaultdict(float)
    outfits: dict[frozenset[int], float] = defaultdict(float)
    for item_ids, signal in rows:
        weight = SIGNAL_WEIGHT[signal]
        if signal != "wore":  # wearing is not a verdict on the combination; rotation handles repeats
            outfits[frozenset(item_ids)] += weight
        for item_id in item_ids:
            items[item_id] += weight * ITEM_SHARE[signal]
        for pair in combinations(sorted(item_ids), 2):
            pairs[pair] += weight
    return styling.FeedbackStats(item_affinity=dict(items), pair_affinity=dict(pairs), combinations=dict(outfits))


async def worn_days_ago(session: AsyncSession, *, user_id: int, today: date) -> dict[int, int]:
    rows = await session.execute(
        select(WearLogEntry.item_id, func.max(WearLogEntry.worn_on))
        .where(WearLogEntry.user_id == user_id)
        .group_by(WearLogEntry.item_id)
    )
    return {item_id: (today - last).days for item_id, last in rows}


async def style_context(
    session: AsyncSession,
    *,
    user: User,
    context: ContextIn,
    anchor_ids: Sequence[int] = (),
    exclude_ids: Sequence[int] = (),
) -> styling.StyleContext:
    return styling.StyleContext(
        occasion=canonical_occasion(context.occasion),
        occasion_said=" ".join(context.occasion.split()) if context.occasion else None,
        temperature_c=context.temperature_c,
        rain=context.rain,
        season=context.season,
        anchor_ids=frozenset(anchor_ids),
        exclude_ids=frozenset(exclude_ids),
        worn_days_ago=await worn_days_ago(session, user_id=user.id, today=datetime.now(UTC).date()),
        preferences=styling.parse_preferences(user.style_preferences),
    )


def _require_owned(wanted: Sequence[int], owned: Collection[int]) -> None:
    unknown = sorted(set(wanted) - set(owned))
    if unknown:
        raise NotFound(f"These items are not in the wardrobe: {', '.join(map(str, unknown))}.")


def _check_owned(wanted: Sequence[int], owned: dict[int, styling.WardrobeItem]) -> list[styling.WardrobeItem]:
    _require_owned(wanted, owned.keys())
    if len(set(wanted)) != len(wanted):
        raise InvalidOutfit("An item appears twice in the outfit.")
    return [owned[item_id] for item_id in wanted]


async def suggest(
    session: AsyncSession, *, user: User, context: styling.StyleContext, count: int
) -> styling.Suggestions:
    items = await wardrobe_items(session, user_id=user.id, with_embedding=True)
    _check_owned(sorted(context.anchor_ids), {item.id: item for item in items})
    feedback = await feedback_stats(session, user_id=user.id)
    await release_connection(session)
    return await asyncio.to_thread(styling.suggest, items, context, feedback, count=count)


async def score(
    session: AsyncSession, *, user: User, item_ids: list[int], context: styling.StyleContext
) -> styling.Outfit:
    rows = await _owned_rows(session, user_id=user.id, item_ids=item_ids, with_embedding=True)
    chosen = _check_owned(item_ids, {i: to_wardrobe_item(row, with_embedding=True) for i, row in rows.items()})
    feedback = await feedback_stats(session, user_id=user.id)
    return await asyncio.to_thread(styling.score, chosen, context, feedback)


async def _owned_rows(
    session: AsyncSession, *, user_id: int, item_ids: Sequence[int], with_embedding: bool = False
) -> dict[int, WardrobeImage]:
    """Just the requested rows of this user (ids that cannot exist are skipped before they reach the database)."""
    candidates = [item_id for item_id in item_ids if storable_id(item_id)]
    query = select(WardrobeImage).where(WardrobeImage.user_id == user_id, WardrobeImage.id.in_(candidates))
    if with_embedding:
        query = query.options(undefer(WardrobeImage.embedding))
    return {row.id: row for row in await session.scalars(query)}


async def record_feedback(session: AsyncSession, *, user: User, request: FeedbackRequest) -> OutfitFeedback:
    rows = await _owned_rows(session, user_id=user.id, item_ids=request.item_ids)
    _require_owned(request.item_ids, rows.keys())
    feedback = OutfitFeedback(
        user_id=user.id,
        item_ids=sorted(set(request.item_ids)),
        signal=request.signal,
        occasion=canonical_occasion(request.occasion),
    )
    session.add(feedback)
    await session.flush()
    if request.signal == "wore":
        worn_on = request.worn_on or datetime.now(UTC).date()
        session.add_all(
            WearLogEntry(user_id=user.id, item_id=item_id, worn_on=worn_on, feedback_id=feedback.id)
            for item_id in feedback.item_ids
        )
        await session.flush()
    return feedback


async def wear_log(session: AsyncSession, *, user_id: int, limit: int, offset: int) -> list[WearLogEntry]:
    query = (
        select(WearLogEntry)
        .where(WearLogEntry.user_id == user_id)
        .order_by(WearLogEntry.worn_on.desc(), WearLogEntry.id.desc())
        .limit(limit)
        .offset(offset)
    )
    return list(await session.scalars(query))


TITLE_OCCASION_CHARS = 40  # of the occasion in the collage title: one line on a phone


def collage_title(context: styling.StyleContext) -> str:
    """The caption's first line: the occasion in the client's words (a brunch is not captioned "Dinner", the code
    it is dressed by), and the weather."""
    said = context.occasion_said
    if not said or said.lower() in OCCASION_NAMES:  # a canonical name: its label ("wedding-guest" -> "Wedding guest")
        said = (context.occasion or "everyday").replace("-", " ")
    if len(said) > TITLE_OCCASION_CHARS:  # the title is one line on a phone
        said = said[: TITLE_OCCASION_CHARS - 1].rstrip() + "…"
    words = [said[:1].upper() + said[1:]]
    if context.temperature_c is not None:
        words.append(f"{context.temperature_c:g} °C")
    if context.rain:
        words.append("rain")
    return " · ".join(words)


def collage_caption(explanation: str) -> str:
    """The whole explanation when it fits the caption; else the reasons without the list of items (the picture
    shows them), so the reasons are never cut off on a phone."""
    if len(explanation) <= collage.CAPTION_CHARS:
        return explanation
    reasons = explanation.split(": ", 1)[-1]
    return reasons[:1].upper() + reasons[1:]


async def _picture(storage: Storage, row: WardrobeImage) -> collage.Piece:
    """The item's cut-out when the image engine stored one beside the photo, else the photo itself."""
    tags = row.effective_tags
    cutout_key = getattr(row, "cutout_key", None)
    if isinstance(cutout_key, str) and cutout_key:
        with contextlib.suppress(ObjectNotFound):  # not written yet, right after its upload: the photo stands in
            return collage.Piece(tags.get("category"), tags.get("type"), await storage.get(cutout_key), cutout=True)
    return collage.Piece(tags.get("category"), tags.get("type"), await storage.get(row.storage_key))


async def render_collage(
    session: AsyncSession, storage: Storage, *, user: User, item_ids: list[int], context: styling.StyleContext
) -> bytes:
    rows = await _owned_rows(session, user_id=user.id, item_ids=item_ids, with_embedding=True)
    chosen = _check_owned(item_ids, {i: to_wardrobe_item(row, with_embedding=True) for i, row in rows.items()})
    outfit = styling.score(chosen, context, await feedback_stats(session, user_id=user.id))
    pieces = [await _picture(storage, rows[item.id]) for item in chosen]
    caption = collage_caption(outfit.explanation)
    return await asyncio.to_thread(collage.render, pieces, title=collage_title(context), caption=caption)
