"""Factories: one module per app (tests/factories/<app>.py builds the models of samenspel/<app>)."""
