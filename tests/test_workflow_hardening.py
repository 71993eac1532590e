"""The workflows follow GitHub's security hardening guide for Actions.

Each test is one rule, checked over every workflow in .github/workflows/, so a
workflow added later is held to it too. tests/test_workflow.py checks what
each workflow does; this file checks what it is allowed to do.
"""

from __future__ import annotations

import re
import shlex
import sys
from pathlib import Path

import yaml

from conftest import REPO

WORKFLOWS = REPO / ".github" / "workflows"

# Owners whose actions are GitHub's own, trusted at a version tag. Any other
# action runs someone else's code with the job's token: it is pinned to a
# commit, which, unlike a tag, cannot be moved to other code.
TRUSTED_OWNERS = ("actions/", "github/")

# The write permissions each action needs; a job may hold a write permission
# only when one of its steps uses an action listed here with that scope.
WRITES_NEEDED = {
    # Publishes the uploaded site, proving who it is with an OIDC token.
    "actions/deploy-pages": {"pages", "id-token"},
    # Pushes the import branch and opens the pull request.
    "peter-evans/create-pull-request": {"contents", "pull-requests"},
}

# Jobs (workflow file, job id) whose own `run:` scripts push with git, and so
# need the token that actions/checkout leaves in .git/config. None: the one job
# that pushes, import.yml's, pushes through create-pull-request, which sets up
# its own token for the push and hides checkout's stored credentials while it
# runs (src/git-config-helper.ts, v8.1.1), so the checkout need not keep them.
JOBS_THAT_PUSH_WITH_GIT: set[tuple[str, str]] = set()


def workflow_files() -> list[Path]:
    files = sorted(WORKFLOWS.glob("*.yml")) + sorted(WORKFLOWS.glob("*.yaml"))
    assert files, f"no workflow in {WORKFLOWS}"
    return files


def jobs() -> list[tuple[str, str, dict]]:
    """(workflow file name, job id, job) of every job of every workflow, each
    with the permissions its token gets under "granted"."""
    found = []
    for path in workflow_files():
        flow = yaml.safe_load(path.read_text(encoding="utf-8"))
        for job_id, job in flow["jobs"].items():
            found.append((path.name, job_id, {**job, "granted": granted(flow, job)}))
    return found


def granted(flow: dict, job: dict) -> dict[str, str]:
    """scope -> read/write: the job's own permissions, else the workflow's,
    else the repository's default, which may be write on every scope."""
    scopes = job.get("permissions", flow.get("permissions", "write-all"))
    if scopes == "write-all":
        return {scope: "write" for scope in ("contents", "pages", "id-token", "pull-requests")}
    if scopes == "read-all":
        return {}
    return scopes


def action(step: dict) -> str:
    """owner/name of the step's action, without its version; "" for a `run:` step."""
    return step.get("uses", "").split("@")[0]


def uses_lines() -> list[tuple[str, str, str]]:
    """(file, what `uses:` names, the comment after it) of every `uses:` line.
    Read as text: YAML drops the comment that names a pin's version."""
    found = []
    pattern = re.compile(r"^\s*(?:-\s+)?uses:\s*['\"]?([^'\"\s#]+)['\"]?\s*(?:#\s*(.*))?$")
    for path in workflow_files():
        for line in path.read_text(encoding="utf-8").splitlines():
            match = pattern.match(line)
            if match:
                found.append((path.name, match.group(1), (match.group(2) or "").strip()))
    return found


def actions_in_yaml() -> list[tuple[str, str]]:
    """(file, what `uses:` names) of every step's action and reusable workflow."""
    found = []
    for name, _, job in jobs():
        if "uses" in job:  # a job that calls a reusable workflow
            found.append((name, job["uses"]))
        found += [(name, step["uses"]) for step in steps(job) if "uses" in step]
    return sorted(found)


def steps(job: dict) -> list[dict]:
    return job.get("steps", [])  # a job calling a reusable workflow has none


def test_third_party_actions_are_pinned_to_a_commit_with_their_version():
    lines = uses_lines()
    # The text scan must see every action YAML sees, or it could miss one.
    assert sorted((name, uses) for name, uses, _ in lines) == actions_in_yaml()
    unpinned = []
    for name, uses, comment in lines:
        if uses.startswith(TRUSTED_OWNERS) or uses.startswith(("./", "docker://")):
            continue
        ref = uses.partition("@")[2]
        # The comment says which release the commit is: for readers, and in the
        # form Dependabot updates along with the pin, should it be turned on.
        if not re.fullmatch(r"[0-9a-f]{40}", ref) or not re.match(r"v\d", comment):
            unpinned.append(f"{name}: {uses} # {comment}")
    assert not unpinned, ("pin to a full commit SHA with its version as a comment, "
                          f"`uses: owner/action@<40 hex> # v1.2.3`: {unpinned}")


def test_workflows_grant_nothing_by_default_and_each_job_names_its_permissions():
    for path in workflow_files():
        flow = yaml.safe_load(path.read_text(encoding="utf-8"))
        # Without `permissions:` the token gets the repository's default, which
        # may be write access to everything.
        assert flow.get("permissions") in ({}, {"contents": "read"}), \
            f"{path.name}: workflow-level permissions must be {{}} or contents: read"
    for name, job_id, job in jobs():
        assert "permissions" in job, f"{name}: job {job_id} must name its permissions"


