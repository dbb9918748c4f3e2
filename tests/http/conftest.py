"""The permission matrix's world (every kind of object a URL can point at) for the HTTP tests."""

from tests.test_permission_matrix import world  # noqa: F401 - a fixture
