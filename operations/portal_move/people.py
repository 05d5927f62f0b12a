"""The portal's people and their roles. A person is matched by username; one this
deployment does not have is created inactive, with no usable password, so nobody can
sign in as them until an administrator here turns the account on and they set a new
password. Staff and superuser flags never travel."""

from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from tenants.models import TenantGroup


@dataclass
class PeopleReport:
    matched: list[str] = field(default_factory=list)  # existing accounts that were given roles
    created: list[str] = field(default_factory=list)  # new, inactive accounts


def restore_people(people: list[dict], tenant) -> PeopleReport:
    User = get_user_model()
    groups = {tg.role: tg.group for tg in TenantGroup.objects.filter(tenant=tenant).select_related("group")}
    report = PeopleReport()
    for person in people:
        user = User.objects.filter(username=person["username"]).first()
        if user is None:
            user = User(username=person["username"], first_name=person["first_name"], last_name=person["last_name"],
                        email=person["email"], is_active=False)  # fmt: skip
            user.set_unusable_password()
            user.save()
            report.created.append(user.username)
        else:
            report.matched.append(user.username)
        user.groups.add(*(groups[role] for role in person["roles"] if role in groups))
    return report
