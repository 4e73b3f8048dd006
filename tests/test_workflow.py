"""The reusable GitHub workflow installs this tool, at the ref the caller names, not the caller's repository;
its documented `uses:` example fits its inputs; and its install and check steps run as written."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import venv

import pytest
import yaml

from .conftest import ROOT, SHIPPED

WORKFLOW = ROOT / ".github" / "workflows" / "validate-contacts.yml"
DOC = ROOT / "docs" / "ci.md"
#: Contexts that, inside a called workflow, describe the caller's repository rather than this tool's.
CALLERS_CONTEXT = re.compile(r"github\.(repository|sha|ref|workflow_sha|workflow_ref)\b")


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def triggers(workflow: dict) -> dict:
    """The `on:` mapping (YAML 1.1 reads the bare key `on` as true)."""
    return workflow.get("on", workflow.get(True))


def steps(workflow: dict) -> list[dict]:
    (job,) = workflow["jobs"].values()
    return job["steps"]


def test_callers_name_the_tool_and_its_ref(workflow):
    inputs = triggers(workflow)["workflow_call"]["inputs"]
    assert inputs["tool-repository"]["required"] is True
    assert inputs["tool-ref"]["default"] == "main" and inputs["tool-ref"]["type"] == "string"


def test_the_tool_is_checked_out_from_the_inputs_never_from_the_callers_context(workflow):
    checkouts = [s for s in steps(workflow) if s.get("uses", "").startswith("actions/checkout@")]
    tool = next(s for s in checkouts if s.get("with", {}).get("path"))
    assert tool["with"]["repository"] == "${{ inputs.tool-repository }}"
    assert tool["with"]["ref"] == "${{ inputs.tool-ref }}"
    install = next(s for s in steps(workflow) if "pip install" in s.get("run", ""))
    assert tool["with"]["path"] in install["env"]["TOOL"] and "inputs.tool-repository" in install["env"]["TOOL"]
    assert '-r "$TOOL/requirements/serve.lock"' in install["run"]  # the versions the tool was tested with
    for step in steps(workflow):
        assert not CALLERS_CONTEXT.search(yaml.safe_dump(step)), step


def test_the_documented_example_fits_the_inputs(workflow):
    examples = re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)
    callers = [yaml.safe_load(text) for text in examples if "uses:" in text and "validate-contacts.yml@" in text]
    assert callers, "docs/ci.md has no `uses:` example"
    inputs = triggers(workflow)["workflow_call"]["inputs"]
    for caller in callers:
        for job in caller["jobs"].values():
            repository, ref = re.fullmatch(r"([^/]+/[^/]+)/\.github/workflows/validate-contacts\.yml@(.+)", job["uses"]).groups()
            assert set(job["with"]) <= set(inputs)
            required = {name for name, spec in inputs.items() if spec.get("required")}
            assert required <= set(job["with"])
            assert job["with"]["tool-repository"] == repository and job["with"]["tool-ref"] == ref


@pytest.mark.slow
def test_install_and_check_steps_run_as_written_for_a_caller(workflow, tmp_path):
    """The steps' shell, run with bash in a caller's checkout where the tool was checked out beside it."""
    caller = tmp_path / "caller"
    tool = caller / ".contacts-tool"
    shutil.copytree(SHIPPED.parent, caller / "data")
    (caller / "data" / "other").mkdir()
    (caller / "data" / "other" / "contacts.yaml").write_text(
        "contacts:\n  - id: bo-ek\n    name: Bo Ek\n    emails: [bo.ek@umea.se]\n", encoding="utf-8"
    )
    tracked = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, text=True, check=True)
    for name in filter(None, tracked.stdout.split("\0")):
        if (ROOT / name).is_file():
            (tool / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, tool / name)
    python = tmp_path / "python"
    venv.create(python, with_pip=True)  # what actions/setup-python gives: a `python` with pip on PATH
    env = {**os.environ, "PATH": f"{python / 'bin'}{os.pathsep}{os.environ['PATH']}", "TOOL": ".contacts-tool",
           "FILES": "data/contacts.yaml data/other/contacts.yaml", "STRICT": ""}
    env.pop("CONTACTS_FILE", None)
    outputs = []
    for step in steps(workflow):
        if "run" in step:
            done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=caller, env=env, capture_output=True,
                                  text=True, timeout=900)
            assert done.returncode == 0, (step["name"], done.stdout, done.stderr)
            outputs.append(done.stdout + done.stderr)
    installed = subprocess.run([python / "bin" / "python", "-c", "import contacts_app; print(contacts_app.__file__)"],
                               cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert str(python) in installed  # installed from the tool's checkout, not run from this one
    validate, fmt = outputs[1:]
    assert "::warning file=data/contacts.yaml,line=" in validate
    assert "data/other/contacts.yaml: 0 error(s), 0 warning(s); 1 contact(s) valid" in validate
    assert "data/contacts.yaml is in canonical form" in fmt and "data/other/contacts.yaml is in canonical form" in fmt
