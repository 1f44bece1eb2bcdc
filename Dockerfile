# One image for the web server and the Celery worker; compose picks the command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app

# The charts' PNG and SVG (comparisons/images.py) are drawn by plotly.js in Debian's Chromium,
# driven by kaleido; their Chinese needs a CJK font. No browser is ever downloaded.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-noto-cjk \
    && rm -rf /var/lib/apt/lists/*
ENV BROWSER_PATH=/usr/bin/chromium

COPY requirements.lock ./
RUN pip install --require-hashes -r requirements.lock

COPY . .

# The English catalogue is compiled at build time; gettext's msgfmt is removed again.
RUN apt-get update \
    && apt-get install -y --no-install-recommends gettext \
    && DEBUG=0 SECRET_KEY=compilemessages-only python manage.py compilemessages --verbosity 0 \
    && apt-get purge -y gettext \
    && apt-get autoremove -y \
    && rm -rf /var/lib/apt/lists/*

# collectstatic needs settings but no database or secret; the build gets a throwaway key.
RUN DEBUG=0 SECRET_KEY=collectstatic-only STATIC_ROOT=/app/staticfiles \
    python manage.py collectstatic --noinput \
    && useradd --system --uid 10001 --home-dir /app app \
    && mkdir -p /data/media /srv/static \
    && chown app /data/media /srv/static

ENV DEBUG=0 \
    STATIC_ROOT=/app/staticfiles \
    MEDIA_ROOT=/data/media \
    GUNICORN_CMD_ARGS="--bind 0.0.0.0:8000 --access-logfile - --no-control-socket"

USER app
EXPOSE 8000
# workers, threads and timeout: config/gunicorn.py, which `make load` measures too
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
