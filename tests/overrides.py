"""The settings every test runs with (tests/conftest.py applies them to each test; tests/fixtures/demo.py
also while it loads the demo once for a module)."""

from django.conf import settings


def suite_settings() -> dict:
    """Tasks run at once, a fast password hasher, static files without the manifest."""
    return {
        "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
        "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
        "STORAGES": {
            **settings.STORAGES,
            "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
        },
    }
