"""Settings, read from the environment; `.env.example` lists every variable.

With nothing set, the site runs for one person on one machine, on the PostgreSQL and the
Redis that `make run` starts from the virtualenv with their data under var/
(config/embedded.py). Deployments set DATABASE_URL (PostgreSQL) and CELERY_BROKER_URL
(Redis), DEBUG=0 and a SECRET_KEY.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config import embedded


def env(name: str, default: str) -> str:
    # An empty value (`MEDIA_ROOT=` copied from .env.example) means "use the default".
    return os.getenv(name, "").strip() or default


def env_bool(name: str, default: bool) -> bool:
    return env(name, str(default)).lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in env(name, default).split(",") if item.strip()]


BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env("VAR_DIR", str(BASE_DIR / "var")))


# On by default so that `make run` works with no settings; the image and compose file set DEBUG=0.
DEBUG = env_bool("DEBUG", True)

SECRET_KEY = env("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-never-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")
# The site's public address, as readers type it: the credit line of a picture drawn when
# data are published (no reader's request to take it from) links there. It must be the
# address readers use, or the pictures drawn ahead are not the ones they ask for.
SITE_URL = env("SITE_URL", "http://127.0.0.1:8000")
# HTTPS: with DEBUG off the site assumes it is reached over HTTPS (redirects plain HTTP,
# sends HSTS, keeps its cookies to HTTPS), so `manage.py check --deploy` has nothing to warn
# about. PLAIN_HTTP=1 is for a deployment on a private network without TLS (docker compose
# on one machine); each part can also be set on its own.
PLAIN_HTTP = env_bool("PLAIN_HTTP", DEBUG)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not PLAIN_HTTP)
# Health checks ask over plain HTTP from inside the container.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", "0" if PLAIN_HTTP else "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", not PLAIN_HTTP)
# Only a header: a domain is on the browsers' preload list once its owner submits it.
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", not PLAIN_HTTP)
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", not PLAIN_HTTP)
# Proxies in front of the site (the compose file's nginx is one): the client's address is
# the one they add to X-Forwarded-For, and whether it came over HTTPS their
# X-Forwarded-Proto. With none, both headers are ignored: a client could forge them.
PROXY_COUNT = int(env("PROXY_COUNT", "0"))
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_filters",
    "django_tables2",
    "axes",
    "disclosures",
    "comparisons",
    "api",
    "ninja",  # its Swagger UI files, served from our static files (api/docs)
]

MIDDLEWARE = [
    # First, so static files and error pages get the Content-Security-Policy too.
    "config.security.SecurityHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Straight after SecurityMiddleware, as WhiteNoise asks, so static files skip the rest.
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.locale.ChosenLanguageMiddleware",  # Chinese unless the reader switched
    "django.middleware.common.CommonMiddleware",
    "config.errors.RefuseNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # inside CSRF and the language: a kept page gets the reader's token and language
    "config.pagecache.PublicPageCache",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it answers a locked-out login with its lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# One engine: PostgreSQL, the embedded one under var/ unless DATABASE_URL names another.
DATABASE_URL = env("DATABASE_URL", "") or embedded.postgres_url(VAR_DIR / "postgres")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL,
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# The interface is Chinese first, with English for readers whose browser asks for it.
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True
# The English catalogue: locale/en/LC_MESSAGES/django.po, compiled by `make test`, `make run`
# and the image build (manage.py compilemessages).
LOCALE_PATHS = [BASE_DIR / "locale"]

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
    # static/vendor/plotly.min.js, from the installed plotly package (config/staticfinders.py)
    "config.staticfinders.PlotlyFinder",
]
STATIC_ROOT = Path(env("STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# Uploaded originals are kept as evidence; web and worker must see the same folder.
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(VAR_DIR / "media")))

# Public pages drawn once for readers who are not logged in, kept in files that the web
# processes of one machine share, until something is published and for this many seconds
# at most (config/pagecache.py; 0: never kept); PAGE_CACHE_ENTRIES pages at most.
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "300"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": env("PAGE_CACHE_DIR", str(VAR_DIR / "pages")),
        "OPTIONS": {"MAX_ENTRIES": int(env("PAGE_CACHE_ENTRIES", "1000"))},
    },
}

# Pages refuse to be framed (config/security.py); only views marked `embeddable` may be.
X_FRAME_OPTIONS = "DENY"

# Login throttling (django-axes), on the site's login and the admin's alike: after
# AXES_FAILURE_LIMIT wrong passwords for one username from one address, that pair is refused
# (429) for AXES_COOLOFF_HOURS, even with the right password. Behind PROXY_COUNT front
# proxies the client's address is the one they add to X-Forwarded-For (config/security.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = float(env("AXES_COOLOFF_HOURS", "1"))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# No banner at every start, so that a management command's output is its own; lockouts
# are still logged as warnings.
AXES_VERBOSE = False
AXES_LOCKOUT_TEMPLATE = "disclosures/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "config.security.client_address"

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "upload"
LOGOUT_REDIRECT_URL = "home"

# Uploads are checked at the door (disclosures/intake.py) before anything is stored.
UPLOAD_MAX_FILE_MB = int(env("UPLOAD_MAX_FILE_MB", "50"))
UPLOAD_MAX_FILES = int(env("UPLOAD_MAX_FILES", "50"))  # per upload, zip entries counted
UPLOAD_MAX_ARCHIVE_MB = int(env("UPLOAD_MAX_ARCHIVE_MB", "300"))  # what a zip may inflate to
UPLOAD_MAX_RATIO = 100  # a zip entry inflating more than this is treated as a bomb
# A request larger than this is refused before any of it is stored (disclosures/uploads.py).
UPLOAD_MAX_REQUEST_MB = int(env("UPLOAD_MAX_REQUEST_MB", "300"))
DATA_UPLOAD_MAX_NUMBER_FILES = UPLOAD_MAX_FILES
FILE_UPLOAD_HANDLERS = [
    "disclosures.uploads.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# Parsing: the soft limit lets the task mark its document failed, the hard one (a minute
# later) stops a parse that ignores it. Attempts are counted before each one starts, so
# a file that kills the worker ends failed after the cap instead of looping.
PARSE_TIME_LIMIT = int(env("PARSE_TIME_LIMIT", "600"))
PARSE_MAX_ATTEMPTS = int(env("PARSE_MAX_ATTEMPTS", "3"))
# The parse runs in a child process capped at this much memory (and 90% of the time limit).
PARSE_MAX_MEMORY_MB = int(env("PARSE_MAX_MEMORY_MB", "1500"))
# A parsing worker notes that it is alive every PARSE_HEARTBEAT seconds; a document whose
# worker has been silent for PARSE_STALE_AFTER is taken to be lost with it, and the sweep
# (every PARSE_SWEEP_EVERY seconds) queues it again: a killed worker's file is parsed
# again within a couple of minutes.
PARSE_HEARTBEAT = float(env("PARSE_HEARTBEAT", "15"))
PARSE_STALE_AFTER = float(env("PARSE_STALE_AFTER", "90"))
PARSE_SWEEP_EVERY = int(env("PARSE_SWEEP_EVERY", "60"))
# The niceness the worker's pool processes add to their own (config/celery.py): with the
# site on the same cores, a page waits for a parse's time slice otherwise.
WORKER_NICE = int(env("WORKER_NICE", "19"))

# Celery reads the CELERY_* names (config/celery.py). The default broker is the embedded
# Redis that `make run` starts under var/; deployments set CELERY_BROKER_URL=redis://...
CELERY_BROKER_URL = env("CELERY_BROKER_URL", embedded.redis_broker_url(VAR_DIR / "redis"))
CELERY_TASK_SOFT_TIME_LIMIT = PARSE_TIME_LIMIT
CELERY_TASK_TIME_LIMIT = PARSE_TIME_LIMIT + 60
# Redis hands a task nobody acknowledged to another worker after this long. Longer than
# any task may run, so a slow parse is never started twice; the sweep covers the rest.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2 * CELERY_TASK_TIME_LIMIT}
CELERY_BEAT_SCHEDULE = {
    "documents-sweep": {
        "task": "disclosures.tasks.documents_sweep",
        "schedule": PARSE_SWEEP_EVERY,
    },
}
CELERY_BEAT_SCHEDULE_FILENAME = str(VAR_DIR / "celery" / "beat-schedule")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
}
