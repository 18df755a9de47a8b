"""Settings for Ducha, read from the environment.

Every knob is an environment variable listed in .env.example. A variable with a
value we cannot read stops the start-up with a message naming it: a typo in a
deployment must not silently fall back to a default.
"""

import os
from pathlib import Path

import dj_database_url

from ducha.home import ensure_home, read_or_create_key

BASE_DIR = Path(__file__).resolve().parent.parent


def envbool(name: str, default: str = "False") -> bool:
    value = os.environ.get(name, default)
    if value in ("True", "true", "1", "yes"):
        return True
    if value in ("False", "false", "0", "no", ""):
        return False
    raise ValueError(f"{name} must be True or False, not {value!r}")


def envint(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name, "")
    if value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ValueError(f"{name} must be a whole number, not {value!r}") from None
    if number < minimum:
        raise ValueError(f"{name} must be at least {minimum}, not {number}")
    return number


DUCHA_HOME = ensure_home(Path(os.environ.get("DUCHA_HOME", BASE_DIR / "var")).resolve())
SECRET_KEY = os.environ.get("SECRET_KEY") or read_or_create_key(DUCHA_HOME / "secret.key", 50)
# 16 bytes for SM4, plus 32 for the HMAC used by blind indexes.
PII_KEY_FILE = DUCHA_HOME / "pii.key"

