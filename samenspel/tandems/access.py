"""Who may see and change tandems and the trajectory: one place (organisation access: organisations/access.py).

- An organisation's own data (experts, training, professionals, tandems, enrolments): its
  representatives and the coordinators. A representative of another organisation gets 404.
- The municipality viewer reads every organisation's data (read-only), nobody else outside it.
- A tandem is also seen by its two partners (when they are members) and its coach, but only
  while the coach has the coach role (given by coordinators, see services_people).
- Reflections are private to the tandem's partners and its coach, unless the writer shares them
  (then the organisation's representatives and the coordinators read them too).
- A request to link a record to a member account is seen and answered by that member only.
- Trajectories, modules and sessions: coordinators manage them; everyone logged in may read them.
"""

from django.db.models import Q, QuerySet
from django.http import Http404

from samenspel.core.roles import is_approved_member, is_coordinator, is_municipality_viewer, require_coordinator
from samenspel.organisations.access import may_manage_organisation, represented_organisations
from samenspel.organisations.models import Organisation

from .models import CoachRole, EmployedExpert, MemberLinkRequest, Professional, Reflection, Tandem, Training


def visible_tandems_for(user) -> QuerySet[Tandem]:
    tandems = Tandem.objects.select_related("organisation", "team", "expert__member", "professional__member", "coach")
    if is_coordinator(user) or is_municipality_viewer(user):
        return tandems
    if not is_approved_member(user):
        return tandems.none()
    return tandems.filter(
        Q(organisation__in=represented_organisations(user))
        | Q(coach=user, coach__tandem_coach_role__isnull=False)
        | Q(expert__member=user)
        | Q(professional__member=user)
    ).distinct()


def get_tandem_for(user, pk) -> Tandem:
    try:
        return visible_tandems_for(user).get(pk=pk)
    except (Tandem.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def is_partner(user, tandem: Tandem) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and user.pk in {tandem.expert.member_id, tandem.professional.member_id}
    )


def partner_role(user, tandem: Tandem) -> str | None:
    if user is None or not user.is_authenticated:
        return None
    if tandem.expert.member_id == user.pk:
        return Reflection.Partner.EXPERT
    if tandem.professional.member_id == user.pk:
        return Reflection.Partner.PROFESSIONAL
    return None


def may_read_reflection(user, reflection: Reflection, tandem: Tandem) -> bool:
    if is_partner(user, tandem) or is_coach(user, tandem):
        return True
    return reflection.is_shared and may_manage_organisation(user, tandem.organisation)


# --- the trajectory: trajectories, enrolments, reflections, certificates -------------------


def get_trajectory_for(user, slug: str):
    """A trajectory page: approved members see active trajectories, coordinators every one; else 404.

    A pending member gets 403 (as on other member pages); views send visitors to log in first.
    """
    from samenspel.members.access import require_member

    from .models import Trajectory

    require_member(user)
    trajectories = Trajectory.objects.all() if is_coordinator(user) else Trajectory.objects.filter(is_active=True)
    try:
        return trajectories.get(slug=slug)
    except Trajectory.DoesNotExist:
        raise Http404 from None


def get_trajectory_to_manage(user, slug: str):
    """For coordinators only: others who may see it get 403."""
    trajectory = get_trajectory_for(user, slug)
    require_coordinator(user)
    return trajectory


def enrollable_tandems(user) -> QuerySet[Tandem]:
    """Tandems `user` may enrol: of the organisations they represent (all, for coordinators), not ended."""
    return (
        Tandem.objects.filter(organisation__in=represented_organisations(user))
        .exclude(status=Tandem.Status.ENDED)
        .select_related("organisation", "team", "expert__member", "professional__member")
    )


def get_enrolment_for(user, pk):
    """An enrolment whose tandem `user` may see (partners, coach, representatives, coordinators,
    the municipality viewer); else 404."""
    from .models import Enrolment

    try:
        enrolment = Enrolment.objects.select_related("trajectory").get(pk=pk)
    except (Enrolment.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
    enrolment.tandem = get_tandem_for(user, enrolment.tandem_id)
    return enrolment


def may_manage_enrolment(user, enrolment) -> bool:
    """Enrol and withdraw: the organisation's representatives and the coordinators."""
    return may_manage_organisation(user, enrolment.tandem.organisation)


def is_coach(user, tandem: Tandem) -> bool:
    """The tandem's coach, while they have the coach role that coordinators give."""
    return bool(
        is_approved_member(user)
        and tandem.coach_id is not None
        and tandem.coach_id == user.pk
        and CoachRole.objects.filter(member_id=user.pk).exists()
    )


def may_record_progress(user, enrolment) -> bool:
    """Marking modules as done: the coordinators and the tandem's coach."""
    return is_coordinator(user) or is_coach(user, enrolment.tandem)


def may_download_certificate(user, enrolment) -> bool:
    """The certificate names people: the partners, the coach, the representatives and coordinators."""
    tandem = enrolment.tandem
    return is_partner(user, tandem) or is_coach(user, tandem) or may_manage_organisation(user, tandem.organisation)


def reflection_reader(user, tandem: Tandem):
    """may_read_reflection for many reflections of one tandem, with the checks done once."""
    everything = is_partner(user, tandem) or is_coach(user, tandem)
    shared = everything or may_manage_organisation(user, tandem.organisation)
    return lambda reflection: everything or (shared and reflection.is_shared)


def _get_in(model, organisation: Organisation, pk):
    """An object of an organisation's own data, looked up only inside that organisation (else 404)."""
    try:
        return model.objects.select_related("team").get(organisation=organisation, pk=pk)
    except (model.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_expert_in(organisation: Organisation, pk) -> EmployedExpert:
    return _get_in(EmployedExpert, organisation, pk)


def get_professional_in(organisation: Organisation, pk) -> Professional:
    return _get_in(Professional, organisation, pk)


def get_tandem_in(organisation: Organisation, pk) -> Tandem:
    return _get_in(Tandem, organisation, pk)


def get_training_of(expert: EmployedExpert, pk) -> Training:
    try:
        return expert.trainings.get(pk=pk)
    except (Training.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_link_request_for(user, pk) -> MemberLinkRequest:
    """A request to link a record to `user`'s account: only the invited member sees it; anyone else 404."""
    if not is_approved_member(user):
        raise Http404
    try:
        return MemberLinkRequest.objects.select_related(
            "expert__organisation", "expert__team", "professional__organisation", "professional__team", "requested_by"
        ).get(pk=pk, member=user)
    except (MemberLinkRequest.DoesNotExist, ValueError, TypeError):
        raise Http404 from None


def get_coach_role(pk) -> CoachRole:
    try:
        return CoachRole.objects.select_related("member").get(pk=pk)
    except (CoachRole.DoesNotExist, ValueError, TypeError):
        raise Http404 from None
