"""Helpers shared by the tests of the ``rer`` package."""

import os

import pytest


def write_repo(root, packages):
    """Writes a rez filesystem repository under ``root``.

    ``packages`` maps ``"name-version"`` (or ``"name"`` for an unversioned
    package) to the text of its ``package.py``, or to a dict of ``requires``,
    ``variants``, ``build_requires``, ``private_build_requires`` and
    ``timestamp`` rendered as literal assignments.
    """
    for qualified, body in packages.items():
        name, _, version = qualified.partition("-")
        folder = os.path.join(root, name, version) if version else os.path.join(root, name)
        os.makedirs(folder, exist_ok=True)
        if isinstance(body, dict):
            lines = ["name = %r" % name]
            if version:
                lines.append("version = %r" % version)
            for key in ("requires", "variants", "build_requires",
                        "private_build_requires", "timestamp"):
                if key in body:
                    lines.append("%s = %r" % (key, body[key]))
            body = "\n".join(lines) + "\n"
        with open(os.path.join(folder, "package.py"), "w") as f:
            f.write(body)
    return str(root)


@pytest.fixture
def repo(tmp_path):
    """A function writing a repository into a fresh temporary directory."""
    def make(packages, name="packages"):
        return write_repo(tmp_path / name, packages)
    return make


@pytest.fixture(autouse=True, scope="session")
def private_index(tmp_path_factory):
    """The repository index ``rer.Solver`` keeps by default, in a directory
    of the session's rather than the user's cache (rez processes the tests
    start inherit it)."""
    os.environ["RER_INDEX_DIR"] = str(tmp_path_factory.mktemp("rer-index"))
    os.environ.pop("RER_NO_INDEX", None)
