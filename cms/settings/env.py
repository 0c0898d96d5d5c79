"""Typed readers of the environment for the settings.

A bad value stops start-up with a message that names the variable, the value and what was
expected ("API_STALE_IF_ERROR must be a whole number of seconds (0 or more), got 'abc'."),
instead of a bare ValueError from int() or a typo that silently means "off".

An empty value counts as unset: compose files and `VAR= command` write it for "not set".
"""

import math
import os
import re
import shlex
from email.utils import getaddresses, parseaddr

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = ("1", "true", "yes", "on")
FALSE_WORDS = ("0", "false", "no", "off")
# What DRF's SimpleRateThrottle parses: requests per second, minute, hour or day.
RATE = re.compile(r"\d+/(s|sec|second|m|min|minute|h|hour|d|day)")


def _raw(name):
    value = os.environ.get(name, "").strip()
    return value or None


def _bad(name, value, expected):
    return ImproperlyConfigured(f"{name} must be {expected}, got {value!r}.")


def _bounds(minimum, maximum):
    if minimum is not None and maximum is not None:
        return f" ({minimum} to {maximum})"
    if minimum is not None:
        return f" ({minimum} or more)"
    if maximum is not None:
        return f" ({maximum} or less)"
    return ""


def _in_bounds(number, minimum, maximum):
    return (minimum is None or number >= minimum) and (maximum is None or number <= maximum)


def env_str(name, default=""):
    """The text of `name`, or `default` when it is unset or empty."""
    value = _raw(name)
    return default if value is None else value


def _number(name, default, parse, noun, unit, minimum, maximum):
    value = _raw(name)
    if value is None:
        return default
    expected = f"{noun}{f' of {unit}' if unit else ''}{_bounds(minimum, maximum)}"
    try:
        number = parse(value)
    except ValueError:
        raise _bad(name, value, expected) from None
    if not math.isfinite(number) or not _in_bounds(number, minimum, maximum):
        raise _bad(name, value, expected)
    return number


def env_int(name, default, *, unit="", minimum=None, maximum=None):
    """A whole number; `unit` ("seconds", "bytes") only words the error message."""
    return _number(name, default, int, "a whole number", unit, minimum, maximum)


def env_float(name, default, *, unit="", minimum=None, maximum=None):
    """A finite decimal number (`5`, `2.5`)."""
    return _number(name, default, float, "a number", unit, minimum, maximum)


def env_bool(name, default=False):
    """On for 1/true/yes/on, off for 0/false/no/off (any case); anything else is an error."""
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE_WORDS:
        return True
    if value.lower() in FALSE_WORDS:
        return False
    raise _bad(name, value, f"one of {'/'.join(TRUE_WORDS)} (on) or {'/'.join(FALSE_WORDS)} (off)")


def env_list(name, default=""):
    """Comma-separated items, blanks dropped: `a, b,,c` is ["a", "b", "c"]."""
    return [item.strip() for item in env_str(name, default).split(",") if item.strip()]


def env_int_list(name, default, *, unit="", minimum=None):
    """Comma-separated whole numbers (`480,800,1200`)."""
    items = env_list(name, default)
    expected = f"comma-separated whole numbers{f' of {unit}' if unit else ''}{_bounds(minimum, None)}"
    try:
        numbers = [int(item) for item in items]
    except ValueError:
        raise _bad(name, env_str(name, default), expected) from None
    if not numbers or not all(_in_bounds(number, minimum, None) for number in numbers):
        raise _bad(name, env_str(name, default), expected)
    return numbers


def env_choice(name, default, choices):
    """One of `choices` (compared without regard to case; returned as spelled in `choices`)."""
    value = _raw(name)
    if value is None:
        return default
    for choice in choices:
        if value.lower() == choice.lower():
            return choice
    raise _bad(name, value, f"one of {', '.join(choices)}")


def env_rate(name, default):
    """An API rate limit: `N/s`, `N/min`, `N/hour`, `N/day`, or `off`."""
    value = env_str(name, default)
    if value.lower() == "off":
        return "off"
    if not RATE.fullmatch(value):
        raise _bad(name, value, "a rate such as 300/min (N/s, N/min, N/hour, N/day) or off")
    return value


def env_email(name, default):
    """One address, with or without a name: `cms@example.org`, `CMS <cms@example.org>`."""
    value = env_str(name, default)
    if "@" not in parseaddr(value)[1]:
        raise _bad(name, value, "an e-mail address such as 'CMS <cms@example.org>'")
    return value


def env_addresses(name, default=""):
    """(name, address) pairs, as ADMINS takes them, from `Ops <ops@example.org>, jo@example.org`.

    A name with a comma in it is quoted: `"Doe, Jo" <jo@example.org>`.
    """
    value = env_str(name, default)
    if not value:
        return []
    pairs = getaddresses([value])
    expected = "comma-separated e-mail addresses such as 'Ops <ops@example.org>, jo@example.org'"
    # getaddresses gives ("", "") for what it cannot read, and splits "a b@c" oddly: every
    # address must have one @ with text on both sides.
    if not pairs or any(not re.fullmatch(r"[^@\s]+@[^@\s]+", address) for _, address in pairs):
        raise _bad(name, value, expected)
    return [(display or address, address) for display, address in pairs]


def gunicorn_workers():
    """How many gunicorn workers the environment asks for: GUNICORN_CMD_ARGS' `--workers`/`-w`
    if it names one, else WEB_CONCURRENCY (gunicorn's default for `--workers`), else 1.

    A `--workers` given on gunicorn's command line is not visible here: production passes the
    worker count through the environment (README, Configuration).
    """
    args = shlex.split(env_str("GUNICORN_CMD_ARGS"))
    for index, arg in enumerate(args):
        if arg in ("-w", "--workers") and index + 1 < len(args):
            value = args[index + 1]
        elif arg.startswith("--workers="):
            value = arg.partition("=")[2]
        elif arg.startswith("-w") and len(arg) > 2:
            value = arg[2:]
        else:
            continue
        try:
            return max(1, int(value))
        except ValueError:
            raise _bad("GUNICORN_CMD_ARGS", value, "a whole number of workers after --workers") from None
    return env_int("WEB_CONCURRENCY", 1, unit="workers", minimum=1)


PER_PROCESS_CACHES = (
    "django.core.cache.backends.locmem.LocMemCache",
    "django.core.cache.backends.dummy.DummyCache",
)


def shared_cache_problem(caches, workers):
    """Why `caches` cannot serve `workers` processes, or None.

    Each worker would keep its own memory cache: an API answer replaced by a publish in one
    worker stays cached in the others, and rate-limit counts are per worker.
    """
    if workers <= 1:
        return None
    local = sorted(alias for alias, config in caches.items() if config.get("BACKEND") in PER_PROCESS_CACHES)
    if not local:
        return None
    return (
        f"{workers} gunicorn workers (WEB_CONCURRENCY or GUNICORN_CMD_ARGS) need a shared cache, but "
        f"CACHES {', '.join(repr(a) for a in local)} is not shared between processes: a publish in "
        "one worker would leave the others serving the old answer. Set REDIS_URL, or run one worker."
    )
