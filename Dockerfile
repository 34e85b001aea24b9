# taiex: one image for the web server (gunicorn) and the tasks worker (manage.py run_worker).
# Build: docker build -t taiex .   Run: see compose.yaml and docs/deploy.md.

# --- build stage: the virtual environment from uv.lock, without the dev dependencies ---
FROM python:3.12-slim-bookworm AS build
# GNU gettext's msgfmt compiles the translation catalogues (locale/*/LC_MESSAGES/*.po) below.
RUN apt-get update && apt-get install -y --no-install-recommends gettext \
    && rm -rf /var/lib/apt/lists/*
COPY --from=ghcr.io/astral-sh/uv:0.9 /uv /usr/local/bin/uv
ENV UV_COMPILE_BYTECODE=1 UV_LINK_MODE=copy UV_PYTHON_DOWNLOADS=never
WORKDIR /app
COPY pyproject.toml uv.lock README.md ./
RUN uv sync --frozen --no-dev --no-install-project
COPY src ./src
COPY manage.py ./
RUN uv sync --frozen --no-dev \
    && /app/.venv/bin/python manage.py compilemessages --ignore .venv

# --- runtime stage: WeasyPrint's libraries, a non-root user, collected static files ---
FROM python:3.12-slim-bookworm AS runtime
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && groupadd --system --gid 10001 taiex \
    && useradd --system --uid 10001 --gid taiex --home-dir /app --shell /usr/sbin/nologin taiex
WORKDIR /app
COPY --from=build --chown=taiex:taiex /app /app
ENV PATH="/app/.venv/bin:$PATH" \
    PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=taiex.settings \
    TAIEX_VAR_DIR=/var/lib/taiex \
    TAIEX_STATIC_ROOT=/app/staticfiles
# collectstatic needs settings that load, not real secrets: a throw-away key for this step only.
RUN TAIEX_DEBUG=0 TAIEX_SECRET_KEY=collectstatic-only TAIEX_ALLOWED_HOSTS=build \
        TAIEX_FIELD_ENCRYPTION_KEY=collectstatic-only \
        python manage.py collectstatic --no-input \
    && mkdir -p /var/lib/taiex/private && chown -R taiex:taiex /var/lib/taiex /app/staticfiles
USER taiex
VOLUME ["/var/lib/taiex"]
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/healthz', timeout=4)"
CMD ["gunicorn", "taiex.wsgi:application", "--bind", "0.0.0.0:8000", "--workers", "4", \
     "--timeout", "60", "--access-logfile", "-", "--forwarded-allow-ips", "*"]
