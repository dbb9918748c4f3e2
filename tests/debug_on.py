"""Tests run with DEBUG on, as `make run` does (settings.py: off unless DEBUG=1 is set).

A pytest plugin, loaded by `-p tests.debug_on` in pyproject.toml's addopts: before pytest-django
imports the settings, which a conftest.py would be too late for. Tests that need production
settings start a subprocess with DEBUG=0 (tests/test_security.py).
"""

import os

os.environ["DEBUG"] = "1"
