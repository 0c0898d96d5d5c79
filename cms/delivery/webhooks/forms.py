"""The admin form of a webhook endpoint: events and languages as checkboxes."""

from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.models import Locale

from ..models import WebhookEndpoint, WebhookEvent


class WebhookEndpointForm(WagtailAdminModelForm):
    # The model field's validators (scheme, private addresses) run when the form saves.
    url = forms.URLField(
        label=_("URL"),
        max_length=500,
        assume_scheme="https",
        help_text=WebhookEndpoint._meta.get_field("url").help_text,
    )
    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=WebhookEvent.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "'Translation published' fires, besides 'Page published', when a page in another "
            "language than the default is published and translates an existing page."
        ),
    )
    locales = forms.ModelMultipleChoiceField(
        label=_("Languages"),
        queryset=Locale.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only pages in these languages. Leave all unticked for every language."),
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["name", "url", "secret", "events", "locales", "active"]
