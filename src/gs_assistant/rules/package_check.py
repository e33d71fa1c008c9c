"""The submission package's checklist: documents and deadlines → items.

``check_package(app, pack, env)`` gives the items of the package (DOC-…) and of the
timeline (TML-…), the documents with their states and the events with the days left.
It is pure but for ``env``: the time (``now``), the resolved timeline and, when the
application file's folder is known, a function that says whether a document's path
exists. Secondary and previous-call knowledge gives 要確認, never 不適合: only a
brochure requirement left unprepared is 未入力, and only a deadline the consultant set
(call.yaml) that has passed is 不適合.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from gs_assistant.model.application import Application, MouStatus
from gs_assistant.model.package import DOC_STATE_LABELS, DocState, Document
from gs_assistant.rules.call import CallTimeline, Event, find_call_file, resolve_timeline
from gs_assistant.rules.facts import compute_facts
from gs_assistant.rules.pack import RulePack
from gs_assistant.rules.package_timeline import (
    days_until,
    deadline_finding,
    questions_finding,
)
from gs_assistant.rules.report import NEW, Facts, Finding, FrozenRecord, Item, M, Record, Status
from gs_assistant.rules.submission import DocumentDef, PackageDef, When, load_package

DOC_NEEDED, DOC_FILE, TML_DEADLINE, TML_QUESTIONS = "DOC-001", "DOC-002", "TML-001", "TML-002"
TITLES = {
    DOC_NEEDED: M("提出書類", "Submission document"),
    DOC_FILE: M("提出書類のファイル", "Submission document's file"),
    TML_DEADLINE: M("受付締切", "Submission deadline"),
    TML_QUESTIONS: M("問合せ締切", "Questions deadline"),
}


class PackageEnv(Record):
    now: datetime  # aware
    timeline: CallTimeline
    exists: Callable[[str], bool] | None  # a path relative to the application file

    def __init__(self, now: datetime, timeline: CallTimeline,
                 exists: Callable[[str], bool] | None = None) -> None:
        self.now, self.timeline, self.exists = now, timeline, exists


class DocLine(Record):
    """One document one provider owes: what the pack asks and what the file says."""

    key: str  # the key in the application file: business_plan, financial_statements@co1
    doc_id: str
    name: M
    provider: M
    account: bool
    needed: bool | None  # None: a condition cannot be decided yet
    entry: Document | None
    status: Status | None

    def __init__(self, key: str, doc_id: str, name: M, provider: M, account: bool,
                 needed: bool | None, entry: Document | None,
                 status: Status | None = None) -> None:
        self.key, self.doc_id, self.name, self.provider = key, doc_id, name, provider
        self.account, self.needed, self.entry, self.status = account, needed, entry, status

    @property
    def state(self) -> DocState:
        return self.entry.state if self.entry is not None else DocState.not_started


class PackageReport(Record):
    items: list[Item]
    documents: list[DocLine]
    events: list[Event]
    now: datetime
    days_left: int | None  # to the submission deadline, when it is exact
    next_deadline: Event | None  # the next exact deadline still ahead
    facts: dict[str, object]

    def __init__(self, items: list[Item], documents: list[DocLine], events: list[Event],
                 now: datetime, days_left: int | None = None,
                 next_deadline: Event | None = None, facts: dict[str, object] = NEW) -> None:
        self.items, self.documents, self.events, self.now = items, documents, events, now
        self.days_left, self.next_deadline = days_left, next_deadline
        self.facts = {} if facts is NEW else facts

    @property
    def has_not_met(self) -> bool:
        return any(i.status is Status.not_met for i in self.items)

    def unprepared(self) -> list[DocLine]:
        """Needed (or maybe needed) documents that are not 準備済."""
        return [d for d in self.documents
                if d.needed is not False and d.state is not DocState.ready]

    def account_ready(self, doc_id: str = "gbizid_prime") -> bool | None:
        lines = [d for d in self.documents if d.doc_id == doc_id and d.needed is not False]
        if not lines:
            return None
        return all(d.state is DocState.ready for d in lines)


# ---------------------------------------------------------------- documents


_Members = tuple[M, M, list[M]]  # the lead, the local partner, each co-applicant


def _members(app: Application) -> _Members:
    """Who may owe a document, labelled once per application (not once per document)."""
    return (_member_label(_LEAD, app.lead.name),
            _member_label(_PARTNER, app.local_partner.name),
            [_member_label(M(f"共同申請者{i}", f"co-applicant {i}"), c.name)
             for i, c in enumerate(app.co_applicants, start=1)])


def _providers(doc: DocumentDef, members: _Members, doc_id: str) -> list[tuple[str, M]]:
    lead, partner, co_applicants = members
    if doc.provider == "lead":
        return [(doc_id, lead)]
    if doc.provider == "partner":
        return [(f"{doc_id}@partner", partner)]
    out = [(f"{doc_id}@lead", lead)]
    out += [(f"{doc_id}@co{i}", label) for i, label in enumerate(co_applicants, start=1)]
    return out


_LEAD, _PARTNER = M("幹事法人", "lead applicant"), M("現地企業", "local partner")


def _member_label(label: M, name: str) -> M:
    if name.strip():
        return M(f"{label.ja}（{name.strip()}）", f"{label.en} ({name.strip()})")
    return label


def _foreign_documents(app: Application) -> bool:
    partner = app.local_partner
    return bool(partner.name.strip() or partner.country) or any(
        c.location.value == "overseas" for c in app.co_applicants)


def _needed(when: When, app: Application, facts: Facts) -> tuple[bool | None, M | None]:
    """(needed?, why it cannot be decided yet)."""
    undecided: M | None = None
    if when.tracks is not None:
        if app.track is None:
            undecided = M("事業区分を選ぶと要否が分かります", "choose the track to know")
        elif app.track not in when.tracks:
            return False, None
    if when.joint is not None and bool(app.co_applicants) != when.joint:
        return False, None
    if when.foreign_documents is not None and _foreign_documents(app) != when.foreign_documents:
        return False, None
    if when.mou_with_application is not None:
        wanted = _mou_with_application(app, facts)
        if wanted is None:
            undecided = undecided or M(
                "幹事法人が大企業等か、MOU・レターを応募時に出すかが決まると要否が分かります",
                "whether it is needed depends on the lead's size and when the MOU is submitted")
        elif wanted != when.mou_with_application:
            return False, None
    return (None, undecided) if undecided is not None else (True, None)


def _mou_with_application(app: Application, facts: Facts) -> bool | None:
    """The MOU/letter goes with the application (seed:301: at the application or within a
    year of the start; only a 大企業等 lead on a large track owes one)."""
    if facts.mou_required is None:
        return None
    if not facts.mou_required:
        return False
    status = app.large.mou.status
    if status is None:
        return None
    return status is not MouStatus.planned


def _doc_finding(line: DocLine, doc: DocumentDef, env: PackageEnv, deadline: Event | None,
                 undecided: M | None) -> Finding:
    name = line.name
    if line.needed is None:
        return Finding(Status.needs_review, M(f"{name.ja}：{undecided.ja}",
                                              f"{name.en}: {undecided.en}") if undecided
                       else name, line.key)
    state = line.state
    if state is DocState.ready:
        return Finding(Status.met, M(f"{name.ja}：準備済", f"{name.en}: ready"), line.key)
    if state is DocState.not_needed:
        return Finding(Status.needs_review, M(
            f"{name.ja}：不要としていますが、必要な書類に挙がっています。理由をメモに書き、"
            "募集要領で確認してください",
            f"{name.en}: marked not needed, but it is listed as required; note why and "
            "confirm it in the call guidelines"), line.key)
    late = _lead_time_warning(doc, env, deadline)
    if late is not None:
        return Finding(Status.needs_review, M(f"{name.ja}：{late.ja}", f"{name.en}: {late.en}"),
                       line.key)
    state_ja, state_en = DOC_STATE_LABELS[state]
    if doc.basis == "brochure":
        return Finding(Status.missing, M(f"{name.ja}（{state_ja}）を準備してください",
                                         f"prepare the {name.en} ({state_en})"), line.key)
    return Finding(Status.needs_review, M(
        f"{name.ja}（{state_ja}）を準備してください。前回公募の例などによる書類で、本公募で必要かは"
        "募集要領で確認してください",
        f"prepare the {name.en} ({state_en}); it is named for previous calls, confirm in the "
        "call guidelines that this call needs it"), line.key)


def _lead_time_warning(doc: DocumentDef, env: PackageEnv, deadline: Event | None) -> M | None:
    """The lead time no longer fits before an exact deadline (or says how long it takes)."""
    if doc.lead_time is None:
        return None
    lead = env.timeline.definition.lead_times[doc.lead_time]
    span = M(f"{lead.min_days // 7}～{lead.max_days // 7}週間", f"{lead.min_days // 7}–"
             f"{lead.max_days // 7} weeks") if lead.min_days % 7 == lead.max_days % 7 == 0 \
        else M(f"{lead.min_days}～{lead.max_days}日", f"{lead.min_days}–{lead.max_days} days")
    if deadline is None or deadline.at is None:
        return M(f"{lead.name.ja}には{span.ja}かかります。締切の日時が決まる前に申請してください",
                 f"{lead.name.en} takes {span.en}; apply before the deadline is even set")
    days = days_until(env.now, deadline.at)
    if days < lead.max_days:
        return M(f"{lead.name.ja}には{span.ja}かかりますが、締切まで{max(days, 0)}日です。"
                 "間に合わないおそれがあります（すぐに申請してください）",
                 f"{lead.name.en} takes {span.en} but the deadline is {max(days, 0)} days "
                 "away: it may not arrive in time (apply now)")
    return None


def _documents(app: Application, pack: RulePack, package: PackageDef, env: PackageEnv,
               facts: Facts, deadline: Event | None) -> tuple[list[DocLine], list[Finding],
                                                               dict[str, DocumentDef]]:
    lines: list[DocLine] = []
    findings: list[Finding] = []
    defs: dict[str, DocumentDef] = {}
    members = _members(app)
    for doc_id, doc in package.documents.items():
        needed, undecided = _needed(doc.when, app, facts)
        for key, provider in _providers(doc, members, doc_id):
            name = M(doc.name.ja, doc.name.en) if doc.provider == "lead" else \
                M(f"{doc.name.ja}［{provider.ja}］", f"{doc.name.en} [{provider.en}]")
            line = DocLine(key, doc_id, name, provider, doc.account, needed,
                           app.package.documents.get(key))
            lines.append(line)
            defs[key] = doc
            if needed is False:
                continue
            finding = _doc_finding(line, doc, env, deadline, undecided)
            line.status = finding.status
            findings.append(finding)
    return lines, findings, defs


def _file_findings(app: Application, env: PackageEnv) -> list[Finding]:
    if env.exists is None:
        return []
    out = []
    for key, entry in app.package.documents.items():
        if not entry.path.strip():
            continue
        if env.exists(entry.path):
            out.append(Finding(Status.met, M(f"{entry.path} があります",
                                             f"{entry.path} exists"), key))
        else:
            out.append(Finding(Status.needs_review, M(
                f"{entry.path} が見つかりません（申請ファイルのあるフォルダからの相対パス）",
                f"{entry.path} is not found (a path relative to the application file's "
                "folder)"), key))
    return out


# ---------------------------------------------------------------- the whole


def check_package(app: Application, pack: RulePack, package: PackageDef, env: PackageEnv,
                  facts: Facts | None = None) -> PackageReport:
    facts = facts if facts is not None else compute_facts(app, pack)
    events = env.timeline.for_track(app.track)
    deadline = next((e for e in events if e.key == "submission_deadline"), None)
    questions = next((e for e in events if e.key == "questions_deadline"), None)
    lines, doc_findings, defs = _documents(app, pack, package, env, facts, deadline)
    items: list[Item] = []
    reviews = app.review.items
    names = {line.key: line.name for line in lines}

    def add(rule_id: str, finding: Finding, topic: str, citation: str, basis: str,
            field_path: str) -> None:
        item_id = f"{rule_id}:{finding.key}" if finding.key else rule_id
        review = reviews.get(item_id)
        status = finding.status
        if review is not None and review.decision is not None:
            status = Status(review.decision.status.value)
        title = TITLES[rule_id]
        if finding.key in names:
            name = names[finding.key]
            title = M(f"{title.ja}：{name.ja}", f"{title.en}: {name.en}")
        elif finding.key:
            title = M(f"{title.ja}［{finding.key}］", f"{title.en} [{finding.key}]")
        items.append(Item(id=item_id, rule_id=rule_id, topic=topic, status=status,
                          computed_status=finding.status, title=title, reason=finding.reason,
                          citation=citation, field=field_path, basis=basis, review=review))

    for finding in doc_findings:
        doc = defs[finding.key]
        add(DOC_NEEDED, finding, "package", doc.source, doc.basis,
            f"package.documents.{finding.key}")
    for finding in _file_findings(app, env):
        add(DOC_FILE, finding, "package", "tool_policy", "brochure",
            f"package.documents.{finding.key}.path")
    hour = package.timeline.deadline_hour
    add(TML_DEADLINE, deadline_finding(deadline, env.now, package), "timeline",
        _event_citation(deadline, hour.source), _event_basis(deadline), "track")
    found = questions_finding(questions, env.now)
    if found is not None:
        rule = package.timeline.questions_before_deadline_days
        add(TML_QUESTIONS, found, "timeline", _event_citation(questions, rule.source),
            _event_basis(questions), "track")
    ahead = [e for e in events if e.deadline and e.at is not None and e.at >= env.now]
    days_left = days_until(env.now, deadline.at) if deadline and deadline.at else None
    return PackageReport(items=items, documents=lines, events=events, now=env.now,
                         days_left=days_left,
                         next_deadline=min(ahead, key=lambda e: e.at) if ahead else None)


def _event_citation(event: Event | None, fallback: str) -> str:
    if event is None or event.origin == "":
        return fallback
    if event.origin == "call":
        return f"call_file ({event.source})"
    return event.source


def _event_basis(event: Event | None) -> str:
    if event is None:
        return "previous_call"
    return {"call": "call_file", "pack": "brochure", "pattern": "previous_call"}.get(
        event.origin, "previous_call")


# ---------------------------------------------------------------- for the commands


class PackageSetup(FrozenRecord):
    """What the package checklist needs once per command: the pack's package definition
    and the resolved timeline (call.yaml read once, not once per file)."""

    package: PackageDef
    timeline: CallTimeline

    def __init__(self, package: PackageDef, timeline: CallTimeline) -> None:
        object.__setattr__(self, "package", package)
        object.__setattr__(self, "timeline", timeline)

    def env(self, now: datetime | None = None, folder: Path | None = None) -> PackageEnv:
        """The environment for one application file in ``folder`` (its paths are looked
        up there) at ``now`` (the current time by default)."""
        zone = self.timeline.definition.zone
        at = now.astimezone(zone) if now is not None else datetime.now(zone)
        exists = None
        if folder is not None:
            def exists(path: str, base: Path = folder) -> bool:
                return (base / path).exists()
        return PackageEnv(at, self.timeline, exists)

    def check(self, app: Application, pack: RulePack, *, now: datetime | None = None,
              folder: Path | None = None, facts: Facts | None = None) -> PackageReport:
        return check_package(app, pack, self.package, self.env(now, folder), facts)


def package_setup(pack: RulePack, call: Path | str | None = None) -> PackageSetup | None:
    """The pack's package with its timeline; None for a pack without ``package.yaml``.
    Raises ``CallFileError`` for a malformed or missing call file (``call`` given)."""
    package = load_package(pack)
    if package is None:
        return None
    call_file = find_call_file(pack.path, call)
    return PackageSetup(package, resolve_timeline(package, pack.id, call_file))
