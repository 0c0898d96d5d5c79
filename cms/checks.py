"""Deployment checks of the settings (`manage.py check --deploy`)."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

from cms.settings.env import gunicorn_workers, shared_cache_problem


@checks.register(checks.Tags.caches, deploy=True)
def shared_cache_check(app_configs=None, **kwargs):
    """Several gunicorn workers with a per-process cache fail the deployment check.

    cms.settings.production already refuses to start so; this checks the final settings, which a
    module built on production's (or any other) may have changed.
    """
    try:
        problem = shared_cache_problem(settings.CACHES, gunicorn_workers())
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="cms.E002")]
    if problem:
        return [
            checks.Error(
                problem,
                hint="REDIS_URL=redis://host:6379/0 gives every worker (and every app server) one cache.",
                id="cms.E001",
            )
        ]
    return []