DEBUG = envbool("DUCHA_DEBUG")
ALLOWED_HOSTS = os.environ.get("ALLOWED_HOSTS", "127.0.0.1,localhost").split(",")
CSRF_TRUSTED_ORIGINS = [o for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    # before ducha.org: its failed-login receiver runs first and marks a locked-out request
    "axes",
    "csp",
    "django_tasks",
    "django_tasks_db",
    "ducha.org",
    "ducha.audit",
    "ducha.notifications",
    "ducha.inspections",
    "ducha.places",
    "ducha.complaints",
    "ducha.rectification",
    "ducha.supervision",
    "ducha.zoning",
    "ducha.enforcement",
    "ducha.dashboard",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "ducha.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ducha.middleware.SessionTimeoutMiddleware",
    "ducha.middleware.PasswordChangeRequiredMiddleware",
    "csp.middleware.CSPMiddleware",
    # last, as django-axes asks: it turns a locked-out sign-in into the lockout page
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "ducha.urls"
WSGI_APPLICATION = "ducha.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "ducha" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "ducha.org.context.navigation",
                "ducha.notifications.context.notifications",
            ],
        },
    },
]

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DUCHA_HOME / "ducha.sqlite3",
            "OPTIONS": {
                # WAL lets readers go on while one writer writes; IMMEDIATE takes the
                # write lock at BEGIN so two writers queue instead of failing mid-way.
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "org.User"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
PASSWORD_HASHERS = [
    # Argon2 first: bcrypt silently cuts passwords at 72 bytes (25 Chinese characters).
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out user or address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# --- accounts (等保2.0 三级: identification and authentication) ---------------------
PASSWORD_MIN_LENGTH = envint("DUCHA_PASSWORD_MIN_LENGTH", 10, minimum=8)
PASSWORD_HISTORY = envint("DUCHA_PASSWORD_HISTORY", 5, minimum=1)
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": PASSWORD_MIN_LENGTH},
    },
    {"NAME": "ducha.org.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
    {"NAME": "ducha.org.passwords.NotUsernameValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("username", "full_name", "email", "phone")},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    {"NAME": "ducha.org.passwords.PasswordHistoryValidator", "OPTIONS": {"count": PASSWORD_HISTORY}},
]

# Lockout (django-axes, database handler): a user name is locked after
# LOGIN_FAILURE_LIMIT failures, an address after LOGIN_ADDRESS_FAILURE_LIMIT (higher:
# a whole office may sit behind one NAT address), each for LOGIN_LOCKOUT_MINUTES.
# `manage.py axes_reset_username NAME` (or axes_reset_ip) unlocks early.
LOGIN_FAILURE_LIMIT = envint("DUCHA_LOGIN_FAILURE_LIMIT", 5, minimum=1)
LOGIN_ADDRESS_FAILURE_LIMIT = envint("DUCHA_LOGIN_ADDRESS_FAILURE_LIMIT", 20, minimum=1)
LOGIN_LOCKOUT_MINUTES = envint("DUCHA_LOGIN_LOCKOUT_MINUTES", 30, minimum=1)
AXES_HANDLER = "ducha.org.lockout.LockoutHandler"
AXES_FAILURE_LIMIT = LOGIN_FAILURE_LIMIT
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_COOLOFF_TIME = LOGIN_LOCKOUT_MINUTES / 60  # hours
AXES_RESET_ON_SUCCESS = True
# Attempts during a lockout are refused and audited but do not extend it, so nobody
# can keep another person locked out by guessing on.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "ducha.org.lockout.lockout_response"
AXES_VERBOSE = False  # our audit log records sign-ins; axes would log user names to stderr
AXES_ENABLE_ACCESS_FAILURE_LOG = False
AXES_DISABLE_ACCESS_LOG = True  # successful sign-ins are in the audit log

# Sessions: signed out after SESSION_IDLE_MINUTES without a request, and in any case
# SESSION_HOURS after signing in (ducha.middleware.SessionTimeoutMiddleware).
SESSION_IDLE_MINUTES = envint("DUCHA_SESSION_IDLE_MINUTES", 30, minimum=1)
SESSION_HOURS = envint("DUCHA_SESSION_HOURS", 8, minimum=1)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = SESSION_HOURS * 3600
SESSION_COOKIE_SAMESITE = "Lax"

# --- transport: HTTPS cookies, HSTS and the proxy in front ---------------------------
# Behind a TLS-terminating proxy set DUCHA_PROXY_COUNT to the number of proxies: the
# scheme is then read from X-Forwarded-Proto and the client address (for lockouts and
# the audit log) from X-Forwarded-For. Never set it without a proxy that overwrites
# those headers: a client could then claim any address.
PROXY_COUNT = envint("DUCHA_PROXY_COUNT", 0)
if PROXY_COUNT:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
    AXES_IPWARE_META_PRECEDENCE_ORDER = ("HTTP_X_FORWARDED_FOR", "REMOTE_ADDR")
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = envbool("DUCHA_SECURE_COOKIES")
SECURE_SSL_REDIRECT = envbool("DUCHA_SSL_REDIRECT")
SECURE_HSTS_SECONDS = envint("DUCHA_HSTS_SECONDS", 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("DUCHA_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = False
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if SECURE_HSTS_SECONDS and not (SESSION_COOKIE_SECURE or PROXY_COUNT or SECURE_SSL_REDIRECT):
    raise ValueError("DUCHA_HSTS_SECONDS is set but nothing says Ducha is served over HTTPS: set DUCHA_SECURE_COOKIES")

# Content-Security-Policy (django-csp): our own files only, no inline script or style,
# no eval. Scripts live in ducha/static and build/vendor; htmx is told not to inject its
# indicator <style> (base.html's htmx-config), whose rules are in ducha.css instead.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'none'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Shanghai")
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DUCHA_HOME / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# Front-end packages come from npm at set-up; `make install` copies only their dist
# files into build/vendor (see scripts/vendor.py), never a CDN at run time.
STATICFILES_DIRS = [BASE_DIR / "ducha" / "static", BASE_DIR / "build" / "vendor"]
MEDIA_ROOT = DUCHA_HOME / "files"
# Plain working copies of sealed files (for readers that need a path) and large uploads
# as they arrive: 0600, removed after use, outside DUCHA_HOME (see .env.example).
FILE_UPLOAD_TEMP_DIR = os.environ.get("DUCHA_TMP_DIR") or None
# Django's storage chmods what it saves (0644 by default): keep DUCHA_HOME private.
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Serve from the finders too, so a checkout works before collectstatic has run.
WHITENOISE_USE_FINDERS = True

# A reader of an uploaded file runs in a child process under these limits (ducha.core.sandbox):
# a file that needs more is refused as 文件无法读取, never a dead worker.
READER_MEMORY_MB = envint("DUCHA_READER_MEMORY_MB", 2048, minimum=256)
READER_SECONDS = envint("DUCHA_READER_SECONDS", 300, minimum=5)
# An import waits at most this long for another import of the same inspection (on SQLite:
# for any other writer) before it gives up with a message, nothing written.
IMPORT_WAIT_SECONDS = envint("DUCHA_IMPORT_WAIT_SECONDS", 600, minimum=1)
# The same wait inside a page request (a check, a small import): a browser or proxy gives up
# long before ten minutes, so the page says "try again later" sooner.
IMPORT_PAGE_WAIT_SECONDS = envint("DUCHA_IMPORT_PAGE_WAIT_SECONDS", 30, minimum=1)
# A background import whose worker has not beaten its heart for this long is taken for
# dead by `scan_import_jobs` (run it every few minutes): marked failed, ready to retry.
IMPORT_STALL_MINUTES = envint("DUCHA_IMPORT_STALL_MINUTES", 5, minimum=1)

TASKS = {"default": {"BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

# 签发: the roles whose members sign (签发) a 督办单 or 通报 before it leaves the office.
# The office names them: comma-separated role values (office, leader, supervisor, …).
_SIGNING = [r.strip() for r in os.environ.get("DUCHA_SIGNING_ROLES", "leader").split(",") if r.strip()]
_ROLES = {"admin", "office", "handler", "leader", "supervisor", "police", "procuratorate", "auditor"}
if not _SIGNING or set(_SIGNING) - _ROLES:
    raise ValueError(f"DUCHA_SIGNING_ROLES must name roles among {sorted(_ROLES)}, not {_SIGNING!r}")
DUCHA_SIGNING_ROLES = tuple(_SIGNING)

# Notifications also go out by e-mail only when SMTP is configured (off by default).
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = envint("EMAIL_PORT", 25, minimum=1)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = envbool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "ducha@localhost")
DUCHA_NOTIFY_BY_EMAIL = bool(EMAIL_HOST)
