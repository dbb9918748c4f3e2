"""Which cache versions (samenspel.core.cache_version) a change to members bumps.

`member:<id>`: the member's cached account and menu (and, through circles, their circle roles).
`members:<0..63>`: the directory. It shows every member, so its version is the listing
`members:*`; a family of one row per member would make that sum read 20,000 rows at 100x data,
so each member's changes count in one of `DIRECTORY_SHARDS` rows (the id decides which). Two
changes to members wait for each other only when their ids share a shard (1 in 64), and then only
until the first commits. A save of fields the directory does not show (a bio, the language)
bumps only `member:<id>`.
"""

from samenspel.core import cache_version

from .models import ConsentText, Member, Theme

DIRECTORY_SHARDS = 64
DIRECTORY_KEYS = ("members:*", "theme:*", "organisation:*")  # names, themes, organisations
# What the directory shows of a member, and who is in it (`Member.objects.approved()`).
DIRECTORY_FIELDS = ("name", "kind", "organisation", "organisation_id", "theme_visibility", "status", "is_active")


def member_keys(*member_ids) -> list[str]:
    return [key for pk in member_ids for key in (f"member:{pk}", directory_key(pk))]


def directory_key(member_id) -> str:
    return f"members:{member_id % DIRECTORY_SHARDS}"


def connect(newest_consent_version) -> None:
    """Called once from MembersConfig.ready()."""
    cache_version.bump_on(Theme, lambda theme: [f"theme:{theme.pk}"])
    # A login saves only last_login: not shown on the cached pages.
    cache_version.bump_on(Member, lambda member: [f"member:{member.pk}"], fields_not_shown={"last_login"})
    cache_version.bump_on(Member, lambda member: [directory_key(member.pk)], fields_shown=DIRECTORY_FIELDS)
    cache_version.bump_on_m2m(Member.themes.through, lambda members, _themes: member_keys(*members))
    cache_version.consent_version_from(newest_consent_version, ConsentText)
