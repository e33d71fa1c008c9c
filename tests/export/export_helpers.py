"""Reading exported drafts back with python-docx (helpers for the export tests)."""

from __future__ import annotations

from datetime import date

TODAY = date(2026, 4, 1)  # the export date used by the tests


def headings(doc, level: int | None = None) -> list[str]:
    names = {f"Heading {level}"} if level else {f"Heading {n}" for n in range(1, 7)}
    return [p.text for p in doc.paragraphs if p.style.name in names]


def table_rows(table) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def find_table(doc, *header: str):
    """The first table whose header row starts with these cells."""
    for table in doc.tables:
        first = [cell.text for cell in table.rows[0].cells]
        if first[: len(header)] == list(header):
            return table
    raise AssertionError(f"no table with header {header}")


def key_values(doc, key: str) -> dict[str, str]:
    """The first two-column 項目/内容 table that has ``key`` in its first column."""
    for table in doc.tables:
        rows = table_rows(table)
        if rows[0][:2] == ["項目", "内容"] and any(r[0] == key for r in rows[1:]):
            return {r[0]: r[1] for r in rows[1:]}
    raise AssertionError(f"no 項目/内容 table with {key}")


def section_paragraphs(doc, heading: str) -> list[str]:
    """Texts of the paragraphs after a heading, up to the next heading."""
    out: list[str] = []
    inside = False
    for p in doc.paragraphs:
        if p.style.name.startswith("Heading"):
            if inside:
                break
            inside = p.text == heading
            continue
        if inside:
            out.append(p.text)
    if not inside:
        raise AssertionError(f"no heading {heading!r}")
    return out


def all_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)
