from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo data and benchmark seeding, outside the runtime apps.

    Installed so that its management commands (seed_demo, demo_logins, seed_bench) keep their
    names; it has no models, URLs or templates, and no runtime app imports it.
    """

    name = "samenspel.demo"
    label = "demo"
