"""Sections other apps add to a circle's page (`circles:detail`), so circles imports none of them.

An app registers, in its `AppConfig.ready()`, a function `(request, circle) -> dict | None`: the
context of one section, with "template" (an include that renders it, starting at an `<h2>`). None
shows nothing. Each function costs a fixed number of queries, whatever the data (the page's query
count is tested). It decides itself what `request.user` may see. A section that caches what it
shows does so under the circle's version `circle:<slug>` (`cache_version.cached`, which the page
reads up front) and bumps it on every change of the data it shows (`bump_on`), so it is never
older than the data.
"""

_sections = []


def add_section(section) -> None:
    """Register `section(request, circle)`; registering it again changes nothing."""
    if section not in _sections:
        _sections.append(section)


def sections_for(request, circle) -> list[dict]:
    """The registered sections for `circle`'s page as `request.user` sees it, in the order registered."""
    return [found for section in _sections if (found := section(request, circle)) is not None]
