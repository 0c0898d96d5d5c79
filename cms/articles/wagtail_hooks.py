"""Admin menus for the article vocabulary snippets, and the *Import article* view."""

from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.staticfiles import versioned_static
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from .admin_views import VocabularyViewSet
from .choosers import ConditionChooserViewSet
from .import_views import ArticleImportView, import_permitted
from .models import Condition, MedicalCenter, Person, TreatmentModality


class ConditionViewSet(VocabularyViewSet):
    model = Condition
    chooser_viewset_class = ConditionChooserViewSet
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


@hooks.register("register_admin_urls")
def register_import_urls():
    return [path("articles/import/", ArticleImportView.as_view(), name="articles_import")]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return import_permitted(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("Import article"), reverse("articles_import"), icon_name="upload", order=250)


@hooks.register("insert_global_admin_css")
def editor_labels_css():
    """Labels next to the editor's icon-only add buttons and Preview toggle (static/articles/css)."""
    href = versioned_static("articles/css/editor-labels.css")
    return format_html('<link rel="stylesheet" href="{}">', href)
