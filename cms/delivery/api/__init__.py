"""The read API (v2) endpoints frontends use, and the v3 wiring.

Endpoint classes live here; `cms/api.py` registers them on the project's routers.
"""
