import pytest
from django.urls import reverse

from samenspel.core.models import AuditLogEntry
from samenspel.members.models import Theme
from tests.factories.members import MemberFactory, ThemeFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(personas, client_for):
    return client_for(personas.coordinator)


def test_add_a_theme(client):
    response = client.post(reverse("members:themes"), {"name_nl": "  Dakloosheid ", "name_en": "Homelessness"})
    assert response.status_code == 302
    theme = Theme.objects.get(name_nl="Dakloosheid")
    assert theme.name_en == "Homelessness" and theme.is_active
    assert AuditLogEntry.objects.filter(action="member.theme.created", target_id=str(theme.pk)).exists()


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name_nl": "", "name_en": ""}, "This field is required"),
        ({"name_nl": "   ", "name_en": "x"}, "This field is required"),
        ({"name_nl": "x" * 81, "name_en": "y"}, "at most 80"),
        ({"name_nl": "armoede", "name_en": "Something"}, "already a theme"),
        ({"name_nl": "Iets", "name_en": "POVERTY"}, "already a theme"),
        ({"name_nl": "A", "name_en": "B", "position": "abc"}, "Enter a whole number"),
        ({"name_nl": "A", "name_en": "B", "position": "-5"}, "greater than or equal to 0"),
    ],
)
def test_bad_theme_input_is_refused(client, data, message):
    ThemeFactory(name_nl="Armoede", name_en="Poverty")
    response = client.post(reverse("members:themes"), data, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert Theme.objects.count() == 1


def test_html_in_a_theme_name_is_shown_escaped(client):
    client.post(reverse("members:themes"), {"name_nl": "<script>alert(1)</script>", "name_en": "<b>x</b>"})
    html = client.get(reverse("members:themes")).content.decode()
    assert "<script>alert(1)</script>" not in html and "&lt;script&gt;" in html


def test_rename_a_theme(client):
    theme = ThemeFactory(name_nl="Schuld", name_en="Debt")
    response = client.post(
        reverse("members:theme_edit", args=[theme.pk]), {"name_nl": "Schulden", "name_en": "Debt", "position": "3"}
    )
    assert response.status_code == 302
    theme.refresh_from_db()
    assert (theme.name_nl, theme.position) == ("Schulden", 3)
    assert AuditLogEntry.objects.get(action="member.theme.changed").data == {"fields": ["name_nl", "position"]}


def test_rename_to_an_existing_name_is_refused(client):
    ThemeFactory(name_nl="Armoede", name_en="Poverty")
    theme = ThemeFactory(name_nl="Schuld", name_en="Debt")
    response = client.post(reverse("members:theme_edit", args=[theme.pk]), {"name_nl": "Armoede", "name_en": "Debt"})
    assert response.status_code == 200
    assert "already a theme" in response.content.decode()
    theme.refresh_from_db()
    assert theme.name_nl == "Schuld"


def test_keeping_its_own_name_is_fine(client):
    theme = ThemeFactory(name_nl="Schuld", name_en="Debt")
    response = client.post(reverse("members:theme_edit", args=[theme.pk]), {"name_nl": "Schuld", "name_en": "Debt"})
    assert response.status_code == 302


def test_deactivating_keeps_members_data_and_hides_the_theme_from_forms(client, personas):
    theme = ThemeFactory(name_nl="Verslaving", name_en="Addiction")
    personas.member.themes.add(theme)
    response = client.post(reverse("members:theme_edit", args=[theme.pk]), {"action": "deactivate"})
    assert response.status_code == 302
    theme.refresh_from_db()
    assert not theme.is_active
    assert theme in personas.member.themes.all()
    from samenspel.members.forms import ProfileForm

    assert theme not in ProfileForm().fields["themes"].queryset
    assert AuditLogEntry.objects.filter(action="member.theme.deactivated").exists()
    client.post(reverse("members:theme_edit", args=[theme.pk]), {"action": "activate"})
    theme.refresh_from_db()
    assert theme.is_active


def test_theme_list_shows_member_counts_with_constant_queries(client, django_assert_max_num_queries):
    themes = ThemeFactory.create_batch(100)
    person = MemberFactory()
    person.themes.add(*themes[:10])
    with django_assert_max_num_queries(10):
        response = client.get(reverse("members:themes"))
    counts = {t.pk: t.member_count for t in response.context["themes"]}
    assert counts[themes[0].pk] == 1 and counts[themes[50].pk] == 0
