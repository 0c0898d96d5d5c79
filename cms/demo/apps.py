from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demo content for `make demo`; nothing else depends on this app."""

    name = "cms.demo"
    label = "demo"
    verbose_name = "Demo content"
