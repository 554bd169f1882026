"""rez's exceptions and failure objects from rer's answer: rer's failure
text is rez's, so rez's ``FailureReason`` is read back from it, and a
resolve rez would raise for raises rez's exception."""

import re


def raise_rez_error(result, package_paths):
    """Raises what rez's solver raises for an answer rer marks as an error."""
    from rez.exceptions import (
        PackageFamilyNotFoundError,
        PackageNotFoundError,
        ResolveError,
    )

    kind = result.error_kind
    text = result.failure_description
    searched = "; ".join(package_paths)
    if kind == "unknown_family":
        m = re.match(r"package family not found: ([^,\s]+)(?:, was required by: (.*))?$", text)
        name, by = (m.group(1), m.group(2)) if m else (text, None)
        if by:
            raise PackageFamilyNotFoundError(
                "package family not found: %s, was required by: %s (searched: %s)"
                % (name, by, searched))
        raise PackageFamilyNotFoundError(
            "package family not found: %s (searched: %s)" % (name, searched))
    if kind == "no_matching_version":
        raise PackageNotFoundError(text)
    raise ResolveError(text)


_HEADS = ("The following package conflicts occurred: ",
          "A package was completely reduced: ",
          "A cyclic dependency was detected: ",
          "Solver failed with unknown reason.")


def callback_failure(description):
    """The reason a callback's ``fail`` put before a failure description
    (``"reason:\\ndescription"``, as rez writes it), or ``None``."""
    if description.startswith(_HEADS) or ":\n" not in description:
        return None
    return description.split(":\n", 1)[0]


def parse_failure(description):
    """rez's ``FailureReason`` for rer's failure description (rer's text is
    rez's, so it is rez's objects' ``str()``)."""
    from rez.solver import (
        Cycle,
        DependencyConflict,
        DependencyConflicts,
        Reduction,
        TotalReduction,
    )
    from rez.version import Requirement, Version, VersionedObject

    if callback_failure(description) is not None:
        description = description.split(":\n", 1)[1]
    conflicts = "The following package conflicts occurred: "
    reduced = "A package was completely reduced: "
    cycle = "A cyclic dependency was detected: "
    if description.startswith(conflicts):
        pairs = re.findall(r"\((.+?) <--!--> (.+?)\)(?: |$)", description[len(conflicts):])
        return DependencyConflicts(
            [DependencyConflict(Requirement(a), Requirement(b)) for a, b in pairs])
    if description.startswith(reduced):
        items = re.findall(
            r"\((\S+?)\[(\d*)\] \(dep\((.+?)\) <--!--> (.+?)\)\)(?: |$)",
            description[len(reduced):])
        reductions = []
        for qualified, index, dependency, conflicting in items:
            versioned = VersionedObject(qualified)
            reductions.append(Reduction(
                versioned.name, versioned.version,
                int(index) if index else None,
                Requirement(dependency), Requirement(conflicting)))
        return TotalReduction(reductions)
    if description.startswith(cycle):
        names = description[len(cycle):].split(" --> ")[:-1]
        return Cycle([VersionedObject(n) for n in names])
    return None
