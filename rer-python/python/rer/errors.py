"""The exceptions rer raises for misuse of its API.

Resolves never raise: a failed or erroneous resolve is a ``SolveResult``
whose ``status`` says so. These are for calls that are wrong in themselves.
"""


class RerError(Exception):
    """The base of every exception rer raises."""


class InvalidOptionError(RerError, ValueError):
    """An option with a value rer does not accept."""


class UnsupportedOptionError(RerError, NotImplementedError):
    """An option this build of rer does not implement."""


class RezIntegrationError(RerError, RuntimeError):
    """rer's rez backend was asked for something it cannot give."""
