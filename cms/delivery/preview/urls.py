from django.urls import path

from .api import page_preview_view

urlpatterns = [path("", page_preview_view(), name="page_preview")]
