"""Publish, unpublish, delete and translation-publish webhooks: signed, queued, retried, logged."""
