"""Which rez solves rer serves, and rez's settings in the form rer reads.

rez hands its solver live objects (a ``PackageFilterList``, a
``PackageOrderList``); rer reads rez's configuration format, which is what
those objects' ``to_pod()`` gives. A solve rer cannot take is given to rez's
own solver, and the reason is logged (``fallback_reason``).
"""

import json
import os

#: The verbosity from which rez prints its step-by-step trace (phases,
#: scopes, reductions), which rer's solver does not report.
STEP_TRACE_VERBOSITY = 3


def fallback_reason(package_paths, package_load_callback, verbosity):
    """Why this solve goes to rez's own solver before any setting is read,
    or ``None``.

    The cases: a ``package_load_callback`` of the caller's (rez calls it for
    each package its solve loads; rer loads other packages), a verbosity of
    3 or more (rez's step-by-step trace), and a package path naming a
    non-filesystem repository (``type@location``).
    """
    from rer.rez.solver import _context_load_counter

    if package_load_callback is not None and \
            _context_load_counter(package_load_callback) is None:
        return "package_load_callback"
    if verbosity and verbosity >= STEP_TRACE_VERBOSITY:
        return "verbosity %d (rez's step-by-step trace)" % verbosity
    for path in package_paths:
        if "@" in path and not os.path.isdir(path):
            return "repository type: %s" % path.split("@", 1)[0]
    return None


class Unservable(Exception):
    """A setting rer cannot take from rez: the solve goes to rez's solver,
    with this exception's text as the logged reason."""


def filter_pod(package_filter):
    """rez's ``package_filter`` argument as rez's configuration data
    (``None`` when it filters nothing)."""
    if not package_filter:
        return None
    try:
        return package_filter.to_pod()
    except Exception as e:  # a filter or rule class of the caller's
        raise Unservable("package_filter: no configuration form (%s: %s)"
                         % (type(e).__name__, e))


def orderers_pod(package_orderers, package_paths):
    """rez's ``package_orderers`` argument as rez's configuration data
    (``None`` when it orders nothing).

    rez's solver reads the configured ``package_orderers`` itself when it is
    given none, but for the families of the request only where it sorts
    variants, not where it sorts versions: that mix has no configuration
    form, so it is not served (``ResolvedContext`` always passes its list,
    so only ``rez.solver.Solver`` used directly meets it).
    """
    from rez.config import config
    from rez.package_order import to_pod

    if package_orderers is None:
        if config.package_orderers:
            raise Unservable("package_orderers: none given while some are "
                             "configured (rez then applies them to some "
                             "families only)")
        return None
    if not package_orderers:
        return None
    if not hasattr(package_orderers, "get"):
        raise Unservable("package_orderers: a %s, not rez's PackageOrderList"
                         % type(package_orderers).__name__)
    pods = []
    for orderer in package_orderers:
        if isinstance(orderer, dict):
            pods.append(orderer)
            continue
        try:
            pods.append(to_pod(orderer))
        except Exception as e:  # an orderer class of the caller's
            raise Unservable("package_orderers: %s has no configuration "
                             "form (%s: %s)" % (type(orderer).__name__,
                                                type(e).__name__, e))
    if '"soft_timestamp"' in json.dumps(pods) and \
            list(map(str, package_paths)) != list(config.packages_path):
        # rez's soft_timestamp reads timestamps from packages_path, not
        # from the solver's paths.
        raise Unservable("package_orderers: soft_timestamp with package "
                         "paths other than packages_path")
    return pods
