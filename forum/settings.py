"""Agora's one settings module, read from the environment (see README: Environment)."""

import datetime
import os
from datetime import timedelta
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()

DEBUG = env.bool("DJANGO_DEBUG", default=False)
# pytest (8.2 and later) sets PYTEST_VERSION for the whole run: the suite may use the
# development key and plain static storage without pretending to be DEBUG.
TESTING = "PYTEST_VERSION" in os.environ

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set it (50+ random characters) in production, "
            "or set DJANGO_DEBUG=1 for development."
        )
    SECRET_KEY = "django-insecure-development-only-never-use-in-production"

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS",
    default=["127.0.0.1", "localhost", "[::1]"] if (DEBUG or TESTING) else [],
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # modeltranslation must precede the admin to patch its forms.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "allauth",
    "allauth.account",
    # django_comments_xtd before django_comments, so that its templates win.
    "django_comments_xtd",
    "django_comments",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "moderation.apps.ModerationConfig",
    "forum.apps.ForumConfig",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "csp.middleware.CSPMiddleware",
    # Before any view reads a parameter; after the middleware that translate, know the user
    # and add security headers (why there: forum/inputs.py).
    "forum.inputs.RefuseNulMiddleware",
    "moderation.middleware.RateLimitMiddleware",
]

ROOT_URLCONF = "forum.urls"
WSGI_APPLICATION = "forum.wsgi.application"

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

# Unset DATABASE_URL means the embedded SQLite file that `make run` uses.
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'agora.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True
_POSTGRES = DATABASES["default"]["ENGINE"].startswith("django.db.backends.postgresql")
# A connection per request costs PostgreSQL a process and Agora a handshake (2.3x on the home
# page here): keep it for a minute, and check it before reuse so a restarted server costs one
# failed health check, not a failed request. SQLite opens a file; nothing to keep.
DATABASES["default"]["CONN_MAX_AGE"] = env.int(
    "DJANGO_CONN_MAX_AGE", default=60 if _POSTGRES else 0
)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if _POSTGRES and not env.bool("DJANGO_POSTGRES_JIT", default=False):
    # Agora's queries take milliseconds; JIT pays off only for long ones. After a bulk load,
    # before autovacuum's statistics, the planner overestimated home's query and spent 916 ms
    # of its 984 ms compiling it (bench/pages.py). Off unless asked for.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the task worker write to the same file: wait for the lock instead of
    # failing, and take it at the start of a transaction so two writers never deadlock.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://agora")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    # Shared by every app server and the task worker; an outage degrades to no cache
    # (forum/resilient_cache.py) within these timeouts, in seconds.
    CACHES["default"]["BACKEND"] = "forum.resilient_cache.ResilientRedisCache"
    CACHES["default"].setdefault("OPTIONS", {}).update(
        {
            "socket_connect_timeout": env.float("AGORA_CACHE_CONNECT_TIMEOUT", default=0.2),
            "socket_timeout": env.float("AGORA_CACHE_TIMEOUT", default=0.5),
            "retry_on_timeout": False,
        }
    )
    CACHES["default"].setdefault("KEY_PREFIX", "agora")
    # Sessions read from Redis and are kept in the database: a Redis restart signs nobody out.
    SESSION_ENGINE = "forum.accounts.sessions"

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="Agora <noreply@agora.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

AUTH_USER_MODEL = "forum.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "forum:home"

