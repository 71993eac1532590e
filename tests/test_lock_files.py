"""The lock files stay in step with the requirements files.

requirements*.txt give ranges (what a person installs); requirements*.lock pin
every package, dependencies included, with hashes (what CI and Pages install
with `pip install --require-hashes`). A range changed without regenerating
its lock would leave CI testing something the range no longer allows, or
failing on a package the lock does not have: these tests catch that.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from conftest import REPO

# Each lock and the requirements file it is compiled from.
LOCKS = {"requirements.lock": "requirements.txt",
         "requirements-dev.lock": "requirements-dev.txt"}


def requirement_lines(path: Path) -> list[str]:
    """The requirements of a requirements file, following `-r` includes."""
    found = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            found += requirement_lines(path.parent / line[3:].strip())
        elif line:
            found.append(line)
    return found


def ranges(requirements_file: str) -> dict[str, Requirement]:
    """canonical name -> requirement, as the requirements file says."""
    return {canonicalize_name(r.name): r
            for r in map(Requirement, requirement_lines(REPO / requirements_file))}


def lock_entries(lock_file: str) -> list[str]:
    """The lock's entries, each one line: pip's `\\` continuations joined, comments dropped."""
    text = (REPO / lock_file).read_text(encoding="utf-8")
    lines = [line.split(" #", 1)[0] for line in text.replace("\\\n", " ").splitlines()
             if not line.lstrip().startswith("#")]
    return [" ".join(line.split()) for line in lines if line.strip()]


def pins(lock_file: str) -> dict[str, str]:
    """canonical name -> the exact version the lock pins."""
    found = {}
    for entry in lock_entries(lock_file):
        requirement = Requirement(entry.split(" --hash=")[0])
        (specifier,) = requirement.specifier  # one `==` and nothing else
        assert specifier.operator == "==", entry
        found[canonicalize_name(requirement.name)] = specifier.version
    return found


@pytest.mark.parametrize("lock_file", LOCKS)
def test_every_requirement_is_pinned_in_its_lock_within_its_range(lock_file):
    pinned = pins(lock_file)
    for name, requirement in ranges(LOCKS[lock_file]).items():
        assert name in pinned, f"{lock_file} does not pin {name}: regenerate it (README, Dependencies)"
        assert requirement.specifier.contains(pinned[name], prereleases=True), \
            f"{lock_file} pins {name}=={pinned[name]}, outside {requirement}: regenerate it"


@pytest.mark.parametrize("lock_file", LOCKS)
def test_every_pin_carries_a_hash(lock_file):
    # --require-hashes refuses the whole install when one entry has no hash,
    # and an entry without `==` could install a version nobody reviewed.
    entries = lock_entries(lock_file)
    assert entries
    for entry in entries:
        assert re.match(r"^[A-Za-z0-9._-]+(\[[^\]]*\])?==\S+ ", entry), entry
        assert re.search(r"--hash=sha256:[0-9a-f]{64}\b", entry), entry


@pytest.mark.parametrize("lock_file", LOCKS)
def test_lock_header_names_the_command_that_regenerates_it(lock_file):
    command = (f"pip-compile --generate-hashes --output-file={lock_file} "
               f"{LOCKS[lock_file]}")
    header = (REPO / lock_file).read_text(encoding="utf-8").split("\n\n")[0]
    assert re.search(rf"^#\s+{re.escape(command)}$", header, re.MULTILINE), header
    assert "with Python 3.11" in header  # the Python of the workflows
    # The README gives the same command, so a reader need not open the lock.
    assert command in (REPO / "README.md").read_text(encoding="utf-8")


def test_tests_run_with_the_versions_pages_publishes_with():
    """The dev lock pins each builder package at the runtime lock's version:
    the check then tests the builder that the Pages build installs."""
    runtime, dev = pins("requirements.lock"), pins("requirements-dev.lock")
    differ = {name: (version, dev.get(name)) for name, version in runtime.items()
              if dev.get(name) != version}
    assert not differ, f"regenerate both locks together: {differ}"
