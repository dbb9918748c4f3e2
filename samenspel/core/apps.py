from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "samenspel.core"
    label = "core"
    verbose_name = _("Core")

    def ready(self):
        from django.urls import register_converter

        from samenspel.lib.converters import IdConverter

        register_converter(IdConverter, "id")  # `<id:pk>` in every urls.py: bounded, so never a 500
