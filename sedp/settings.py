"""Settings, read from the environment and failing loudly on bad values.

With no environment at all the app runs on SQLite in DEBUG mode, which is
what `make demo` and the tests want. Production sets DATABASE_URL (PostgreSQL),
SECRET_KEY, DEBUG=0 and ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
ROOT_DIR = BASE_DIR.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    if value.lower() in {"1", "true", "yes", "on"}:
        return True
    if value.lower() in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def env_int(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def env_list(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

# No django.contrib.admin: every change goes through a service that writes the event log.
INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "sedp.core",
    "sedp.territory",
    "sedp.accounts",
    "sedp.indicators",
    "sedp.cycles",
    "sedp.plans",
    "sedp.activities",
    "sedp.meetings",
    "sedp.directives",
    "sedp.groups",
    "sedp.documents",
    "sedp.fiveyear",
    "sedp.upper",
    "sedp.revisions",
    "sedp.targets",
    "sedp.consultation",
    "sedp.portal",
    "sedp.monitoring",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "sedp.core.middleware.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "sedp.urls"
WSGI_APPLICATION = "sedp.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "sedp.accounts.context_processors.current_memberships",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{ROOT_DIR / 'db.sqlite3'}",
        conn_max_age=env_int("CONN_MAX_AGE", 0),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "sedp.accounts.validators.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts-login"
LOGIN_REDIRECT_URL = "core-home"
LOGOUT_REDIRECT_URL = "accounts-login"

# Vietnamese is the default language; English is available through gettext.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", ROOT_DIR / "staticfiles"))
# Monitoring evidence files (served only by a scoped view, never as static files).
EVIDENCE_ROOT = Path(os.environ.get("EVIDENCE_ROOT", ROOT_DIR / "media" / "evidence"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "sedp@localhost")

# Import uploads above this size are refused before parsing.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 5 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Planning cycles: reminders N days before a deadline; escalation to the UBND above after M days.
CYCLES_REMIND_DAYS_BEFORE = env_int("CYCLES_REMIND_DAYS_BEFORE", 3)
CYCLES_ESCALATE_AFTER_DAYS = env_int("CYCLES_ESCALATE_AFTER_DAYS", 1)

# Background work (document renders, figure rebuilds): django-tasks. The database backend
# needs a worker (`manage.py db_worker`, started by `make demo`); TASKS_BACKEND=immediate
# runs each task inside the request instead (tests, or a one-process install).
TASKS_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
_tasks_backend = os.environ.get("TASKS_BACKEND", "database")
if _tasks_backend not in TASKS_BACKENDS:
    raise ImproperlyConfigured(f"TASKS_BACKEND must be one of {sorted(TASKS_BACKENDS)}")
TASKS = {"default": {"BACKEND": TASKS_BACKENDS[_tasks_backend]}}

# Generated documents (sedp.documents): where the files are kept, and LibreOffice's command for
# PDF copies (unset: looked up on PATH; empty: PDF disabled).
DOCUMENTS_ROOT = os.environ.get("DOCUMENTS_ROOT", str(ROOT_DIR / "var" / "documents"))
DOCUMENTS_SOFFICE = os.environ.get("DOCUMENTS_SOFFICE")
# Community consultation (public comments on the commune's draft): abuse limits.
CONSULTATION_COMMENT_MAX_CHARS = env_int("CONSULTATION_COMMENT_MAX_CHARS", 2000)
CONSULTATION_COMMENTS_PER_MINUTE = env_int("CONSULTATION_COMMENTS_PER_MINUTE", 5)
# Behind a reverse proxy every request comes from the proxy: name the header it sets with the
# client's address (e.g. HTTP_X_REAL_IP), or the per-address limit would count everyone at once.
CONSULTATION_CLIENT_ADDRESS_HEADER = os.environ.get("CONSULTATION_CLIENT_ADDRESS_HEADER", "")
