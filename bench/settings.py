"""Settings of the page bench's gunicorn: the site's own, with a minimal view beside its pages
(bench/urls.py), so the ceiling runs through the same middleware, server and Python."""

from forum.settings import *  # noqa: F403 -- the site's settings, unchanged but for the URLs

ROOT_URLCONF = "bench.urls"
