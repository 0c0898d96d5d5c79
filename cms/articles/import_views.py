"""The admin's *Import article*: upload a file, check the parsed structure, then save a draft.

Step one parses the upload and applies the import rules without writing
(article_import_plan); the parsed article waits in the session under a
one-time token, so step two imports exactly what the editor saw, with the
rules and permissions checked again (article_import_parsed). The rules are
those of `manage.py import_article`: one place, cms.articles.services.
"""

import secrets

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic.edit import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.permission_policies.pages import PagePermissionPolicy

from .importer import EXTENSIONS, ArticleImportError, ParsedArticle, max_bytes, parse_document
from .models import ArticleIndexPage
from .services import article_import_parsed, article_import_plan, article_import_refusal

SESSION_KEY = "articles_import_pending"


def import_indexes(user):
    """The article indexes `user` may add articles under, in tree order."""
    pages = PagePermissionPolicy().instances_user_has_permission_for(user, "add")
    indexes = ArticleIndexPage.objects.filter(pk__in=pages.values("pk"))
    return indexes.select_related("locale").order_by("path")


def import_permitted(user):
    return import_indexes(user).exists()


class IndexChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.title} ({obj.locale.get_display_name()})"


class ArticleUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Article file"),
        help_text=_("A .txt, .md or .html file (UTF-8), or a Word document (.docx)."),
        widget=forms.ClearableFileInput(attrs={"accept": ",".join(EXTENSIONS)}),
    )
    parent = IndexChoiceField(
        label=_("Section"),
        queryset=ArticleIndexPage.objects.none(),
        empty_label=None,
        help_text=_("The article index the article goes under; its language is the article's."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = import_indexes(user)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():  # refused before it is read
            raise forms.ValidationError(
                gettext("%(name)s is too large (%(size)s; at most %(limit)s).")
                % {
                    "name": upload.name,
                    "size": filesizeformat(upload.size),
                    "limit": filesizeformat(max_bytes()),
                }
            )
        try:
            self.parsed = parse_document(upload.read(), upload.name)
        except ArticleImportError as error:
            raise forms.ValidationError(str(error)) from None
        return upload


class ArticleImportView(WagtailAdminTemplateMixin, FormView):
    """Upload (GET/POST), preview (the POST's answer), import (POST with the preview's token)."""

    form_class = ArticleUploadForm
    template_name = "articles/import_form.html"
    page_title = _("Import article")
    header_icon = "upload"

    def dispatch(self, request, *args, **kwargs):
        if not import_permitted(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_header_title()}]

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def post(self, request, *args, **kwargs):
        if "token" in request.POST:
            return self.confirm(request.POST["token"])
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        parent = form.cleaned_data["parent"]
        try:
            plan = article_import_plan(form.parsed, locale=parent.locale, parent=parent)
        except ArticleImportError as error:
            form.add_error("file", str(error))
            return self.form_invalid(form)
        if refusal := article_import_refusal(plan, self.request.user):
            form.add_error(None, refusal)
            return self.form_invalid(form)
        token = secrets.token_urlsafe(16)
        # One pending import per session: a new upload replaces the previous preview.
        self.request.session[SESSION_KEY] = {
            "token": token,
            "parent": parent.pk,
            "file_name": form.cleaned_data["file"].name,
            "parsed": form.parsed.as_data(),
        }
        context = self.get_context_data(form=form, plan=plan, token=token)
        context["file_name"] = form.cleaned_data["file"].name
        return self.response_class(
            request=self.request, template=["articles/import_preview.html"], context=context
        )

    def confirm(self, token):
        pending = self.request.session.get(SESSION_KEY)
        if not pending or not secrets.compare_digest(str(pending.get("token")), str(token)):
            messages.error(self.request, gettext("This preview has expired: upload the file again."))
            return redirect("articles_import")
        parent = import_indexes(self.request.user).filter(pk=pending["parent"]).first()
        if parent is None:
            messages.error(self.request, gettext("You can no longer add articles to that section."))
            return redirect("articles_import")
        try:
            result = article_import_parsed(
                ParsedArticle.from_data(pending["parsed"]),
                locale=parent.locale,
                parent=parent,
                user=self.request.user,
                check_permissions=True,
            )
        except ArticleImportError as error:
            messages.error(self.request, gettext("Nothing was saved: %(error)s") % {"error": error})
            return redirect("articles_import")
        del self.request.session[SESSION_KEY]
        if result.created:
            message = gettext("Draft created: “%(title)s”.")
        else:
            message = gettext("Draft updated: “%(title)s” has a new revision.")
        messages.success(
            self.request,
            (message % {"title": result.page.title}) + " " + gettext("Check it, then submit it for review."),
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[result.page.pk]))
