"""CSV helpers: read an uploaded file with a clear error, and write cells that spreadsheets cannot execute."""

import csv
import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class CSVError(ValueError):
    """A problem with a whole file, with a message a person can read."""


@dataclass
class RowProblem:
    """What is wrong with one row of an uploaded file (row 1 holds the column names)."""

    row: int
    messages: list[str]


def short_value(value: str, limit: int = 60) -> str:
    """A cell's value for an error message: whitespace folded, cut to `limit` characters."""
    value = " ".join(value.split())
    return value if len(value) <= limit else value[: limit - 1] + "…"


def safe_cell(value) -> str:
    """Neutralise spreadsheet formulas: a cell starting with = + - @ gets a leading apostrophe."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text


def write_rows(rows, header) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(cell) for cell in row])
    return out.getvalue()


def read_upload(
    uploaded_file, *, max_bytes: int, required_columns: list[str], optional_columns: list[str] | None = None
) -> list[dict[str, str]]:
    """Return the rows of an uploaded CSV as dicts, or raise CSVError with a readable message.

    With `optional_columns`, a file with a column that is neither required nor optional is refused.
    """
    try:
        rows = _read_rows(uploaded_file, max_bytes=max_bytes, required_columns=required_columns)
    except csv.Error as exc:
        raise CSVError(_("The file could not be read as CSV.")) from exc
    if optional_columns is not None and rows:
        allowed = [*required_columns, *optional_columns]
        unknown = sorted(set(rows[0]) - set(allowed))
        if unknown:
            raise CSVError(
                _("The file has columns we do not know: %(unknown)s. Use only these columns: %(allowed)s.")
                % {"unknown": ", ".join(unknown), "allowed": ", ".join(allowed)}
            )
    return rows


def _read_rows(uploaded_file, *, max_bytes: int, required_columns: list[str]) -> list[dict[str, str]]:
    if uploaded_file.size > max_bytes:
        raise CSVError(_("The file is too large. The limit is %(limit)s MB.") % {"limit": max_bytes // (1024 * 1024)})
    raw = uploaded_file.read(max_bytes + 1)
    if b"\x00" in raw:
        raise CSVError(_("This is not a CSV text file."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CSVError(_("The file is not in UTF-8. Save it as 'CSV UTF-8' and try again.")) from exc
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [(name or "").strip().lower() for name in (reader.fieldnames or [])]
    missing = [col for col in required_columns if col not in header]
    if missing:
        raise CSVError(
            _("The file is missing these columns: %(columns)s. The first row must name the columns.")
            % {"columns": ", ".join(missing)}
        )
    reader.fieldnames = header
    try:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in reader]
    except csv.Error as exc:
        raise CSVError(_("The file could not be read as CSV.")) from exc
