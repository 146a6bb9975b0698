# syntax=docker/dockerfile:1
# The AI Stylist API image: runtime dependencies, app/, alembic/ and the exported models, run as a non-root user.
#   docker build -t ai-stylist .
#   docker run --env-file .env -p 8000:8000 ai-stylist     (PostgreSQL + S3 settings; see docs/deploy.md)
#   docker run --env-file .env ai-stylist alembic upgrade head     (migrations: a one-off command, never at start)
ARG PYTHON_IMAGE=python:3.11-slim-bookworm

# ---- build: resolve the pinned runtime dependencies into a virtual environment
FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_ROOT_USER_ACTION=ignore
RUN python -m venv /opt/venv
ENV PATH=/opt/venv/bin:$PATH
WORKDIR /src
COPY requirements.txt constraints.txt ./
# Wheels only: every pinned dependency ships manylinux wheels, so no compiler is needed in any stage.
RUN pip install --only-binary=:all: -r requirements.txt -c constraints.txt

# ---- runtime: the virtual environment and the code, nothing else
FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    WEB_CONCURRENCY=2 \
    STYLIST_AUTO_MIGRATE=false \
    PROMETHEUS_MULTIPROC_DIR=/tmp/metrics
RUN groupadd --system --gid 10001 stylist \
    && useradd --system --uid 10001 --gid stylist --no-create-home --home-dir /nonexistent \
       --shell /usr/sbin/nologin stylist \
    && install -d -o stylist -g stylist /tmp/metrics  # /metrics adds up all workers' samples from here
WORKDIR /app
COPY --from=build /opt/venv /opt/venv
# Code and models stay owned by root: the service user can read them, not change them.
COPY alembic.ini ./
COPY alembic/ alembic/
COPY models/ models/
COPY app/ app/
RUN python -m compileall -q app alembic
USER stylist:stylist
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/health/live', timeout=4)"]
# Workers come from WEB_CONCURRENCY (uvicorn reads it). On SIGTERM uvicorn stops accepting, lets requests in
# flight finish for up to 20 s, then exits: inside Fargate's 30 s stopTimeout before SIGKILL.
# The client address comes from X-Forwarded-For only when the peer is in STYLIST_TRUSTED_PROXIES (the app
# decides, not uvicorn, which would believe anyone with --forwarded-allow-ips *).
# httptools parses, capped at 16 KiB of request line and headers (431 past it, app/core/http_protocol.py); the event
# loop follows the database: uvloop on PostgreSQL, asyncio's own on SQLite (app/core/serving.py says why).
# Keep-alive (65 s) outlasts the load balancer's idle timeout (60 s), so the ALB never reuses a closed connection.
CMD ["uvicorn", "app.main:app", "--host", "0.0.0.0", "--port", "8000", \
     "--no-proxy-headers", "--http", "app.core.http_protocol:CappedHttpToolsProtocol", "--loop", "app.core.serving:event_loop", "--timeout-keep-alive", "65", \
     "--timeout-graceful-shutdown", "20", "--no-server-header"]
