"""URL path converters.

`<id:pk>` matches a whole number from 0 to 9223372036854775807 (the largest value of a 64-bit
database integer, the type of every primary key). Django's `<id:pk>` takes any number of digits,
and a number past that bound makes SQLite (and raw SQL) fail with an error 500; here it simply
does not match, so the page answers 404 before a query runs.
"""

MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not 0 <= number <= MAX_ID:
            raise ValueError(value)  # no match: the resolver goes on, and answers 404 at the end
        return number

    def to_url(self, value) -> str:
        number = int(value)
        if not 0 <= number <= MAX_ID:
            raise ValueError(value)
        return str(number)