# Accounts (django-allauth): e-mail to sign in, a public pseudonym to be shown.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_PRESERVE_USERNAME_CASING = True
ACCOUNT_USERNAME_MIN_LENGTH = 2
ACCOUNT_USERNAME_BLACKLIST = ["admin", "administrator", "moderator", "agora", "관리자", "운영자"]
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Agora] "
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if (DEBUG or TESTING) else "https"
ACCOUNT_FORMS = {"signup": "forum.forms.SignupForm"}
# Pseudonyms in NFKC, unique by their comparison key (forum/accounts/).
ACCOUNT_ADAPTER = "forum.accounts.adapter.AccountAdapter"

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("ko", _("Korean"))]
LOCALE_PATHS = [BASE_DIR / "forum" / "locale"]
TIME_ZONE = env.str("TIME_ZONE", default="Asia/Seoul")
USE_I18N = True
# Dates read the same way on every page, in the reader's language (forum/formats/).
FORMAT_MODULE_PATH = ["forum.formats"]
USE_TZ = True

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# KRDS, the Korean government's design system, as npm installed it (`make setup` runs `npm ci`).
# Only the folders pages use are served. KRDS 1.1.0's component.css points its icons at
# `../../img/img/…`, one folder too deep; the second `img` prefix makes those addresses real
# without editing or copying the package. Its root is spelt differently on purpose: the
# finder keys its folders by root, and the same spelling twice would keep only one prefix.
KRDS = BASE_DIR / "node_modules" / "krds-uiux" / "resources"
STATICFILES_DIRS = [
    ("krds/css/token", KRDS / "css" / "token"),
    ("krds/css/common", KRDS / "css" / "common"),
    ("krds/css/component", KRDS / "css" / "component"),
    ("krds/img", KRDS / "img"),
    ("krds/img/img", KRDS / "img" / "component" / ".."),
    ("krds/fonts", KRDS / "fonts"),
]
# Files Agora writes (consultation exports) go through the default storage: a folder here, an
# object store in production (set DJANGO_MEDIA_ROOT, or swap the backend).
MEDIA_ROOT = env.path("DJANGO_MEDIA_ROOT", default=BASE_DIR / "media")
MEDIA_URL = "/media/"

