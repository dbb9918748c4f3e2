"""The seeds name real people; the demo must not publish them anywhere."""

import re
from io import StringIO

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import models

pytestmark = pytest.mark.django_db

# Everyone named in /work/shared/seeds/ (and their email addresses there).
REAL_NAMES = [
    "Reinier Schippers",
    "Jaap Kemkes",
    "L. Grooten",
    "Lene Grooten",
    "Nenita La Rose",
    "Sjoerd Warmerdam",
    "Myrrhe van Spronsen",
    "Jim van Os",
    # the surnames and rarer first names on their own
    "Schippers",
    "Kemkes",
    "Grooten",
    "La Rose",
    "Warmerdam",
    "Spronsen",
    "van Os",
    "Reinier",
    "Jaap",
    "Nenita",
    "Sjoerd",
    "Myrrhe",
    "Jim",
    "Lene",
    "reinschip",
    "cooperatieane",
]
PATTERN = re.compile(r"\b(" + "|".join(re.escape(name) for name in REAL_NAMES) + r")\b", re.IGNORECASE)


def text_values():
    """Every value of every CharField and TextField (EmailField, SlugField included) in the database."""
    for model in apps.get_models():
        fields = [f.name for f in model._meta.concrete_fields if isinstance(f, models.CharField | models.TextField)]
        if not fields:
            continue
        for row in model.objects.values_list(*fields):
            for name, value in zip(fields, row, strict=True):
                if value:
                    yield f"{model._meta.label}.{name}", str(value)


def test_the_pattern_finds_the_names_it_must_find():
    assert PATTERN.search("Verslag door Jaap en Reinier")
    assert PATTERN.search("jim van os")
    assert not PATTERN.search("Kring Armoede/Bestaanszekerheid")


def test_no_real_person_from_the_seeds_appears_in_any_text_field():
    call_command("seed_demo", stdout=StringIO())
    call_command("seed_bench", "--factor", "1", stdout=StringIO())
    checked = 0
    for where, value in text_values():
        checked += 1
        match = PATTERN.search(value)
        assert match is None, f"{where} holds {match.group(0)!r}"
    assert checked > 1000


def test_no_real_person_appears_in_the_printed_logins():
    call_command("seed_demo", stdout=StringIO())
    out = StringIO()
    call_command("demo_logins", stdout=out)
    assert PATTERN.search(out.getvalue()) is None
