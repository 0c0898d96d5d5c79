from django.urls import path

from .api import page_preview

urlpatterns = [path("", page_preview, name="page_preview")]
