"""Admin menus for the article vocabulary snippets."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .admin_views import VocabularyViewSet
from .models import Condition, MedicalCenter, Person, TreatmentModality


class ConditionViewSet(VocabularyViewSet):
    model = Condition
    icon = "clipboard-list"
    list_display = ["name", "slug", "icd10_code"]
    search_fields = ["name"]


class TreatmentModalityViewSet(VocabularyViewSet):
    model = TreatmentModality
    icon = "pick"
    list_display = ["name", "slug", "schema_type"]
    search_fields = ["name", "synonyms"]


class MedicalCenterViewSet(VocabularyViewSet):
    model = MedicalCenter
    icon = "home"
    list_display = ["name", "city", "country", "accreditation"]
    list_filter = ["country"]
    search_fields = ["name", "city"]


class PersonViewSet(VocabularyViewSet):
    model = Person
    icon = "user"
    list_display = ["name", "credentials", "job_title"]
    search_fields = ["name"]


class MedicalVocabularyGroup(SnippetViewSetGroup):
    menu_label = _("Medical vocabulary")
    menu_icon = "folder-open-inverse"
    menu_order = 300
    items = (ConditionViewSet, TreatmentModalityViewSet, MedicalCenterViewSet, PersonViewSet)


register_snippet(MedicalVocabularyGroup)
