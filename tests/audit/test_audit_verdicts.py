"""The summary's verdict for a file with unanswered items is 「未入力あり」, never
「不適合なし」; a broken YAML file is described in Japanese at the line that is wrong."""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from pathlib import Path

import pytest

from gs_assistant.model.files import ApplicationFileError, parse_yaml
from gs_assistant.paths import samples_dir

from .test_audit_outputs import run_cli


def test_an_incomplete_file_is_not_reported_as_fine(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    shutil.copy(samples_dir() / "sme_fs_vietnam.yaml", inbox / "complete.yaml")
    text = (samples_dir() / "sme_fs_vietnam.yaml").read_text(encoding="utf-8")
    (inbox / "incomplete.yaml").write_text(text.replace("\ncountry: VNM\n", "\n", 1),
                                           encoding="utf-8")
    out = tmp_path / "out"
    code, printed, errors = run_cli(["audit", str(inbox), "-o", str(out)])
    assert code == 0, printed + errors  # nothing 不適合 (exit status unchanged)
    rows = list(csv.reader(io.StringIO((out / "summary.csv").read_text(encoding="utf-8-sig"))))
    verdict = {Path(r[0]).name: r[1] for r in rows[1:]}
    assert verdict == {"complete.yaml": "不適合なし", "incomplete.yaml": "未入力あり"}
    files = json.loads((out / "summary.json").read_text(encoding="utf-8"))["files"]
    assert {Path(f["file"]).name: f["result"] for f in files} == {
        "complete.yaml": "ok", "incomplete.yaml": "missing"}


BROKEN = {
    # text, the line that is wrong, words the message must contain
    "lead:\n  name: \"東北工業\n  employees: 5\ncountry: VNM\n": (2, "引用符"),
    "lead:\n  name: 東北工業\n  employees 5\n  role: 統括\n": (3, "「:」"),
    "lead:\n  name: 東北工業\n   employees: 5\n": (3, "字下げ"),
    "lead:\n  name: 東北: 工業\n": (2, "「:」"),
    "lead:\n\tname: 東北工業\n": (2, "タブ"),
}


@pytest.mark.parametrize("text", BROKEN)
def test_yaml_errors_are_in_japanese_at_the_right_line(text: str) -> None:
    line, words = BROKEN[text]
    with pytest.raises(ApplicationFileError) as caught:
        parse_yaml(text, "申請.yaml")
    message = str(caught.value)
    assert f"{line}行目" in message, message
    assert words in message, message
    about = message.split(": ", 1)[1]  # after the file name
    assert not re.search(r"[A-Za-z]{4,}", about.replace("YAML", "")), message
