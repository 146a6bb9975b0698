"""Headers that make browsers treat API responses as data, and pages (the app, the docs) as same-origin only."""

from starlette.types import ASGIApp, Message, Receive, Scope, Send

COMMON = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"cross-origin-resource-policy", b"same-origin"),
]
API_POLICY = b"default-src 'none'; frame-ancestors 'none'"
# The web app loads only its own files; photos are shown from blob: URLs (fetched with the token).
APP_POLICY = (
    b"default-src 'self'; img-src 'self' blob: data:; connect-src 'self'; object-src 'none'; "
    b"base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
# Swagger UI's page starts with an inline script and ReDoc runs a blob: worker; still nothing from elsewhere.
DOCS_POLICY = (
    b"default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    b"img-src 'self' data: blob:; worker-src 'self' blob:; connect-src 'self'; object-src 'none'; "
    b"frame-ancestors 'none'"
)
APP_PATHS = ("/app",)
DOCS_PATHS = ("/docs", "/redoc")


def policy_for(path: str) -> bytes:
    if path.startswith(APP_PATHS):
        return APP_POLICY
    if path.startswith(DOCS_PATHS):
        return DOCS_POLICY
    return API_POLICY


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = [*COMMON, (b"content-security-policy", policy_for(scope["path"]))]

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [*message.get("headers", []), *headers]
            await send(message)

        await self.app(scope, receive, send_with_headers)
