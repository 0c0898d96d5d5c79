"""Create a condition from the article's condition chooser, as a draft that goes live through review.

Wagtail's chooser "Create" tab saves the new row as it comes, which for our reviewed vocabulary
would put an unreviewed condition live. Here it is saved as a draft revision instead (as the
snippet editor's *Save draft* does) and chosen at once; patients see it only once it is reviewed
and published. The slug is made from the name when left empty.
"""

from django import forms
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from wagtail.log_actions import log
from wagtail.models import Locale
from wagtail.snippets.views.chooser import SnippetChooserViewSet, SnippetCreateView

from .models import Condition


class DraftCreateView(SnippetCreateView):
    def save_form(self, form):
        instance = form.save(commit=False)
        instance.live = False
        instance.save()
        revision = instance.save_revision(user=self.request.user)
        log(instance=instance, action="wagtail.create", user=self.request.user, revision=revision)
        return instance


class ConditionCreationForm(forms.ModelForm):
    class Meta:
        model = Condition
        fields = ["name", "slug", "description", "icd10_code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Leave empty to make it from the name.")

    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("slug") and cleaned_data.get("name"):
            cleaned_data["slug"] = slugify(cleaned_data["name"])
        # New entries go in the default language (translations follow through wagtail-localize);
        # the form has no locale field, so Django's own unique check leaves (slug, locale) out.
        locale = Locale.get_default()
        if Condition.objects.filter(locale=locale, slug=cleaned_data.get("slug")).exists():
            self.add_error("slug", _("A condition with this slug already exists."))
        self.instance.locale = locale
        return cleaned_data


class ConditionChooserViewSet(SnippetChooserViewSet):
    create_view_class = DraftCreateView
    creation_form_class = ConditionCreationForm
    creation_tab_label = _("New condition")
    create_action_label = _("Create as a draft")
