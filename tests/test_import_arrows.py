"""The import arrows between the apps (issue 12): read from the source, no database."""

import ast
import pathlib

import pytest

PACKAGE = pathlib.Path(__file__).resolve().parent.parent / "samenspel"
LAYERS = ("core", "lib", "site", "demo")
# Every domain app: each folder of samenspel/ with an apps.py that is not one of the layers.
APPS = tuple(sorted(path.parent.name for path in PACKAGE.glob("*/apps.py") if path.parent.name not in LAYERS))
MAX_MODULE_LINES = 560


def _imports(folder: pathlib.Path):
    """(file, imported module) for every import in the folder's Python files, migrations aside."""
    for path in sorted(folder.rglob("*.py")):
        if "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                yield path, node.module
            elif isinstance(node, ast.Import):
                for alias in node.names:
                    yield path, alias.name


def test_members_never_imports_circles():
    """Circles add their row to a member's page through samenspel.core.member_page."""
    found = [(str(path), name) for path, name in _imports(PACKAGE / "members") if name.startswith("samenspel.circles")]
    assert found == []


@pytest.mark.parametrize("app", ["monitor", "circles"])
def test_monitor_and_circles_never_import_opportunities(app):
    """Opportunities register their figures (monitor.extra_figures) and the circle page's section
    (core.circle_page) in their AppConfig.ready()."""
    found = [(str(path), name) for path, name in _imports(PACKAGE / app) if name.startswith("samenspel.opportunities")]
    assert found == []


def test_meetings_never_imports_tandems():
    found = [(str(path), name) for path, name in _imports(PACKAGE / "meetings") if name.startswith("samenspel.tandems")]
    assert found == []


@pytest.mark.parametrize("app", APPS)
def test_no_app_imports_another_apps_forms(app):
    found = [
        (str(path), name)
        for path, name in _imports(PACKAGE / app)
        if name.startswith("samenspel.")
        and name.split(".")[1] in APPS
        and name.split(".")[1] != app
        and "forms" in name.split(".")[2:]
    ]
    assert found == []


def test_the_domain_apps_are_found():
    assert {"circles", "consultations", "meetings", "members", "monitor", "organisations", "tandems"} <= set(APPS)


@pytest.mark.parametrize("app", APPS)
def test_no_app_imports_the_roof_or_the_demo(app):
    found = [(str(path), name) for path, name in _imports(PACKAGE / app) if name.split(".")[:2][-1] in ("site", "demo")]
    assert found == []


@pytest.mark.parametrize("app", APPS)
def test_each_app_has_one_urls_module(app):
    extra = sorted(str(path.relative_to(PACKAGE)) for path in (PACKAGE / app).rglob("urls_*.py"))
    assert extra == []


def test_no_module_is_longer_than_about_550_lines():
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if "migrations" not in path.parts and (lines := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_lib_imports_no_app():
    found = [(str(path), name) for path, name in _imports(PACKAGE / "lib") if name.split(".")[:2][-1] in APPS]
    assert found == []


@pytest.mark.parametrize("layer", ["core", "lib"])
def test_core_and_lib_import_no_domain_app(layer):
    """Core and lib sit below the apps: apps register with core (e.g. cache_version.bump_on)."""
    found = [(str(path), name) for path, name in _imports(PACKAGE / layer) if name.split(".")[:2][-1] in APPS]
    assert found == []


def test_notifications_imports_no_domain_app():
    """The domain apps call notifications.services.notify with the recipients they computed."""
    found = [
        (str(path), name)
        for path, name in _imports(PACKAGE / "notifications")
        if name.split(".")[:2][-1] in APPS and name.split(".")[1] != "notifications"
    ]
    assert found == []
