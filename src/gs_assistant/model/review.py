"""A consultant's review of an application: comments, decisions and their log.

Each function takes an application and returns a *new* one with the change applied and
one entry appended to ``review.log``; the application passed in is never modified. Nothing
here removes or rewrites a log entry, so the log only grows. The applicant's answers stay
untouched: review data lives apart from them, under ``review``, and the checker reports
both its own (computed) status and the reviewer's decision.

    app = decide(app, "TYP-2A", "met", "国内導入実績の資料で確認", author="山田")
"""

from __future__ import annotations

import re
from datetime import datetime

from pydantic import ValidationError

from gs_assistant.model.application import (
    Application,
    Comment,
    Decision,
    ItemReview,
    LogEntry,
    ReviewStatus,
)
from gs_assistant.text import Text, TextError

# A checklist item id: the rule id (``TYP-2A``), optionally ``:key`` for one member,
# indicator or project (``SME-001:co1``, ``QNT-002:i2``).
# the key after ":" names a member (lead, co1), an indicator or a submission document
# (financial_statements@co1)
ITEM_ID = re.compile(r"[A-Z]{3}-[0-9A-Z]{2,4}(:[a-z0-9_]{1,40}(@[a-z0-9]{1,10})?)?")

_AUTHOR = Text("記入者", "the reviewer's name")
_FIELD_LABELS = {"author": _AUTHOR, "text": Text("コメント", "the comment"),
                 "reason": Text("理由", "the reason"), "detail": Text("記録内容", "the entry")}


class ReviewError(TextError, ValueError):
    """A review action that cannot be recorded. ``str()`` is one Japanese line;
    ``in_lang("en")`` the English one."""


def check_item_id(item_id: str) -> str:
    """Return ``item_id`` if it looks like a checklist item id, else raise ReviewError."""
    if not isinstance(item_id, str) or not ITEM_ID.fullmatch(item_id):
        raise ReviewError(Text(
            f"項目ID {item_id!r} はチェックリストの項目IDの形ではありません"
            "（例: TYP-2A、SME-001:lead）",
            f"{item_id!r} is not shaped like a checklist item id (e.g. TYP-2A, SME-001:lead)",
        ))
    return item_id


def _required(value: str, what: Text) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ReviewError(Text(f"{what.ja}を入力してください（空欄にはできません）",
                               f"enter {what.en} (it cannot be empty)"))
    return value.strip()


def _moment(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now().astimezone().replace(microsecond=0)
    if now.tzinfo is None or now.utcoffset() is None:
        raise ReviewError(Text("日時にはタイムゾーンが必要です（例: 2026-04-01T10:00:00+09:00）",
                               "the time needs a time zone (e.g. 2026-04-01T10:00:00+09:00)"))
    return now


def _status(status: ReviewStatus | str) -> ReviewStatus:
    try:
        return ReviewStatus(status)
    except ValueError:
        allowed = ", ".join(s.value for s in ReviewStatus)
        raise ReviewError(Text(f"判定 {status!r} は使えません。使える値: {allowed}",
                               f"the decision {status!r} is not allowed; allowed: {allowed}")
                          ) from None


def _build(model: type, **values: object) -> object:
    """Build a review model; a value the model refuses becomes a ReviewError."""
    try:
        return model(**values)
    except ValidationError as exc:
        err = exc.errors(include_url=False)[0]
        field = ".".join(str(p) for p in err["loc"])
        label = _FIELD_LABELS.get(field, Text(field, field))
        msg = err["msg"].removeprefix("Value error, ")
        raise ReviewError(Text(f"{label.ja}: {msg}", f"{label.en}: {msg}")) from None


def _with_entry(
    app: Application, item_id: str, at: datetime, author: str, action: str, detail: str,
) -> tuple[Application, ItemReview]:
    """A deep copy of ``app`` with one log entry appended, and the item's review in it."""
    new = app.model_copy(deep=True)
    entry = _build(LogEntry, at=at, author=author, action=action, item=item_id, detail=detail)
    new.review.log.append(entry)
    item = new.review.items.setdefault(item_id, ItemReview())
    return new, item


def add_comment(
    app: Application, item_id: str, author: str, text: str, now: datetime | None = None,
) -> Application:
    """Add a comment to a checklist item."""
    check_item_id(item_id)
    author, text = _required(author, _AUTHOR), _required(text, _FIELD_LABELS["text"])
    at = _moment(now)
    comment = _build(Comment, author=author, at=at, text=text)
    new, item = _with_entry(app, item_id, at, author, "comment", text)
    item.comments.append(comment)
    return new


def decide(
    app: Application,
    item_id: str,
    status: ReviewStatus | str,
    reason: str,
    author: str,
    now: datetime | None = None,
) -> Application:
    """Record a reviewer's decision on an item (it replaces an earlier decision).

    A decision without a reason is refused: the reason is what makes it auditable.
    """
    check_item_id(item_id)
    status = _status(status)
    reason = _required(reason, Text("判定の理由", "the reason for the decision"))
    author = _required(author, _AUTHOR)
    at = _moment(now)
    decision = _build(Decision, status=status, reason=reason, author=author, at=at)
    before = app.review.items.get(item_id)
    previous = before.decision.status.value if before and before.decision else "-"
    detail = f"{previous} -> {status.value}: {reason}"
    new, item = _with_entry(app, item_id, at, author, "decide", detail)
    item.decision = decision
    return new


def withdraw_decision(
    app: Application, item_id: str, reason: str, author: str, now: datetime | None = None,
) -> Application:
    """Withdraw the decision on an item, so the checker's own status applies again."""
    check_item_id(item_id)
    reason = _required(reason, Text("取り消しの理由", "the reason for withdrawing"))
    author = _required(author, _AUTHOR)
    at = _moment(now)
    before = app.review.items.get(item_id)
    if before is None or before.decision is None:
        raise ReviewError(Text("この項目には取り消す判定がありません",
                               "this item has no decision to withdraw"))
    detail = f"{before.decision.status.value} -> -: {reason}"
    new, item = _with_entry(app, item_id, at, author, "withdraw", detail)
    item.decision = None
    return new


def log_extends(before: Application, after: Application) -> bool:
    """True when ``after``'s review log keeps every entry of ``before``'s, in order."""
    old, new = before.review.log, after.review.log
    return len(new) >= len(old) and new[: len(old)] == old
