"""The one error of the bench helpers, apart so that pages.py and consultations.py need not import each other."""


class BenchError(Exception):
    """The bench cannot measure a page (no data, or the page does not answer 200)."""
