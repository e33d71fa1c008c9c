"""Exported drafts of the bundled samples (made once per test session) and readers."""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
from export_helpers import TODAY

from gs_assistant.export.docx import export_docx
from gs_assistant.model import load_application
from gs_assistant.paths import samples_dir, templates_dir
from gs_assistant.rules import default_pack

SAMPLES = ("large_demo_india", "sme_fs_vietnam")


@pytest.fixture(scope="session")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Both samples exported with the bundled templates: name → .docx path."""
    folder = tmp_path_factory.mktemp("exported")
    pack = default_pack()
    return {
        name: export_docx(load_application(samples_dir() / f"{name}.yaml"), pack,
                          folder / f"{name}.docx", today=TODAY)
        for name in SAMPLES
    }


@pytest.fixture(scope="session")
def large_doc(exported):
    return docx.Document(str(exported["large_demo_india"]))


@pytest.fixture(scope="session")
def small_doc(exported):
    return docx.Document(str(exported["sme_fs_vietnam"]))


@pytest.fixture
def template_copy(tmp_path: Path) -> Path:
    """A consultant's editable copy of doc_templates/."""
    target = tmp_path / "my_templates"
    shutil.copytree(templates_dir(), target)
    return target
