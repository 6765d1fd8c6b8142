"""Settings of the tracker, read from the environment (one module for every deployment).

| variable | default | meaning |
|---|---|---|
| LUOSHI_DATA_DIR | ./var | where the SQLite database and uploaded files live |
| DATABASE_URL | sqlite:///$LUOSHI_DATA_DIR/luoshi.sqlite3 | e.g. postgres://user:pass@host:5432/luoshi |
| LUOSHI_SECRET_KEY | a key kept in $LUOSHI_DATA_DIR/secret.key (made on first use) | Django's SECRET_KEY |
| LUOSHI_DEBUG | 0 | 1 shows Django's debug pages (never in production) |
| LUOSHI_ALLOWED_HOSTS | 127.0.0.1,localhost | comma-separated host names |
| LUOSHI_MAX_UPLOAD_MB | 50 | largest report file accepted |
| LUOSHI_MAX_EVIDENCE_MB | 10 | largest evidence file accepted |
| LUOSHI_MAX_REPORT_CHARS | 1000000 | longest report text the web upload reads |
| LUOSHI_MAX_EXTRACTIONS | 2 | uploads read at once by all the server's processes; more: 503 |
| LUOSHI_SQLITE_TIMEOUT | 20 | seconds a write waits for SQLite's write lock before a 503 |
| LUOSHI_HTTPS | 0 | 1 behind a TLS proxy: HTTPS redirect, HSTS, secure cookies, X-Forwarded-Proto trusted |
| LUOSHI_HSTS_SECONDS | 31536000 | HSTS max-age with LUOSHI_HTTPS=1 |
| LUOSHI_CACHE_DIR | $LUOSHI_DATA_DIR/cache | where rendered dashboards, trees and department pages, and sessions, are cached; `off`: nowhere |
| LUOSHI_SITE_URL | http://127.0.0.1:8000 | the address the notices' emails link to |
| LUOSHI_EMAIL_HOST | (none: emails are printed on the console) | SMTP server of the notices' emails |
| LUOSHI_EMAIL_PORT | 587 | its port |
| LUOSHI_EMAIL_USER, LUOSHI_EMAIL_PASSWORD | (none) | its login |
| LUOSHI_EMAIL_SECURITY | starttls | starttls, ssl or none |
| LUOSHI_EMAIL_FROM | luoshi@localhost | the sender of the notices |
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("LUOSHI_DATA_DIR", Path.cwd() / "var")).resolve()


def _secret_key() -> str:
    if key := os.environ.get("LUOSHI_SECRET_KEY"):
        return key
    path = DATA_DIR / "secret.key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        path.chmod(0o600)
    return path.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("LUOSHI_DEBUG", "0") == "1"
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("LUOSHI_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "simple_history",
    "luoshi.core",
    "luoshi.web",
    "luoshi.api",
    "luoshi.supervision",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "luoshi.web.middleware.DatabaseBusy",
]

ROOT_URLCONF = "luoshi.urls"
WSGI_APPLICATION = "luoshi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
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

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'luoshi.sqlite3'}", conn_max_age=60,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Concurrent writers on SQLite (the web's threads and processes, the API, `luoshi import`):
    # WAL lets readers go on while one writes; every transaction takes the write lock when it
    # begins (BEGIN IMMEDIATE), so a writer that must wait waits (up to `timeout` seconds)
    # instead of failing at once, as a transaction that read first and then wanted to write
    # did (SQLite refuses that upgrade rather than deadlock). A wait that still runs out is a
    # 503 with Retry-After (luoshi.web.middleware.DatabaseBusy), never a 500.
    if DATABASES["default"]["NAME"] and DATABASES["default"]["NAME"] != ":memory:":
        Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)  # LUOSHI_DATA_DIR, new
    DATABASES["default"].setdefault("OPTIONS", {}).update({
        "timeout": float(os.environ.get("LUOSHI_SQLITE_TIMEOUT", "20")), "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    })

AUTH_USER_MODEL = "core.User"
AUTHENTICATION_BACKENDS = ["luoshi.core.backends.Backend"]  # Django's, with the user's government and department
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "web:home"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
# Rendered page bodies, keyed by the plan's revision (luoshi.web.bodies), and sessions (read
# on every request; written through to the database, which stays the record): directories
# every worker process of the server shares, a file per entry.
_CACHE_DIR = os.environ.get("LUOSHI_CACHE_DIR", str(DATA_DIR / "cache"))
CACHES: dict[str, dict[str, object]] = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
if _CACHE_DIR == "off":
    CACHES["pages"] = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
else:
    CACHES["pages"] = {"BACKEND": "luoshi.web.bodies.FileCache", "LOCATION": str(Path(_CACHE_DIR) / "pages"),
                       "TIMEOUT": 7 * 86400, "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4}}
    CACHES["sessions"] = {"BACKEND": "luoshi.web.bodies.FileCache", "LOCATION": str(Path(_CACHE_DIR) / "sessions"),
                          "OPTIONS": {"MAX_ENTRIES": 100_000, "CULL_FREQUENCY": 4}}
    SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    SESSION_CACHE_ALIAS = "sessions"

STATIC_ROOT = DATA_DIR / "static"
MEDIA_URL = "media/"
MEDIA_ROOT = DATA_DIR / "media"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

MAX_UPLOAD_BYTES = int(os.environ.get("LUOSHI_MAX_UPLOAD_MB", "50")) * 1024 * 1024
MAX_EVIDENCE_BYTES = int(os.environ.get("LUOSHI_MAX_EVIDENCE_MB", "10")) * 1024 * 1024
# An uploaded report is read within a budget (luoshi.web.limits): its text at most this many
# characters (the longest of the 89 reports of the corpus has some 28,000: 35 times that), and at
# most this many read at once by all the server's processes; `luoshi import` has no such limit.
MAX_REPORT_CHARS = int(os.environ.get("LUOSHI_MAX_REPORT_CHARS", "1000000"))
MAX_EXTRACTIONS = int(os.environ.get("LUOSHI_MAX_EXTRACTIONS", "2"))
EXTRACTION_LOCK_DIR = DATA_DIR / "locks"
EVIDENCE_EXTENSIONS = (".pdf", ".jpg", ".jpeg", ".png", ".docx", ".xlsx", ".doc", ".xls", ".txt", ".zip")
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 20_000  # the import preview posts about 6 fields per target
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

# Notices of ``luoshi remind`` (催办): Django's email framework; SMTP when a host is set, else
# each message is printed on the console (what ``remind`` would have sent).
LUOSHI_SITE_URL = os.environ.get("LUOSHI_SITE_URL", "http://127.0.0.1:8000")
DEFAULT_FROM_EMAIL = os.environ.get("LUOSHI_EMAIL_FROM", "luoshi@localhost")
if _EMAIL_HOST := os.environ.get("LUOSHI_EMAIL_HOST", ""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = _EMAIL_HOST
    EMAIL_PORT = int(os.environ.get("LUOSHI_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("LUOSHI_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("LUOSHI_EMAIL_PASSWORD", "")
    _SECURITY = os.environ.get("LUOSHI_EMAIL_SECURITY", "starttls")
    EMAIL_USE_TLS, EMAIL_USE_SSL = _SECURITY == "starttls", _SECURITY == "ssl"
    EMAIL_TIMEOUT = 30
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# Behind a TLS-terminating proxy (nginx, caddy) that sets X-Forwarded-Proto: LUOSHI_HTTPS=1
# redirects plain HTTP to HTTPS, sends HSTS, and keeps the session and CSRF cookies to HTTPS.
# The proxy must set (overwrite) the header on every request, or a client could claim HTTPS.
HTTPS = os.environ.get("LUOSHI_HTTPS", "0") == "1"
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("LUOSHI_HSTS_SECONDS", str(365 * 86400)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_PRELOAD = True
