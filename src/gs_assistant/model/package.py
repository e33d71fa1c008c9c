"""The submission package in the application file: the state of each document.

Which documents an application needs is the rule pack's (``package.yaml``); the file keeps
what the applicant has done about each: its state (未着手 / 準備中 / 準備済 / 不要), an
optional path to the file, relative to the application file, and a note. Documents are
keyed by the pack's document id, with ``@lead`` / ``@co1`` … / ``@partner`` for the
documents each member provides (``financial_statements@co1``).
"""

# Annotations here are objects, not text (no ``from __future__ import annotations``): pydantic
# would otherwise compile each field's annotation from its text when the classes are made.

import re
from enum import StrEnum
from pathlib import PurePosixPath, PureWindowsPath
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from gs_assistant.model.types import Text, new_dict
from gs_assistant.parsing.errors import InputError

DOC_KEY = re.compile(r"^[a-z][a-z0-9_]*(@(lead|partner|co[1-9][0-9]*))?$")


class DocState(StrEnum):
    not_started = "not_started"  # 未着手
    in_progress = "in_progress"  # 準備中
    ready = "ready"  # 準備済
    not_needed = "not_needed"  # 不要

    def label(self, lang: str = "ja") -> str:
        return DOC_STATE_LABELS[self][0 if lang == "ja" else 1]


DOC_STATE_LABELS = {
    DocState.not_started: ("未着手", "not started"),
    DocState.in_progress: ("準備中", "in progress"),
    DocState.ready: ("準備済", "ready"),
    DocState.not_needed: ("不要", "not needed"),
}
_BY_JA = {ja: state for state, (ja, _) in DOC_STATE_LABELS.items()}


def _state(value: Any) -> Any:
    """未着手 / 準備中 / 準備済 / 不要 are read as their keys."""
    if isinstance(value, str):
        return _BY_JA.get(value.strip(), value.strip())
    return value


def _relative_path(value: str) -> str:
    """A path relative to the application file: never absolute, never a drive."""
    if not value:
        return value
    if PurePosixPath(value).is_absolute() or PureWindowsPath(value).is_absolute() \
            or PureWindowsPath(value).drive:
        raise InputError("申請ファイルからの相対パスで書いてください",
                         "the path must be relative to the application file")
    return value


class Document(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    state: Annotated[DocState, BeforeValidator(_state)] = DocState.not_started
    path: Text = ""
    note: Text = ""

    @field_validator("path")
    @classmethod
    def _path(cls, value: str) -> str:
        return _relative_path(value)


class Package(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    documents: dict[str, Document] = Field(default_factory=new_dict)

    @field_validator("documents")
    @classmethod
    def _keys(cls, value: dict[str, Document]) -> dict[str, Document]:
        for key in value:
            if not DOC_KEY.match(key):
                raise InputError(f"{key!r} は書類のキーではありません（例: business_plan、"
                                 "financial_statements@co1）",
                                 f"{key!r} is not a document key (e.g. business_plan, "
                                 "financial_statements@co1)")
        return value

    def co_applicant_removed(self, number: int) -> None:
        """Co-applicant ``number`` (1 = the first) left the list: its documents go, and the
        documents of the co-applicants after it follow them to their new numbers."""
        moved: dict[str, Document] = {}
        for key, entry in self.documents.items():
            doc_id, _, who = key.partition("@")
            if who.startswith("co") and who[2:].isdigit():
                n = int(who[2:])
                if n == number:
                    continue
                if n > number:
                    key = f"{doc_id}@co{n - 1}"
            moved[key] = entry
        self.documents = moved

    def mark(self, key: str, state: DocState | str | None = None, *, path: str | None = None,
             note: str | None = None) -> Document:
        """Set a document's state, path or note (validated: a bad key or an absolute path
        raises ``ValueError``), keeping what is not given."""
        old = self.documents.get(key) or Document()
        new = Document.model_validate({
            "state": old.state if state is None else state,
            "path": old.path if path is None else path,
            "note": old.note if note is None else note,
        })
        self.documents = {**self.documents, key: new}
        return new
