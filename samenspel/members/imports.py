"""Read and check a CSV file of members before anything is saved.

`read_member_file` returns an `ImportPlan`: the rows to import (duplicates by email merged)
and a list of problems per row. The service `services.import_members` saves a plan only
when it has no problems, so a file with one bad row imports nothing.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from samenspel.lib.csvfiles import CSVError, RowProblem, read_upload, short_value
from samenspel.organisations.models import Organisation

from .models import Member, Theme

REQUIRED_COLUMNS = ["email", "name", "kind"]
OPTIONAL_COLUMNS = ["organisation", "themes"]
KIND_WORDS = {
    "expert": Member.Kind.EXPERT,
    "ervaringsdeskundige": Member.Kind.EXPERT,
    "ally": Member.Kind.ALLY,
    "bondgenoot": Member.Kind.ALLY,
}
NAME_MAX = 120
EMAIL_MAX = 254
FIRST_DATA_ROW = 2  # row 1 holds the column names, as a spreadsheet shows it


@dataclass
class ImportRow:
    email: str
    name: str
    kind: str
    organisation: Organisation | None
    themes: list[Theme]
    rows: list[int] = field(default_factory=list)


@dataclass
class ImportPlan:
    rows: list[ImportRow]
    problems: list[RowProblem]
    duplicates: int = 0

    @property
    def is_valid(self) -> bool:
        return not self.problems and bool(self.rows)


def read_member_file(uploaded_file) -> ImportPlan:
    """Read the upload and check every row. Raises CSVError for a problem with the whole file."""
    raw_rows = read_upload(
        uploaded_file,
        max_bytes=settings.MEMBER_IMPORT_MAX_BYTES,
        required_columns=REQUIRED_COLUMNS,
        optional_columns=OPTIONAL_COLUMNS,
    )
    plan = check_rows(raw_rows)
    if not plan.rows and not plan.problems:
        raise CSVError(_("The file has no rows with members."))
    return plan


def check_rows(raw_rows: list[dict[str, str]]) -> ImportPlan:
    organisations = {o.name.casefold(): o for o in Organisation.objects.all()}
    themes = {}
    for theme in Theme.objects.filter(is_active=True):
        themes[theme.name_nl.casefold()] = theme
        themes[theme.name_en.casefold()] = theme

    by_email: dict[str, ImportRow] = {}
    problems: list[RowProblem] = []
    duplicates = 0
    for index, raw in enumerate(raw_rows):
        number = index + FIRST_DATA_ROW
        if not any(raw.values()):
            continue  # an empty line
        row, messages = _check_row(raw, organisations, themes)
        if messages:
            problems.append(RowProblem(row=number, messages=messages))
            continue
        existing = by_email.get(row.email)
        if existing is None:
            row.rows.append(number)
            by_email[row.email] = row
        else:
            duplicates += 1
            existing.rows.append(number)
            existing.organisation = existing.organisation or row.organisation
            existing.themes += [t for t in row.themes if t not in existing.themes]
    return ImportPlan(rows=list(by_email.values()), problems=problems, duplicates=duplicates)


def _check_row(raw, organisations, themes) -> tuple[ImportRow | None, list[str]]:
    messages = []
    email = raw.get("email", "").strip().lower()
    if not email:
        messages.append(_("The email address is empty."))
    elif len(email) > EMAIL_MAX:
        messages.append(_("The email address is too long."))
    else:
        try:
            validate_email(email)
        except ValidationError:
            messages.append(_("'%(value)s' is not a valid email address.") % {"value": short_value(email)})

    name = " ".join(raw.get("name", "").split())
    if not name:
        messages.append(_("The name is empty."))
    elif len(name) > NAME_MAX:
        messages.append(_("The name is too long: at most %(max)s characters.") % {"max": NAME_MAX})

    kind_word = raw.get("kind", "").strip().casefold()
    kind = KIND_WORDS.get(kind_word)
    if kind is None:
        messages.append(
            _("The kind '%(value)s' is unknown. Use ervaringsdeskundige, bondgenoot, expert or ally.")
            % {"value": short_value(raw.get("kind", ""))}
        )

    organisation = None
    organisation_name = " ".join(raw.get("organisation", "").split())
    if organisation_name:
        organisation = organisations.get(organisation_name.casefold())
        if organisation is None:
            messages.append(_("The organisation '%(value)s' is unknown.") % {"value": short_value(organisation_name)})

    row_themes = []
    for theme_name in raw.get("themes", "").split(";"):
        theme_name = " ".join(theme_name.split())
        if not theme_name:
            continue
        theme = themes.get(theme_name.casefold())
        if theme is None:
            messages.append(_("The theme '%(value)s' is unknown.") % {"value": short_value(theme_name)})
        elif theme not in row_themes:
            row_themes.append(theme)

    if messages:
        return None, messages
    return ImportRow(email=email, name=name, kind=kind, organisation=organisation, themes=row_themes), []
