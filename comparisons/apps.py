from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComparisonsConfig(AppConfig):
    name = "comparisons"
    verbose_name = _("比较")

    def ready(self) -> None:
        # disclosures sends it and never imports comparisons: the layers point one way
        from comparisons import pictures, summaries
        from disclosures.signals import published_changed

        published_changed.connect(summaries.published_changed, dispatch_uid="summaries")
        published_changed.connect(pictures.published_changed, dispatch_uid="pictures")
