"""The reader site, rendered on the server from the delivery API's payloads.

- `views`: home, section and article pages at their reader paths, cached like the API;
- `preview`: drafts through the same templates, behind a preview token;
- `payload`: the API endpoints driven for those payloads (snapshots, listing serializers);
- `head`, `body`, `pagination`: what the templates (site/templates/reader/) are given.
"""
