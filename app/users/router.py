from fastapi import APIRouter, Response, status

from app.core.db import EngineDep, SessionDep, write_transaction
from app.core.dependencies import StorageDep
from app.core.errors import AUTH_ERRORS, Conflict, Unauthorized, responses
from app.core.responses import dumps
from app.core.security import CurrentCredential, CurrentUser, OwnedUser, TokenCacheDep
from app.users import service
from app.users.schemas import TokenRotated, User, UserCreate, UserUpdate, UserWithToken, user_json

router = APIRouter(prefix="/api/users", tags=["users"])


@router.post("/", response_model=UserWithToken, responses=responses(Conflict))
async def create_user(body: UserCreate, engine: EngineDep) -> Response:
    """Registers a user and returns their API token (shown only this once)."""
    async with write_transaction(engine) as connection:  # committed before the response is sent
        user, token = await service.create_user(
            connection, username=body.username, style_preferences=body.style_preferences
        )
    return Response(dumps(user_json(user) | {"api_token": token}), media_type="application/json")


@router.get("/me", response_model=User, responses=responses(Unauthorized))
async def read_me(user: CurrentUser) -> User:
    """The user the token belongs to."""
    return User.model_validate(user)


@router.get("/{user_id}", response_model=User, responses=responses(*AUTH_ERRORS))
async def read_user(user: OwnedUser) -> User:
    return User.model_validate(user)


@router.patch("/{user_id}", response_model=User, responses=responses(*AUTH_ERRORS))
async def update_user(user: OwnedUser, body: UserUpdate, session: SessionDep) -> User:
    """Changes the style preferences (send `null` to clear them)."""
    updated = await service.update_preferences(session, user=user, style_preferences=body.style_preferences)
    return User.model_validate(updated)


@router.delete("/{user_id}", status_code=status.HTTP_204_NO_CONTENT, responses=responses(*AUTH_ERRORS))
async def delete_user(user: OwnedUser, session: SessionDep, storage: StorageDep, tokens: TokenCacheDep) -> None:
    """Deletes the user, their conversations, their wardrobe rows and every stored file."""
    await service.delete_user(session, storage, tokens, user=user)


@router.post("/{user_id}/token", response_model=TokenRotated, responses=responses(*AUTH_ERRORS))
async def rotate_token(
    user: OwnedUser, credential: CurrentCredential, session: SessionDep, tokens: TokenCacheDep
) -> TokenRotated:
    """Issues a new token and revokes every earlier one (use it after a leak).

    Of concurrent rotations exactly one answers 200; the others find their token revoked (401).
    """
    token = await service.rotate_token(session, tokens, user=user, token_id=credential.token_id)
    return TokenRotated(api_token=token)