STORAGES = {
    # Every app server and the task worker must see the same files: one folder on a shared
    # volume (DJANGO_MEDIA_ROOT), or an object store's backend named here (django-storages).
    "default": {
        "BACKEND": env.str(
            "AGORA_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage"
        ),
        "OPTIONS": env.json("AGORA_STORAGE_OPTIONS", default={}),
    },
    "staticfiles": {
        # Hashed names need `collectstatic`; development and tests serve from the apps.
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if (DEBUG or TESTING)
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Development and tests serve static files from the apps, without `collectstatic`.
WHITENOISE_USE_FINDERS = DEBUG or TESTING
WHITENOISE_AUTOREFRESH = DEBUG or TESTING

# Discussion: django-comments-xtd with Agora's reply model and form (forum/discussion/wiring.py).
SITE_ID = 1
COMMENTS_APP = "django_comments_xtd"
COMMENTS_XTD_MODEL = "forum.models.Reply"
COMMENTS_XTD_FORM_CLASS = "forum.discussion.forms.ReplyForm"
# Levels 0, 1 and 2: a reply to the position, an answer to it, and an answer to that.
COMMENTS_XTD_MAX_THREAD_LEVEL = 2
COMMENTS_XTD_CONFIRM_EMAIL = False
COMMENTS_XTD_DEFAULT_FOLLOWUP = False
# The signed reply form expires after this long; two hours (the default) is short for an argument.
COMMENTS_TIMEOUT = 24 * 60 * 60
COMMENTS_XTD_APP_MODEL_OPTIONS = {
    "default": {
        "who_can_post": "users",
        "allow_flagging": True,
        "allow_feedback": True,
        "show_feedback": True,
    },
}

# Background work (the opinion map) through Django's tasks API, stored in the database and
# run by `manage.py db_worker` (`make run` starts one). Tests run tasks at once.
TASKS = {
    "default": {
        "BACKEND": "django_tasks.backends.immediate.ImmediateBackend"
        if TESTING
        else "django_tasks_db.DatabaseBackend"
    }
}

# Where mail sent outside a request (moderation notices) points people to.
AGORA_SITE_URL = env.str("AGORA_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# How long an anonymous reader's page may keep vote and like tallies (forum/caching/pages.py):
# every other change reaches the next reader at once. 0 turns the page cache off.
AGORA_PAGE_CACHE_SECONDS = env.int("AGORA_PAGE_CACHE_SECONDS", default=10)

# The privacy policy (/privacy/): whom citizens write to about their personal data, and the
# date the policy as written took effect.
AGORA_PRIVACY_CONTACT = env.str("AGORA_PRIVACY_CONTACT", default="privacy@agora.example")
AGORA_PRIVACY_EFFECTIVE_DATE = datetime.date.fromisoformat(
    env.str("AGORA_PRIVACY_EFFECTIVE_DATE", default="2026-12-07")
)

# Trust and safety (moderation/). Screening rules hold content for review before it appears.
MODERATION_NEW_ACCOUNT_AGE = timedelta(
    hours=env.float("AGORA_HOLD_ACCOUNTS_YOUNGER_THAN_HOURS", default=0)
)
MODERATION_MIN_APPROVED = env.int("AGORA_HOLD_UNTIL_APPROVED_CONTRIBUTIONS", default=0)
MODERATION_MAX_LINKS = env.int("AGORA_HOLD_MORE_LINKS_THAN", default=3)
MODERATION_WATCHWORDS = tuple(env.list("AGORA_WATCHWORDS", default=[]))
# Open reports that hide an item until a moderator looks (Decidim's rule).
MODERATION_REPORT_THRESHOLD = env.int("AGORA_REPORT_THRESHOLD", default=3)
# (window in seconds, most new positions and replies in it); Discourse's defaults.
MODERATION_RATE_NEW_ACCOUNT_AGE = timedelta(days=1)
MODERATION_RATE_LIMITS = {
    "new": [(60, 2), (86_400, 10)],
    "established": [(60, 12)],
}

# The read API (/api/v1/, forum/api/): JSON only, read-only, session sign-in only (no basic
# auth: a password never travels in a header), per-client rate limits counted in the cache.
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["forum.api.permissions.ReadOnly"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_THROTTLE_CLASSES": [
        "forum.api.throttling.AnonymousClientThrottle",
        "forum.api.throttling.SignedInThrottle",
    ],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
# Requests per client (anonymous: per hashed address; signed in: per account).
AGORA_API_RATES = {
    "anon": env.str("AGORA_API_ANON_RATE", default="120/minute"),
    "user": env.str("AGORA_API_USER_RATE", default="600/minute"),
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Agora read API",
    "DESCRIPTION": "Read-only access to Agora's public consultations: topics and their "
    "stances, positions, replies, published summaries with their citations, and opinion "
    "maps. Cursor-paginated, filterable, with ETags; anonymous reads are rate-limited per "
    "client. Nothing of draft consultations, and no e-mail address, IP address or account id.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No badge from the public validator: the page loads nothing from elsewhere.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "ENUM_NAME_OVERRIDES": {
        "ContentStatusEnum": ["published", "held", "hidden", "removed"],
        "OpinionMapStatusEnum": ["ok", "not_enough_votes", "no_variation"],
    },
}

# Security. Production values are the defaults; `make run` turns them off with DJANGO_DEBUG=1.
_SECURE = not (DEBUG or TESTING)
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=_SECURE)
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31_536_000 if _SECURE else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
_BEHIND_TLS_PROXY = env.bool("DJANGO_BEHIND_TLS_PROXY", default=False)
if _BEHIND_TLS_PROXY:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# allauth limits failed sign-ins per client address. Behind the proxy every request comes from
# the proxy's address, so ten failures a minute from anyone would lock out everyone: read the
# client's address from X-Forwarded-For, as the address that many trusted proxies back from
# its right end (each proxy appends what it saw; what a client wrote stays on the left, never
# read), or from one header that the proxy sets. Off otherwise: a forged header is ignored.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int(
    "DJANGO_TRUSTED_PROXY_COUNT", default=1 if _BEHIND_TLS_PROXY else 0
)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("DJANGO_TRUSTED_CLIENT_IP_HEADER", default="") or None
SESSION_COOKIE_SECURE = _SECURE
CSRF_COOKIE_SECURE = _SECURE
SESSION_COOKIE_HTTPONLY = True
# Lax, not Strict: a link from a notification e-mail must arrive signed in. Django's cookie
# message storage ("messages") takes Secure, HttpOnly and SameSite from SESSION_COOKIE_*.
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
# The language switch's cookie; no script reads it.
LANGUAGE_COOKIE_SECURE = _SECURE
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Every script and style is a static file, so the policy can be strict.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("DJANGO_LOG_LEVEL", default="WARNING")},
}

if TESTING:
    # A deliberately slow hash is the point in production and only a cost in tests.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