def test_jobs_write_only_what_their_actions_need():
    for name, job_id, job in jobs():
        needed = set().union(*(WRITES_NEEDED.get(action(s), set()) for s in steps(job)))
        written = {scope for scope, level in job["granted"].items() if level == "write"}
        assert written <= needed, f"{name}: job {job_id} need not write {written - needed}"


def test_only_the_deploy_job_can_publish_to_pages():
    for path in workflow_files():
        flow = yaml.safe_load(path.read_text(encoding="utf-8"))
        scopes = flow.get("permissions") or {}
        assert isinstance(scopes, dict), f"{path.name}: permissions: {scopes}"
        assert not {"pages", "id-token"} & set(scopes), \
            f"{path.name}: pages and id-token at workflow level reach every job"
    for name, job_id, job in jobs():
        deploys = any(action(s) == "actions/deploy-pages" for s in steps(job))
        scopes = job["granted"]
        publishing = {s for s in ("pages", "id-token") if scopes.get(s) == "write"}
        if deploys:
            assert publishing == {"pages", "id-token"}, f"{name}: {job_id} cannot deploy"
        else:
            assert not publishing, f"{name}: job {job_id} runs no deploy-pages: {publishing}"


def test_checkouts_leave_no_token_in_the_repository():
    # actions/checkout writes the job's token into .git/config by default, where
    # every later step (the project's own code and its dependencies included)
    # can read it.
    kept = []
    for name, job_id, job in jobs():
        if (name, job_id) in JOBS_THAT_PUSH_WITH_GIT:
            continue
        for step in steps(job):
            if action(step) == "actions/checkout" and \
                    (step.get("with") or {}).get("persist-credentials") is not False:
                kept.append(f"{name}: job {job_id}")
    assert not kept, f"add `persist-credentials: false` to the checkout of: {kept}"


def test_run_scripts_take_expressions_through_env():
    # An expression in `run:` is pasted into the script before the shell reads
    # it: a branch name or pull request title (github.event.*) can then run
    # commands. Passed through env:, it stays one variable's value. No
    # expression at all is allowed, so that none has to be judged trusted.
    pasted = [f"{name}: job {job_id}: {step['run']!r}"
              for name, job_id, job in jobs() for step in steps(job)
              if "${{" in step.get("run", "")]
    assert not pasted, f"move the expressions into env: and use \"$VAR\": {pasted}"


def test_pip_installs_only_locked_hashed_packages():
    unlocked = []
    for name, job_id, job in jobs():
        for step in steps(job):
            for command in pip_installs(step.get("run", "")):
                if not installs_a_lock_with_hashes(command):
                    unlocked.append(f"{name}: job {job_id}: {command}")
    assert not unlocked, f"install with `pip install --require-hashes -r <lock>`: {unlocked}"


def pip_installs(script: str) -> list[str]:
    """Each `pip install …` command of a script, up to the end of its line or `&&`."""
    commands = re.split(r"\n|&&|;|\|\|", script.replace("\\\n", " "))
    return [c.strip() for c in commands if re.search(r"\bpip3?\s+install\b", c)]


def installs_a_lock_with_hashes(command: str) -> bool:
    """--require-hashes, and everything installed comes from `-r` lock files that exist."""
    words = shlex.split(command)
    after = words[words.index("install") + 1:]
    if "--require-hashes" not in after:
        return False
    locks = [word for flag, word in zip(after, after[1:]) if flag in ("-r", "--requirement")]
    named = [word for word in after if not word.startswith("-") and word not in locks]
    return bool(locks) and not named and all(
        lock.endswith(".lock") and (REPO / lock).is_file() for lock in locks)


# A workflow that breaks every rule above, as the workflows stood before them
# (and with an expression pasted into a script, which they never had).
BROKEN = """\
on: push
permissions:
  contents: write
  pages: write
  id-token: write
jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v6
      - run: python -m pip install -r requirements.txt
      - run: echo "${{ github.event.head_commit.message }}"
      - uses: peter-evans/create-pull-request@v8
"""

RULES = (test_third_party_actions_are_pinned_to_a_commit_with_their_version,
         test_workflows_grant_nothing_by_default_and_each_job_names_its_permissions,
         test_jobs_write_only_what_their_actions_need,
         test_only_the_deploy_job_can_publish_to_pages,
         test_checkouts_leave_no_token_in_the_repository,
         test_run_scripts_take_expressions_through_env,
         test_pip_installs_only_locked_hashed_packages)


def test_the_rules_catch_a_workflow_that_breaks_them(tmp_path, monkeypatch):
    """Proves the rules are real: each one fails on the broken workflow."""
    (tmp_path / "broken.yml").write_text(BROKEN, encoding="utf-8")
    monkeypatch.setattr(sys.modules[__name__], "WORKFLOWS", tmp_path)
    passed = []
    for rule in RULES:
        try:
            rule()
            passed.append(rule.__name__)
        except AssertionError:
            pass
    assert not passed, f"these rules let the broken workflow through: {passed}"
