"""The read API (v2) endpoints frontends use, and the v3 wiring.

Endpoint classes live here and are registered on the v2 router in v2.py; `cms/api.py` mounts
that router and Wagtail's v3 API (configured in v3.py) for cms/urls.py.
"""
