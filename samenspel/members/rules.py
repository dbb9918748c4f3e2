"""Who is who. Predicates shared by every app's access rules."""

import rules


@rules.predicate
def is_approved_member(user) -> bool:
    return bool(user and user.is_authenticated and user.is_approved)


@rules.predicate
def is_coordinator(user) -> bool:
    return bool(is_approved_member(user) and user.is_coordinator)


@rules.predicate
def is_municipality_viewer(user) -> bool:
    return bool(is_approved_member(user) and user.is_municipality_viewer)


@rules.predicate
def is_organisation_representative(user, organisation) -> bool:
    if not is_approved_member(user) or organisation is None:
        return False
    return organisation.representatives.filter(pk=user.pk).exists()


rules.add_perm("members.view_directory", is_approved_member)
rules.add_perm("members.manage", is_coordinator)
