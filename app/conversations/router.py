import json
import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import APIRouter, Body, Depends, Query, Request, Response, WebSocket, WebSocketDisconnect, status
from fastapi.exceptions import RequestValidationError
from fastapi.responses import StreamingResponse
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from app.assistant import Assistant, ConversationContext
from app.conversations import service
from app.conversations.schemas import (
    QUESTION_MAX,
    AskRequest,
    Conversation,
    DeletedCount,
    QuestionMessage,
    SocketChunk,
    SocketDone,
    SocketError,
    StreamChunk,
    conversation_json,
)
from app.core.db import EngineDep, SessionDep
from app.core.dependencies import AssistantDep, PageDep, SettingsDep
from app.core.errors import AUTH_ERRORS, AppError, ErrorBody, InvalidRequest, error_for_integrity, responses
from app.core.openapi import sse_event_schema
from app.core.ratelimit import RateLimiter, bearer_token, limit_keys, too_many
from app.core.responses import IfNoneMatch, cached_read, json_response
from app.core.security import (
    CurrentUser,
    OwnedUser,
    OwnedUserId,
    find_credential,
    owned_user,
    record_token_use,
)
from app.core.text import InputText
from app.users.models import User

router = APIRouter(prefix="/api/conversations", tags=["conversations"])
logger = logging.getLogger(__name__)

QUESTION_DOC = "The question."
USER_ID_DOC = "The user asking; the token must belong to them."
# Each operation documents one request shape; the other keeps working undocumented (hidden here), so clients of
# the original query form and of the JSON form both go on working.
QuestionQuery = Annotated[
    InputText | None,
    Query(min_length=1, max_length=QUESTION_MAX, pattern=r"\S", include_in_schema=False),
]
UserIdQuery = Annotated[int | None, Query(include_in_schema=False)]
AskBody = Annotated[AskRequest | None, Body(description="The question as JSON.")]
ORIGINAL_QUERY_FORM = {
    "parameters": [
        {"name": "user_id", "in": "query", "required": True, "schema": {"type": "integer"}, "description": USER_ID_DOC},
        {
            "name": "question",
            "in": "query",
            "required": True,
            "schema": {"type": "string", "minLength": 1, "maxLength": QUESTION_MAX, "pattern": "\\S"},
            "description": QUESTION_DOC,
        },
    ]
}
JSON_FORM = {"requestBody": {"required": True}}


@dataclass(frozen=True)
class Asking:
    user: User
    question: str


async def _asking(
    current: User, session: AsyncSession, user_id: int | None, question: str | None, body: QuestionMessage | None
) -> Asking:
    """The token must belong to the user named in the query or the body."""
    user_id = user_id if user_id is not None else (body.user_id if body else None)
    if user_id is None:
        raise InvalidRequest("Send `user_id` and `question`, as query parameters or as a JSON body.")
    user = await owned_user(session, user_id=user_id, current=current)  # 403 before any other complaint
    text = (question or "").strip() or (body.question if body else "")
    if not text:
        raise InvalidRequest("Send `question`, as a query parameter or in the JSON body.")
    return Asking(user=user, question=text)


