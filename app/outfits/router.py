from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response, status

from app.core.db import SessionDep
from app.core.dependencies import PageDep, StorageDep
from app.core.errors import AUTH_ERRORS, responses
from app.core.security import OwnedUser
from app.outfits import service
from app.outfits.schemas import (
    OCCASION_HELP,
    ContextIn,
    FeedbackOut,
    FeedbackRequest,
    MatchStyles,
    OccasionText,
    OutfitList,
    OutfitOut,
    ScoreRequest,
    WearLogOut,
    outfit_list,
    outfit_out,
)
from app.styling.occasions import Occasion

router = APIRouter(prefix="/api/outfits", tags=["outfits"])
# The original contract put outfit matching under /api/conversations; this router must be included
# before the conversations router, whose /{user_id} route would otherwise swallow "match-styles".
legacy_router = APIRouter(prefix="/api/conversations", tags=["outfits"])

Count = Annotated[int, Query(ge=1, le=20, description="How many outfits to return.")]
ItemIds = Annotated[list[int], Query(max_length=8, description="Item ids (repeat the parameter).")]
OUTFIT_ERRORS = responses(*AUTH_ERRORS, service.InvalidOutfit, service.UnknownOccasionError)


@legacy_router.get("/match-styles/", response_model=MatchStyles, responses=OUTFIT_ERRORS)
@legacy_router.get("/match-styles", include_in_schema=False)
async def match_styles(
    user: OwnedUser,
    session: SessionDep,
    count: Count = 5,
    occasion: Annotated[Occasion | OccasionText | None, Query(description=OCCASION_HELP)] = None,
) -> MatchStyles:
    """Outfit combinations from the user's wardrobe, each with its items, score and explanation."""
    context = await service.style_context(session, user=user, context=ContextIn(occasion=occasion))
    return outfit_list(user.id, await service.suggest(session, user=user, context=context, count=count))


@router.get("/suggestions", response_model=OutfitList, responses=OUTFIT_ERRORS)
async def suggestions(
    user: OwnedUser,
    session: SessionDep,
    context: Annotated[ContextIn, Depends()],
    anchor_ids: ItemIds = [],  # noqa: B006 - FastAPI copies defaults per request
    exclude_ids: ItemIds = [],  # noqa: B006
    count: Count = 5,
) -> OutfitList:
    """Diverse outfits for an occasion and weather, optionally built around anchor items."""
    style = await service.style_context(
        session, user=user, context=context, anchor_ids=anchor_ids, exclude_ids=exclude_ids
    )
    return outfit_list(user.id, await service.suggest(session, user=user, context=style, count=count))


@router.post("/score", response_model=OutfitOut, responses=OUTFIT_ERRORS)
async def score_outfit(user: OwnedUser, session: SessionDep, body: ScoreRequest) -> OutfitOut:
    """Rate any combination of the user's items ("rate my outfit"), with the per-rule breakdown."""
    context = await service.style_context(session, user=user, context=body)
    return outfit_out(user.id, await service.score(session, user=user, item_ids=body.item_ids, context=context))


@router.post("/feedback", response_model=FeedbackOut, status_code=status.HTTP_201_CREATED, responses=OUTFIT_ERRORS)
async def feedback(user: OwnedUser, session: SessionDep, body: FeedbackRequest) -> FeedbackOut:
    """Like, dislike or "I wore this": steers the next suggestions; `wore` also logs each item as worn."""
    return FeedbackOut.model_validate(await service.record_feedback(session, user=user, request=body))


@router.get("/wear-log", response_model=list[WearLogOut], responses=responses(*AUTH_ERRORS))
async def wear_log(user: OwnedUser, session: SessionDep, page: PageDep) -> list[WearLogOut]:
    """What was worn when, newest first."""
    rows = await service.wear_log(session, user_id=user.id, limit=page.limit, offset=page.offset)
    return [WearLogOut.model_validate(row) for row in rows]


@router.get(
    "/collage",
    response_class=Response,
    responses={
        200: {"content": {"image/jpeg": {}}, "description": "The outfit as a JPEG flat lay."},
        **OUTFIT_ERRORS,
    },
)
async def outfit_collage(
    user: OwnedUser,
    session: SessionDep,
    storage: StorageDep,
    item_ids: Annotated[list[int], Query(min_length=1, max_length=8, description="Item ids (repeat the parameter).")],
    context: Annotated[ContextIn, Depends()],
) -> Response:
    """A flat lay a phone shows at a glance: outerwear and top, then the bottom, then shoes and accessories,
    on a neutral background, with the occasion and the one-line explanation as the caption (JPEG, at most
    1200 px on its long side and 300 KB)."""
    style = await service.style_context(session, user=user, context=context)
    jpeg = await service.render_collage(session, storage, user=user, item_ids=item_ids, context=style)
    return Response(jpeg, media_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})
