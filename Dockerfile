# StrongBack: the bot in one container. Build: docker build -t strongback .
# Settings come from the environment (docker run --env-file .env, or compose.yaml); see
# .env.example and docs/OPERATIONS.md.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DATA_DIR=/data

# A user of its own: the bot never runs as root, and DATA_DIR must belong to it (mode 0700).
RUN useradd --create-home --uid 10001 strongback \
    && mkdir /data \
    && chown strongback:strongback /data \
    && chmod 0700 /data

WORKDIR /app
COPY pyproject.toml README.md ./
COPY coach ./coach
COPY bot ./bot
COPY scheduler ./scheduler
COPY storage ./storage
RUN pip install .

USER strongback
# The SQLite file and the picture cache: keep them on a volume, never in the container.
VOLUME ["/data"]
# Webhook mode listens on PORT (default 8443); polling mode opens no port but /metrics and
# /healthz on METRICS_PORT (default 9090, 127.0.0.1 unless METRICS_HOST is set).
EXPOSE 8443

HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-m", "bot.healthcheck"]

# Migrations apply themselves at start; SIGTERM stops the bot cleanly.
CMD ["python", "-m", "bot"]
