"""The workflows' `run:` steps, run here in order on a copy of the project.

What can run without GitHub runs for real: each `run:` command, with bash -e
as GitHub runs it, with CI=true and GITHUB_ACTIONS=true set, and RUNNER_TEMP
pointing at a temporary folder. What cannot is left out and named: the
`uses:` actions (checkout, setup-python, create-pull-request), the installs
(they need the network, and this environment has the packages already) and
the test suite (this test is part of it). For create-pull-request the test
checks what it would get: the changed files its `add-paths` takes, and the
report file its `body-path` names.

The story: an editor pushes a seed. The check workflow's build refuses it
(the Pages build would too); the import workflow writes the page and the
pull request's description; with that page merged, the check passes.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from test_github_import import SEED, TITLE  # one made-up seed for both

from conftest import REPO
from htmlpage import parse_page

WORKFLOWS = REPO / ".github" / "workflows"
PROJECT_FILES = ("build.py", "config.yaml", "requirements.txt", "requirements-dev.txt",
                 ".gitignore", ".gitattributes", "digest", "data", "templates", "content",
                 "seeds", ".github")
NOT_HERE = ("pip install", "npm install", "pytest")  # network, or this very suite



@dataclass
class Step:
    name: str
    outcome: str        # success, failure, skipped (its `if:` was false), not-here
    output: str = ""


def git(root: Path, *args: str) -> str:
    done = subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@example.org",
                           *args], cwd=root, capture_output=True, text=True, check=True)
    return done.stdout


@pytest.fixture
def repo(tmp_path) -> Path:
    """The project's files in a fresh git repository, as a checkout would give them."""
    root = tmp_path / "repo"
    root.mkdir()
    for name in PROJECT_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, root / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif source.is_file():
            shutil.copy2(source, root / name)
    git(root, "init", "-q")
    git(root, "add", "-A")
    git(root, "commit", "-qm", "main")
    return root


def condition_holds(condition: str, steps: dict[str, Step]) -> bool:
    """The one kind of `if:` these workflows use: steps.ID.outcome == 'failure'."""
    match = re.fullmatch(r"steps\.([\w-]+)\.outcome == '(\w+)'", condition.strip())
    assert match, f"this test does not know the condition {condition!r}: teach it"
    return steps[match.group(1)].outcome == match.group(2)


def run_workflow(name: str, root: Path, runner_temp: Path) -> list[Step]:
    """Each step of the workflow's one job, in order, as GitHub would run it."""
    flow = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    (job,) = flow["jobs"].values()
    env = {key: value for key, value in os.environ.items()
           if key not in ("CI", "GITHUB_ACTIONS", "PYTHONPATH")}
    env.update(CI="true", GITHUB_ACTIONS="true", RUNNER_TEMP=str(runner_temp),
               PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}")
    done: list[Step] = []
    by_id: dict[str, Step] = {}
    for spec in job["steps"]:
        step = Step(spec.get("name") or spec.get("uses", ""), "not-here")
        if "if" in spec and not condition_holds(spec["if"], by_id):
            step.outcome = "skipped"
        elif "run" in spec and not any(part in spec["run"] for part in NOT_HERE):
            assert "${{" not in spec["run"], "expressions belong in env:, not in run:"
            result = subprocess.run(["bash", "-e", "-c", spec["run"]], cwd=root,
                                    env={**env, **spec.get("env", {})},
                                    capture_output=True, text=True, timeout=300)
            step.output = result.stdout + result.stderr
            step.outcome = "success" if result.returncode == 0 else "failure"
        done.append(step)
        if "id" in spec:
            by_id[spec["id"]] = step
        if step.outcome == "failure" and not spec.get("continue-on-error"):
            break  # GitHub stops the job at a failed step
    return done


def outcome(steps: list[Step], name: str) -> Step:
    return next(s for s in steps if s.name == name)


def test_the_check_workflow_on_the_project_as_it_is(repo, tmp_path):
    steps = run_workflow("check.yml", repo, tmp_path)
    ran = [(s.name, s.outcome) for s in steps if s.outcome != "not-here"]
    assert ran == [("Install Pango for the yearly PDF editions (WeasyPrint), where missing",
                    "success"), ("Check the pages", "success"), ("Build the site", "success")]
    check = outcome(steps, "Check the pages").output
    assert not re.search(r"^::error", check, re.MULTILINE)
    assert re.search(r"^Checked \d+ page\(s\) in content/: 0 error\(s\)", check, re.MULTILINE)
    home = parse_page(repo / "site" / "index.html")
    assert home.lang == "vi" and home.heading_texts(1)


