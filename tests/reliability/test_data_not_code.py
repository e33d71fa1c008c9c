"""Files and templates are data, never code.

- YAML tags that would run a command (``!!python/object/apply:os.system``…) are refused by
  every command that reads a file: check, audit, export, decide, a rule pack, a template
  folder's labels. The marker file the command would create never appears.
- What an applicant types is never rendered as a template: ``{{ 7*7 }}`` stays literally.
- A consultant's template runs in Jinja2's sandbox: escapes and file access are refused
  with exit 2 and one line naming the template and line.
- New application files are owner-only (0600), whatever the umask.
- Export never writes over the application itself, an application file, or an existing
  draft without ``--force``; ``sample -o`` and ``audit -o`` do not overwrite either.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import docx
import pytest

import gs_assistant
from gs_assistant.cli import main
from gs_assistant.export.docx import export_docx
from gs_assistant.export.errors import ExportError
from gs_assistant.model import Application, ApplicationFileError, load_application
from gs_assistant.model.files import save_application
from gs_assistant.paths import rules_dir, samples_dir, templates_dir
from gs_assistant.rules import default_pack

SAMPLE = samples_dir() / "sme_fs_vietnam.yaml"
TIMEOUT = 60

# YAML that would create the marker file if a loader ran it as code.
PAYLOADS = {
    "apply": "!!python/object/apply:os.system ['touch {marker}']",
    "new": "!!python/object/new:os.system ['touch {marker}']",
    "subprocess": "!!python/object/apply:subprocess.check_call [[touch, '{marker}']]",
    "name": "!!python/name:os.system",
    "module": "!!python/module:os",
    "object": "!!python/object:argparse.Namespace {{marker: '{marker}'}}",
}
# Where the payload sits in the file.
PLACES = {
    "value": "meta:\n  schema_version: 1\nlead:\n  name: {payload}\n",
    "document": "{payload}\n",
    "key": "meta:\n  schema_version: 1\n? {payload}\n: x\n",
    "list_item": "meta:\n  schema_version: 1\nco_applicants:\n- {payload}\n",
}


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def run_cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    """The real command line in a new process (a traceback or a hang would show)."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([sys.executable, "-m", "gs_assistant", *args], capture_output=True,
                          text=True, encoding="utf-8", timeout=TIMEOUT, cwd=cwd, env=env)


def one_line_naming(stderr: str, name: Path | str) -> str:
    lines = stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in stderr, stderr
    assert lines[0].startswith(f"gs-assistant: {name}"), lines[0]
    return lines[0]


def hostile_file(folder: Path, payload: str, place: str = "value") -> tuple[Path, Path]:
    marker = folder / f"PWNED_{payload}_{place}"
    text = PLACES[place].format(payload=PAYLOADS[payload].format(marker=marker))
    path = folder / f"{payload}_{place}.yaml"
    path.write_text(text, encoding="utf-8")
    return path, marker


# ---------------------------------------------------------------- YAML tags


@pytest.mark.parametrize("place", sorted(PLACES))
@pytest.mark.parametrize("payload", sorted(PAYLOADS))
def test_loading_never_runs_a_yaml_tag(tmp_path: Path, payload: str, place: str) -> None:
    path, marker = hostile_file(tmp_path, payload, place)
    with pytest.raises(ApplicationFileError) as info:
        load_application(path)
    assert str(info.value).startswith(f"{path}: ") and "\n" not in str(info.value)
    assert not marker.exists()


def test_no_command_runs_a_yaml_tag(tmp_path: Path) -> None:
    """check, audit, export and decide on the file; a rule pack and template labels with
    the tag. Each exits 2 with one line naming the file, and nothing runs."""
    app, marker = hostile_file(tmp_path, "apply")
    before = digest(app)
    pack = tmp_path / "pack"
    shutil.copytree(rules_dir() / "gs_r7_supplementary", pack)
    params = pack / "parameters.yaml"
    params.write_text(f"evil: {PAYLOADS['apply'].format(marker=marker)}\n"
                      + params.read_text(encoding="utf-8"), encoding="utf-8")
    templates = tmp_path / "templates"
    shutil.copytree(templates_dir(), templates)
    labels = templates / "labels.yaml"
    labels.write_text(f"evil: {PAYLOADS['apply'].format(marker=marker)}\n"
                      + labels.read_text(encoding="utf-8"), encoding="utf-8")
    out = tmp_path / "draft.docx"
    runs = {
        "check": (["check", str(app)], app),
        "audit": (["audit", str(app), "-o", str(tmp_path / "audit"), "--jobs", "1",
                   "--quiet"], app),
        "export": (["export", str(app), "-o", str(out)], app),
        "decide": (["decide", str(app), "TYP-2A", "--status", "met", "--reason", "x",
                    "--author", "y"], app),
        "pack": (["check", "sample:sme_fs_vietnam", "--pack", str(pack)], params),
        "labels": (["export", "sample:sme_fs_vietnam", "-o", str(out), "--template",
                    str(templates)], labels),
    }
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = dict(zip(runs, pool.map(lambda r: run_cli(*r[0]), runs.values()),
                           strict=True))
    for name, result in results.items():
        assert result.returncode == 2, (name, result.stderr)
        line = result.stderr.strip().splitlines()[-1]
        assert "Traceback" not in result.stderr, (name, result.stderr)
        assert line.startswith(f"gs-assistant: {runs[name][1]}"), (name, line)
    assert not marker.exists()
    assert not out.exists()
    assert digest(app) == before


