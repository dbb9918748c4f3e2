"""How `make test` shares the tests between its pytest-xdist workers (`-n 2 --dist loadgroup`).

Every test is a unit of its own, given to whichever worker is free, except the browser tests:
tests/browser/ is one unit, run by one worker in the order of the collection. That worker starts
one Chromium, and keeps the HTML of every page the browser tests checked in its memory for
tests/browser/test_html_valid.py, which comes last (tests/browser/conftest.py orders it).
The largest unit goes out first, so one worker starts on the browser tests while the other takes
the rest of the suite.

xdist's own loadgroup (the `xdist_group` mark) would do this, but pytest-xdist 3.8.0 groups
nothing under pytest 9.2: it renames the node ids, which pytest no longer lets it do
(https://github.com/pytest-dev/pytest-xdist/issues/1386). tests/conftest.py puts this scheduler
in its place for `--dist loadgroup`.
"""

from xdist.scheduler import LoadGroupScheduling

TOGETHER = ("tests/browser/",)


class BrowserTestsTogether(LoadGroupScheduling):
    """xdist's loadgroup (`xdist_group` marks, once xdist can mark node ids again), plus the folders of TOGETHER."""

    def _split_scope(self, nodeid: str) -> str:
        for folder in TOGETHER:
            if nodeid.startswith(folder):
                return folder
        return super()._split_scope(nodeid)
