import asyncio
from typing import Annotated

from fastapi import APIRouter, Query

from app import styling
from app.core.db import SessionDep
from app.core.errors import AUTH_ERRORS, responses
from app.core.security import OwnedUser
from app.outfits.schemas import MatchStyles, match_styles
from app.wardrobe.service import wardrobe_items

# The original contract put outfit matching under /api/conversations; this router must be included
# before the conversations router, whose /{user_id} route would otherwise swallow "match-styles".
legacy_router = APIRouter(prefix="/api/conversations", tags=["outfits"])


@legacy_router.get("/match-styles/", response_model=MatchStyles, responses=responses(*AUTH_ERRORS))
@legacy_router.get("/match-styles", include_in_schema=False)
async def match_styles_route(
    user: OwnedUser,
    session: SessionDep,
    count: Annotated[int, Query(ge=1, le=20, description="How many outfits to return.")] = 5,
) -> MatchStyles:
    """Outfit combinations from the user's wardrobe, each with a score and an explanation."""
    items = await wardrobe_items(session, user_id=user.id)
    result = await asyncio.to_thread(styling.suggest, items, count=count)
    return match_styles(user.id, result)