def test_the_source_uses_only_safe_loaders_and_the_sandbox() -> None:
    """A guard for code added later: YAML through safe loaders only, templates only in
    the sandboxed environment, never built from a string, nothing evaluated or unpickled."""
    source = Path(gs_assistant.__file__).parent
    forbidden = re.compile(r"\b(unsafe_load|full_load|FullLoader|UnsafeLoader|yaml\.Loader|"
                           r"jinja2\.Environment|from_string|jinja2\.Template|eval|exec|"
                           r"pickle\.loads?|marshal)\b\s*[(,)]")
    loads = 0
    for path in sorted(source.rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not forbidden.search(text), f"{path}: {forbidden.search(text).group()}"
        if "yaml.load(" in text:
            loads += text.count("yaml.load(")
            assert "SafeLoader" in text, f"{path}: yaml.load without a safe loader"
        if "Environment(" in text:
            assert re.findall(r"\w*Environment\(", text) == ["SandboxedEnvironment("], path
    assert loads >= 3  # the application files, the rule packs, the template labels


# ---------------------------------------------------------------- user text is data

USER_TEMPLATES = ["{{ 7*7 }}", "{% include '/etc/passwd' %}", "{{ ''.__class__.__mro__ }}",
                  "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "{# 閉じない"]


def test_user_text_is_never_rendered_as_a_template(tmp_path: Path) -> None:
    data = {"lead": {"name": USER_TEMPLATES[0], "role": USER_TEMPLATES[3]},
            "content": {"title": USER_TEMPLATES[1], "summary": USER_TEMPLATES[2],
                        "activities": USER_TEMPLATES[4]},
            "local_partner": {"name": "{{ range(10**9)|list }}"}}
    app = tmp_path / "app.yaml"
    save_application(Application.model_validate(data), app)
    out = tmp_path / "draft.docx"
    assert main(["export", str(app), "-o", str(out)]) == 0
    doc = docx.Document(str(out))
    texts = [p.text for p in doc.paragraphs]
    texts += [c.text for t in doc.tables for row in t.rows for c in row.cells]
    everything = "\n".join(texts)
    for text in USER_TEMPLATES:
        assert text in everything, text
    assert [p.text for p in doc.paragraphs if p.style.name == "Title"] == [USER_TEMPLATES[1]]
    assert "root:" not in everything  # /etc/passwd was not read
    assert "<class" not in everything and "uid=" not in everything
    assert "\n49\n" not in f"\n{everything}\n"


# ---------------------------------------------------------------- consultant templates

ESCAPES = [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "{{ lipsum.__globals__['os'].system('touch MARKER') }}",
    "{{ self.__init__.__globals__ }}",
    "{{ ''|attr('__class__') }}",
    "{{ '{0.__class__}'.format('') }}",
    "{{ range(10**9)|list|length }}",
    "{% include '/etc/passwd' %}",
    "{% include '../../../../../../etc/passwd' %}",
    "{% import '/etc/hostname' as h %}",
    "{% extends '/etc/passwd' %}",
]


@pytest.mark.parametrize("text", ESCAPES)
def test_a_consultant_template_cannot_escape_the_sandbox(
        text: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    marker = tmp_path / "PWNED"
    folder = tmp_path / "templates"
    shutil.copytree(templates_dir(), folder)
    (folder / "proposal.md.j2").write_text(
        "# 事業計画書\n\n" + text.replace("MARKER", str(marker)) + "\n", encoding="utf-8")
    out = tmp_path / "draft.docx"
    code = main(["export", "sample:sme_fs_vietnam", "-o", str(out), "--template", str(folder)])
    err = capsys.readouterr().err
    assert code == 2
    one_line_naming(err, f"{folder / 'proposal.md.j2'}:3:")
    assert not marker.exists() and not out.exists()


@pytest.mark.parametrize("link", ["parts/01_summary.md.j2", "header.md.j2"])
def test_a_template_folder_cannot_link_to_files_outside(
        link: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A folder someone sent may hold a symbolic link to a private file: it is refused,
    never copied into the draft."""
    secret = tmp_path / "id_rsa"
    secret.write_text("PRIVATE KEY\n", encoding="utf-8")
    folder = tmp_path / "templates"
    shutil.copytree(templates_dir(), folder)
    (folder / link).unlink()
    (folder / link).symlink_to(secret)
    out = tmp_path / "draft.docx"
    code = main(["export", "sample:sme_fs_vietnam", "-o", str(out), "--template", str(folder)])
    line = one_line_naming(capsys.readouterr().err, folder)
    assert code == 2 and "フォルダの外" in line and "PRIVATE" not in line
    assert not out.exists()


# ---------------------------------------------------------------- owner-only files


@pytest.fixture
def open_umask():
    """The most permissive umask: new files would be world-writable if we relied on it."""
    old = os.umask(0)
    yield
    os.umask(old)


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_application_files_are_owner_only(tmp_path: Path, open_umask) -> None:
    app = load_application(SAMPLE)
    path = tmp_path / "new.yaml"
    save_application(app, path)
    assert mode(path) == 0o600
    save_application(app, path)  # the second save keeps a backup: owner-only too
    assert mode(path) == 0o600 and mode(tmp_path / "new.yaml.bak") == 0o600
    copy = tmp_path / "copy.yaml"
    assert main(["sample", "sme_fs_vietnam", "-o", str(copy)]) == 0
    assert mode(copy) == 0o600
    assert main(["comment", str(copy), "TYP-2A", "--author", "支援機関", "--text", "確認"]) == 0
    assert mode(copy) == 0o600 and mode(tmp_path / "copy.yaml.bak") == 0o600


# ---------------------------------------------------------------- no overwriting


@pytest.mark.parametrize("force", [False, True])
def test_export_never_writes_over_the_application(tmp_path: Path, force: bool,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    """The application itself, by any name: the same path, a detour, a symlink, a hard
    link; even with --force. And never over another application file (.yaml)."""
    app = tmp_path / "application.docx"  # the worst case: the application has the suffix
    shutil.copy(SAMPLE, app)
    (tmp_path / "sub").mkdir()
    (tmp_path / "link.docx").symlink_to(app)
    os.link(app, tmp_path / "hard.docx")
    other = tmp_path / "other.yaml"
    shutil.copy(SAMPLE, other)
    before, other_before = digest(app), digest(other)
    flag = ["--force"] if force else []
    for target in (app, tmp_path / "sub" / ".." / "application.docx", tmp_path / "link.docx",
                   tmp_path / "hard.docx"):
        assert main(["export", str(app), "-o", str(target), *flag]) == 2
        line = one_line_naming(capsys.readouterr().err, target)
        assert "申請ファイル自身" in line
    assert main(["export", str(app), "-o", str(other), *flag]) == 2
    assert ".docx" in one_line_naming(capsys.readouterr().err, other)
    assert digest(app) == before and digest(other) == other_before


def test_the_exporter_itself_writes_only_docx_files(tmp_path: Path) -> None:
    """What the wizard's export dialog calls: even a confirmed path that is the
    application's own file is refused, and the file is left as it was."""
    app_file = tmp_path / "申請.yaml"
    shutil.copy(SAMPLE, app_file)
    before = digest(app_file)
    with pytest.raises(ExportError, match=r"拡張子は \.docx"):
        export_docx(load_application(app_file), default_pack(), app_file)
    assert digest(app_file) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["申請.yaml"]


def test_no_command_overwrites_an_existing_output_without_force(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    draft = tmp_path / "draft.docx"
    draft.write_bytes(b"an earlier draft")
    copy = tmp_path / "mine.yaml"
    copy.write_text("meta:\n  schema_version: 1\n", encoding="utf-8")
    outdir = tmp_path / "audit"
    outdir.mkdir()
    (outdir / "notes.txt").write_text("consultant's notes", encoding="utf-8")
    kept = {p: digest(p) for p in (draft, copy, outdir / "notes.txt")}
    for args, name in ((["export", str(SAMPLE), "-o", str(draft)], draft),
                       (["sample", "sme_fs_vietnam", "-o", str(copy)], copy),
                       (["audit", str(SAMPLE), "-o", str(outdir), "--quiet"], outdir)):
        assert main(args) == 2
        assert "--force" in one_line_naming(capsys.readouterr().err, name)
    assert {p: digest(p) for p in kept} == kept
    assert sorted(p.name for p in outdir.iterdir()) == ["notes.txt"]
