"""The open data XLSX read back: by openpyxl, and by reading the sheet's XML itself (lxml).

A frozen header row, column widths that fit the headers, numbers stored as numbers (only the
small-number marker "<5" is text, as in the CSV).
"""

import io
import zipfile

import pytest
from django.urls import reverse
from lxml import etree
from openpyxl import load_workbook

from samenspel.monitor import extra_figures, indicators, services
from samenspel.monitor.selectors import HIDDEN_COUNT
from tests.conftest import make_coordinator
from tests.factories.tandems import D

MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"


@pytest.fixture
def xlsx(client, crafted) -> bytes:
    services.close_period(actor=make_coordinator(name="Cora Coordinator"), period=crafted.period, today=D(2024, 4, 2))
    response = client.get(reverse("monitor:export_xlsx", args=[2024, 1]))
    assert response.status_code == 200
    return response.content


def test_each_sheet_has_a_frozen_header_and_columns_as_wide_as_their_header(xlsx):
    workbook = load_workbook(io.BytesIO(xlsx))
    assert len(workbook.worksheets) == 2
    for sheet in workbook.worksheets:
        assert sheet.freeze_panes == "A2"
        header = [cell.value for cell in sheet[1]]
        for cell, name in zip(sheet[1], header, strict=True):
            assert cell.font.bold
            assert sheet.column_dimensions[cell.column_letter].width >= len(name), name


def test_numbers_are_numbers(xlsx):
    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    keys = [indicator.key for indicator in indicators.INDICATORS]
    # The indicators, then what other apps add for the city (monitor.extra_figures).
    assert list(header[3:]) == keys + extra_figures.export_keys()
    numbers = 0
    for row in rows[1:]:
        for key, value in zip(keys, row[3 : 3 + len(keys)], strict=True):
            assert value is None or value == HIDDEN_COUNT or isinstance(value, int | float), (key, value)
            numbers += isinstance(value, int | float)
    assert numbers > 20
    city = dict(zip(header, rows[-1], strict=True))
    assert city["experts_fte"] == 4.83 and city["share_trained"] == 87.5 and city["level_board"] == 3.0
    assert sheet.cell(len(rows), header.index("experts_fte") + 1).number_format == "0.00"


def test_the_sheet_xml_says_the_same(xlsx):
    """Without openpyxl: the pane is frozen at row 2, every column has a width, numbers are typed n."""
    package = zipfile.ZipFile(io.BytesIO(xlsx))
    sheet = etree.fromstring(package.read("xl/worksheets/sheet1.xml"))
    pane = sheet.find(f"{MAIN}sheetViews/{MAIN}sheetView/{MAIN}pane")
    assert (pane.get("ySplit"), pane.get("topLeftCell"), pane.get("state")) == ("1", "A2", "frozen")
    columns = sheet.findall(f"{MAIN}cols/{MAIN}col")
    covered = {n for col in columns for n in range(int(col.get("min")), int(col.get("max")) + 1) if col.get("width")}
    header_cells = sheet.find(f"{MAIN}sheetData/{MAIN}row").findall(f"{MAIN}c")
    assert covered >= set(range(1, len(header_cells) + 1))
    numeric = [c for c in sheet.iter(f"{MAIN}c") if c.get("t") in (None, "n") and c.find(f"{MAIN}v") is not None]
    assert len(numeric) > 20