async def _json_alternative(request: Request) -> QuestionMessage | None:
    """The JSON body the original route also accepts, validated like any body."""
    raw = await request.body()
    if not raw.strip():
        return None
    try:
        return QuestionMessage.model_validate_json(raw)
    except ValidationError as exc:
        raise RequestValidationError([{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]) from exc


async def get_asking_original(
    current: CurrentUser,
    session: SessionDep,
    body: Annotated[QuestionMessage | None, Depends(_json_alternative)],
    user_id: UserIdQuery = None,
    question: QuestionQuery = None,
) -> Asking:
    return await _asking(current, session, user_id, question, body)


async def get_asking(
    current: CurrentUser,
    session: SessionDep,
    user_id: UserIdQuery = None,
    question: QuestionQuery = None,
    body: AskBody = None,
) -> Asking:
    return await _asking(current, session, user_id, question, body)


AskingDep = Annotated[Asking, Depends(get_asking)]
OriginalAskingDep = Annotated[Asking, Depends(get_asking_original)]


@router.post(
    "/",
    response_model=Conversation,
    responses=responses(*AUTH_ERRORS, InvalidRequest),
    openapi_extra=ORIGINAL_QUERY_FORM,
)
async def add_conversation(
    asking: OriginalAskingDep, session: SessionDep, assistant: AssistantDep, settings: SettingsDep
) -> Conversation:
    """Answers a fashion question from the user's wardrobe and preferences, and stores the exchange.

    The original contract's query form. A JSON body `{"user_id": ..., "question": ...}` is also accepted here for
    compatibility; new clients that want JSON use `POST /api/conversations/stream`.
    """
    conversation = await service.ask(
        session,
        assistant,
        user=asking.user,
        question=asking.question,
        history_turns=settings.assistant_history_turns,
    )
    return Conversation.model_validate(conversation)


def _sse(event: str, data: object) -> str:
    return f"event: {event}\ndata: {json.dumps(data)}\n\n"


async def _sse_events(
    assistant: Assistant, context: ConversationContext, factory: async_sessionmaker[AsyncSession], user_id: int
) -> AsyncIterator[str]:
    try:
        async for part in service.answer_and_save(assistant, context, factory, user_id=user_id):
            if isinstance(part, str):
                yield _sse("chunk", StreamChunk(text=part).model_dump())
            else:
                yield _sse("done", Conversation.model_validate(part).model_dump(mode="json"))
    except Exception as exc:  # the status line has gone already; the error travels as an event
        # The user deleted while the answer was written is a lost race (404), not a failure.
        lost_race = error_for_integrity(exc) if isinstance(exc, IntegrityError) else None
        if lost_race is not None:
            yield _sse("error", ErrorBody(error=lost_race.code, detail=lost_race.detail).model_dump(exclude_none=True))
            return
        logger.exception("streamed answer failed")
        failed = ErrorBody(error="internal_error", detail="The answer could not be completed; ask again.")
        yield _sse("error", failed.model_dump(exclude_none=True))


@router.post(
    "/stream",
    response_class=StreamingResponse,
    responses={
        200: {
            "content": {
                "text/event-stream": {
                    "schema": sse_event_schema(chunk=StreamChunk, done=Conversation, error=ErrorBody),
                    "x-sse-events": {"chunk": "StreamChunk", "done": "Conversation", "error": "ErrorBody"},
                }
            },
            "description": (
                "Server-Sent Events: `chunk` events (StreamChunk) while the answer is written, then one `done` "
                "(the stored Conversation), or one `error` (ErrorBody) if the answer fails after the status was sent."
            ),
        },
        **responses(*AUTH_ERRORS, InvalidRequest),
    },
    openapi_extra=JSON_FORM,
)
async def stream_conversation(
    request: Request, asking: AskingDep, session: SessionDep, assistant: AssistantDep, settings: SettingsDep
) -> StreamingResponse:
    """The same answer as Server-Sent Events while it is written; stored when complete."""
    context = await service.build_context(
        session, user=asking.user, question=asking.question, history_turns=settings.assistant_history_turns
    )
    events = _sse_events(assistant, context, request.app.state.session_factory, asking.user.id)
    return StreamingResponse(events, media_type="text/event-stream", headers={"Cache-Control": "no-store"})


@router.get(
    "/{user_id}",
    response_model=list[Conversation],
    responses={**cached_read("The conversations, newest first."), **responses(*AUTH_ERRORS)},
)
async def list_conversations(
    owner_id: OwnedUserId, engine: EngineDep, page: PageDep, if_none_match: IfNoneMatch = None
) -> Response:
    """The user's conversations, newest first. Send `If-None-Match: <ETag>` to get 304 while nothing changed."""
    rows = await service.list_conversations(engine, user_id=owner_id, limit=page.limit, offset=page.offset)
    return json_response([conversation_json(row) for row in rows], if_none_match=if_none_match)


@router.delete(
    "/{user_id}/{conversation_id}", status_code=status.HTTP_204_NO_CONTENT, responses=responses(*AUTH_ERRORS)
)
async def delete_conversation(user: OwnedUser, conversation_id: int, session: SessionDep) -> None:
    await service.delete_one(session, user_id=user.id, conversation_id=conversation_id)


@router.delete("/{user_id}", response_model=DeletedCount, responses=responses(*AUTH_ERRORS))
async def delete_all_conversations(user: OwnedUser, session: SessionDep) -> DeletedCount:
    """Forgets the whole conversation history of the user."""
    return DeletedCount(deleted=await service.delete_all(session, user_id=user.id))


WS_SUBPROTOCOL = "stylist"
_SUBPROTOCOL_TOKEN_PREFIX = "bearer."  # noqa: S105 - a protocol name, not a secret


def _ws_token(websocket: WebSocket) -> str | None:
    """`Authorization: Bearer`, else a `bearer.<token>` subprotocol (browsers), else `?token=` (scrubbed from logs)."""
    header = bearer_token(websocket.headers.get("authorization"))
    if header:
        return header
    prefix = _SUBPROTOCOL_TOKEN_PREFIX
    from_protocol = next((p[len(prefix) :] for p in _offered_subprotocols(websocket) if p.startswith(prefix)), None)
    return from_protocol or websocket.query_params.get("token")


def _offered_subprotocols(websocket: WebSocket) -> list[str]:
    return [p.strip() for p in websocket.headers.get("sec-websocket-protocol", "").split(",")]


def _chosen_subprotocol(websocket: WebSocket) -> str | None:
    """Answer with `stylist` when offered: a browser refuses a socket whose offered protocols get no answer."""
    return WS_SUBPROTOCOL if WS_SUBPROTOCOL in _offered_subprotocols(websocket) else None


@router.websocket("/ws")
async def conversation_socket(websocket: WebSocket) -> None:
    """Token auth (`Authorization: Bearer`, subprotocols `stylist, bearer.<token>`, or `?token=`).

    Send {"question": ...} as a text frame, receive `chunk` messages, then `done`; each question counts against
    the assistant rate limit. The token is checked again with every question: once it is rotated away the socket
    closes with code 4401, once the user is deleted with 4404 (the reason says which).
    """
    factory: async_sessionmaker[AsyncSession] = websocket.app.state.session_factory
    token = _ws_token(websocket)
    async with factory() as session, session.begin():
        credential = await find_credential(session, token) if token else None
        user = await session.get(User, credential.user_id) if credential else None
    if credential is None or token is None or user is None:
        await websocket.close(code=status.WS_1008_POLICY_VIOLATION, reason="missing or invalid api token")
        return
    await record_token_use(
        websocket.app.state.db_engine, token_id=credential.token_id, last_used_at=credential.last_used_at
    )
    await websocket.accept(subprotocol=_chosen_subprotocol(websocket))
    try:
        while True:
            request = await _next_question(websocket, user)
            if request is None:
                continue
            signed_in = await _still_signed_in(websocket, factory, token, user.id)
            if signed_in is None:
                return
            user = signed_in
            if await _within_limit(websocket, token):
                await _answer_over_socket(websocket, factory, user, request)
    except WebSocketDisconnect:
        return
    except IntegrityError as exc:  # the user was deleted while the answer was being written
        if error_for_integrity(exc) is None:
            raise
        await websocket.close(code=WS_CLOSE_USER_DELETED, reason="the user was deleted")


# Close codes in the 4000s are the application's: like HTTP 401 (token rotated away) and 404 (account gone).
WS_CLOSE_TOKEN_REVOKED = 4401
WS_CLOSE_USER_DELETED = 4404


async def _still_signed_in(
    websocket: WebSocket, factory: async_sessionmaker[AsyncSession], token: str, user_id: int
) -> User | None:
    """Each question re-checks the token, so an open socket follows the account as HTTP does: the current user,
    or None after closing the socket with the reason (token rotated or revoked: 4401; user deleted: 4404)."""
    async with factory() as session, session.begin():
        credential = await find_credential(session, token)
        user = await session.get(User, user_id)
        if credential is not None and credential.user_id == user_id and user is not None:
            return user
        user_exists = user is not None
    if user_exists:
        await websocket.close(code=WS_CLOSE_TOKEN_REVOKED, reason="the api token was rotated or revoked")
    else:
        await websocket.close(code=WS_CLOSE_USER_DELETED, reason="the user was deleted")
    return None


async def _send_error(websocket: WebSocket, code: str, detail: str, retry_after_s: int | None = None) -> None:
    message = SocketError(error=code, detail=detail[:500], retry_after_s=retry_after_s)
    await websocket.send_json(message.model_dump(exclude_none=True))


async def _next_question(websocket: WebSocket, user: User) -> QuestionMessage | None:
    """The next question, or None after telling the client what was wrong with its message."""
    message = await websocket.receive()
    if message["type"] == "websocket.disconnect":
        raise WebSocketDisconnect(message.get("code", 1000))
    if message.get("text") is None:
        await _send_error(websocket, "invalid_request", 'Send text frames with JSON: {"question": "..."}.')
        return None
    try:
        request = QuestionMessage.model_validate_json(message["text"])
        if request.user_id not in (None, user.id):
            raise AppError(f"This token belongs to user {user.id}; it cannot ask for user {request.user_id}.")
    except (ValidationError, AppError) as exc:
        await _send_error(websocket, "invalid_request", str(exc))
        return None
    return request


async def _within_limit(websocket: WebSocket, token: str) -> bool:
    """Each question over a socket counts like one over HTTP; refused ones get a `rate_limited` message."""
    limit = websocket.app.state.settings.rate_limit_assistant_per_minute
    if not limit:
        return True
    limiter: RateLimiter = websocket.app.state.rate_limiter
    client = websocket.client
    keys = limit_keys("assistant", client_ip=client.host if client else None, token=token)
    verdict = await limiter.hit(keys, limit)
    if not verdict.allowed:
        detail = too_many("assistant", limit, verdict)
        await _send_error(websocket, "rate_limited", detail, retry_after_s=verdict.retry_after_s)
    return verdict.allowed


async def _answer_over_socket(
    websocket: WebSocket, factory: async_sessionmaker[AsyncSession], user: User, request: QuestionMessage
) -> None:
    settings = websocket.app.state.settings
    assistant: Assistant = websocket.app.state.assistant
    async with factory() as session, session.begin():
        context = await service.build_context(
            session, user=user, question=request.question, history_turns=settings.assistant_history_turns
        )
    async for part in service.answer_and_save(assistant, context, factory, user_id=user.id):
        if isinstance(part, str):
            await websocket.send_json(SocketChunk(text=part).model_dump())
        else:
            done = SocketDone(conversation=Conversation.model_validate(part))
            await websocket.send_json(done.model_dump(mode="json"))
