"""The settings bin/bench runs with: the site's own (samenspel/settings.py, from the same environment)
plus the floor page's URLs. Used only by bin/bench, through DJANGO_SETTINGS_MODULE."""

from samenspel.settings import *  # noqa: F403 - the site's settings, with only ROOT_URLCONF changed below

ROOT_URLCONF = "samenspel.demo.bench.urls"