def test_a_pushed_seed_becomes_a_pull_request_then_passes_the_check(repo, tmp_path):
    (repo / "seeds" / "bn.txt").write_text(SEED, encoding="utf-8")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "an editor adds a seed")

    # 1. Checked before it is imported: the build refuses it, naming the seed and the command.
    steps = run_workflow("check.yml", repo, tmp_path)
    built = outcome(steps, "Build the site")
    assert built.outcome == "failure"
    assert "error: seeds/bn.txt: this seed has no page in content/" in built.output
    assert "`python build.py import`" in built.output
    assert steps[-1] is built  # nothing ran after the failure
    assert git(repo, "status", "--porcelain") == ""  # and nothing was imported

    # 2. The import workflow: the page, the ledger, and the pull request's description.
    steps = run_workflow("import.yml", repo, tmp_path)
    assert outcome(steps, "Import the new seeds").outcome == "success"
    assert outcome(steps, "Fail when a seed could not be imported").outcome == "skipped"
    changed = [line[3:] for line in git(repo, "status", "--porcelain",
                                        "--untracked-files=all").splitlines()]
    flow = yaml.safe_load((WORKFLOWS / "import.yml").read_text(encoding="utf-8"))
    pull = next(s for s in flow["jobs"]["import"]["steps"]
                if s.get("uses", "").startswith("peter-evans/create-pull-request@"))
    add_paths = pull["with"]["add-paths"].split()
    assert changed and all(any(path == p or path.startswith(p + "/") for p in add_paths)
                           for path in changed), changed
    assert "seeds/imported.list" in changed
    (page,) = [path for path in changed if path.startswith("content/")]
    assert "source: bn.txt" in (repo / page).read_text(encoding="utf-8")

    body_path = Path(pull["with"]["body-path"].replace("${{ runner.temp }}", str(tmp_path)))
    body = body_path.read_text(encoding="utf-8")
    lines = body.splitlines()
    before = len(list((REPO / "seeds").glob("*.txt")))  # the repository's, all imported
    assert lines[2] == (f"**Import: {before + 1} seed(s): 1 written, 0 updated, {before} "
                        "already imported, 0 edited page(s) kept, 0 skipped (page deleted), "
                        "0 failed.**")
    (item,) = [line for line in lines if line.startswith("- ")]
    assert item.startswith(f"- **bn.txt**: wrote {page} — date 2024-01-08")
    nested = [line for line in lines if line.startswith("  - ")]
    assert all(f"in {page}" in line for line in nested)  # per page: what is left to fill in

    # 3. The pull request merged: the check passes and the site has the page.
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "merge the import pull request")
    steps = run_workflow("check.yml", repo, tmp_path)
    assert outcome(steps, "Build the site").outcome == "success"
    province = parse_page(repo / "site" / "tinh" / "bac-ninh" / "index.html")
    assert province.heading_texts(1) == ["Bắc Ninh"] and TITLE in province.text

    # 4. Merging changed seeds/ again (the ledger): the import runs and has nothing to do.
    steps = run_workflow("import.yml", repo, tmp_path)
    assert outcome(steps, "Import the new seeds").outcome == "success"
    assert git(repo, "status", "--porcelain") == ""


def test_a_seed_that_cannot_be_imported_fails_the_import_run_after_the_pull_request(
        repo, tmp_path):
    (repo / "seeds" / "bn.txt").write_text(SEED, encoding="utf-8")
    (repo / "seeds" / "rong.txt").write_text("   \n", encoding="utf-8")
    steps = run_workflow("import.yml", repo, tmp_path)
    assert outcome(steps, "Import the new seeds").outcome == "failure"
    assert outcome(steps, "Open or update the pull request").outcome == "not-here"  # still runs
    last = outcome(steps, "Fail when a seed could not be imported")
    assert last.outcome == "failure" and "::error title=Import::" in last.output
    body = (tmp_path / "import-report.md").read_text(encoding="utf-8")
    assert "- **bn.txt**: wrote content/" in body
    assert "is empty — nothing to import" in body
