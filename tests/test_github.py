"""The GitHub files: workflows, issue forms and dependabot, linted offline.

check-jsonschema validates them against the schemas it ships (SchemaStore's);
the policy checks below add what a schema cannot say: actions pinned to a full
commit SHA with the version in a comment, minimal permissions, no
pull_request_target, superseded runs cancelled, and the site built by .ci/run.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import plan

GITHUB = plan.ROOT / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
ISSUE_FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
PINNED = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@[0-9a-f]{40} # v\d+(\.\d+)*$")


def lint(schema: str, *paths: Path) -> subprocess.CompletedProcess:
    command = [str(Path(sys.executable).parent / "check-jsonschema"), "--builtin-schema", schema, *map(str, paths)]
    return subprocess.run(command, capture_output=True, text=True)


def test_workflows_pass_the_linter():
    assert WORKFLOWS, "no workflow files"
    result = lint("vendor.github-workflows", *WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_linter_rejects_a_broken_workflow():
    result = lint("vendor.github-workflows", Path(__file__).parent / "data" / "broken-workflow.yml")
    assert result.returncode != 0
    assert "broken-workflow.yml" in result.stdout + result.stderr


def test_issue_forms_dependabot_and_issue_config_pass_the_linter():
    assert {p.stem for p in ISSUE_FORMS} == {"content-error", "broken-link", "resource-suggestion"}
    for schema, paths in (("vendor.github-issue-forms", ISSUE_FORMS),
                          ("vendor.dependabot", [GITHUB / "dependabot.yml"]),
                          ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"])):
        result = lint(schema, *paths)
        assert result.returncode == 0, result.stdout + result.stderr


def uses_lines(path: Path) -> list[str]:
    return [line.split("uses:", 1)[1].strip() for line in path.read_text().splitlines() if "uses:" in line]


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda p: p.name)
def test_workflow_policy(path):
    text = path.read_text(encoding="utf-8")
    workflow = yaml.safe_load(text)
    triggers = workflow[True]  # YAML 1.1 reads the key "on" as True
    assert "pull_request_target" not in triggers, "never run fork code with write tokens"
    assert workflow.get("permissions") == {"contents": "read"}, "read-only unless a job asks for more"
    assert "concurrency" in workflow
    for name, job in workflow["jobs"].items():
        assert "permissions" in job, f"job {name} must declare its permissions"
        assert "timeout-minutes" in job, f"job {name} needs a timeout"
    for action in uses_lines(path):
        assert PINNED.match(action), f"{action}: pin to a full commit SHA with '# vX.Y.Z'"


def test_site_workflow_runs_the_project_commands_and_deploys_only_main():
    workflow = yaml.safe_load((GITHUB / "workflows" / "site.yml").read_text())
    assert set(workflow[True]) == {"pull_request", "push", "workflow_dispatch"}
    steps = workflow["jobs"]["build"]["steps"]
    assert any(step.get("run") == "bash .ci/run" for step in steps)
    assert workflow["jobs"]["build"]["permissions"] == {"contents": "read"}
    deploy = workflow["jobs"]["deploy"]
    assert "refs/heads/main" in deploy["if"] and "push" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}


def test_dependabot_never_proposes_jupyter_book_2():
    config = yaml.safe_load((GITHUB / "dependabot.yml").read_text())
    ecosystems = {update["package-ecosystem"]: update for update in config["updates"]}
    assert {"github-actions", "pip", "npm"} <= set(ecosystems)
    ignored = {rule["dependency-name"]: rule.get("versions") for rule in ecosystems["pip"]["ignore"]}
    assert ignored["jupyter-book"] == [">=2"]


def test_pre_commit_config_is_valid_and_spelling_passes():
    bin_dir = Path(sys.executable).parent
    result = subprocess.run([str(bin_dir / "pre-commit"), "validate-config", ".pre-commit-config.yaml"],
                            cwd=plan.ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    spelling = subprocess.run([str(bin_dir / "codespell"), "book", "scripts", "tests", "README.md", "CONTRIBUTING.md"],
                              cwd=plan.ROOT, capture_output=True, text=True)
    assert spelling.returncode == 0, spelling.stdout
