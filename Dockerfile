# One image for the action server, Rasa and the Telegram bot:
# Python 3.10 with the pinned packages from constraints.txt.
FROM python:3.10-slim

# Rasa reads endpoints.yml's ${VARS} straight from the environment (no Python settings code
# runs before it), so the image sets them; the values equal actions/settings.py's defaults
# except the compose service names (actions, redis).
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1 \
    TF_CPP_MIN_LOG_LEVEL=2 RASA_TELEMETRY_ENABLED=false PYTHONPATH=/app \
    ACTIONS_URL=http://actions:5055 TRACKER_STORE_URL=sqlite:////app/var/tracker.db \
    LOCK_STORE_TYPE=in_memory REDIS_HOST=redis REDIS_PORT=6379 REDIS_DB=1 REDIS_PASSWORD=
WORKDIR /app

COPY requirements.txt constraints.txt ./
RUN pip install 'pip<25' && pip install -r requirements.txt -c constraints.txt && pip check

COPY . .
# Lookup tables from knowledge/, then models/current.tar.gz: the same command as `make train`.
RUN python -m scripts.train

RUN useradd --create-home --uid 1000 bot && mkdir -p /app/var && chown -R bot /app
USER bot
