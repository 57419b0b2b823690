"""Agora's settings with the static files collected into the cluster's run directory, so that
a cluster run never writes into the checkout."""

import os

from forum.settings import *  # noqa: F403

STATIC_ROOT = os.environ["AGORA_CLUSTER_STATIC_ROOT"]
