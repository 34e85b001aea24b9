"""Work the tasks worker does every few seconds beside its queue, registered by the apps that
own it, so that core imports none of them: `@periodic` adds a function; `run_periodic()` (from
`core.worker.ResilientWorker.maintain`) calls each in turn.

A function should be cheap when there is nothing to do (it runs every few seconds in every
worker). An error is logged and the others still run; a lost database connection is raised, so
that the worker reconnects."""

import logging

from django.db import InterfaceError, OperationalError

logger = logging.getLogger(__name__)

PERIODIC = []


def periodic(function):
    """Decorator: run `function()` in every worker's maintenance round."""
    PERIODIC.append(function)
    return function


def run_periodic():
    for function in PERIODIC:
        try:
            function()
        except (OperationalError, InterfaceError):
            raise
        except Exception:
            logger.exception("Periodic work %s failed.", function.__qualname__)
