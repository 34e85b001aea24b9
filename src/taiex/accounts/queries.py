"""Reusable reads of people and institutions: newcomers for the NCPs, who to notify, data export."""

from datetime import datetime
from decimal import Decimal

from django.db.models import ForeignKey, Model
from django.db.models.fields.files import FieldFile

from taiex.core.models import ActivityLog
from taiex.core.personal_data import exported_sections, personal_data_models

from .enums import Role
from .models import Institution, Membership, User


def institutions_new_in(country_ids, since: datetime):
    """Institutions of the countries `country_ids` created at or after `since`, newest first."""
    return (
        Institution.objects.filter(country_id__in=country_ids, created_at__gte=since)
        .select_related("country", "kind", "parent", "created_by")
        .order_by("-created_at", "-pk")
    )


def applicants_new_in(country_ids, since: datetime):
    """Applicant memberships (person and institution) in `country_ids` since `since`, newest first.

    An applicant is a person of an institution, so the membership is what is new: the same person
    joining a second institution shows up again.
    """
    return (
        Membership.objects.filter(
            role=Role.APPLICANT,
            institution__country_id__in=country_ids,
            created_at__gte=since,
            user__is_active=True,
        )
        .select_related("user", "institution", "institution__country", "institution__kind")
        .order_by("-created_at", "-pk")
    )


def ncps_of(country):
    """The active users who are national contact points of `country`."""
    return (
        User.objects.filter(
            is_active=True, memberships__role=Role.NCP, memberships__country=country
        )
        .distinct()
        .order_by("email")
    )


def memberships_of(user):
    return user.memberships.select_related(
        "institution__country", "country", "team", "consulted_service", "contractor"
    ).order_by("role", "pk")


def _field_value(value):
    if isinstance(value, Model):
        return str(value)
    if isinstance(value, FieldFile):
        # The stored file's name (the file itself is downloaded from its page), None when empty.
        return value.name or None
    if isinstance(value, Decimal):
        return str(value)
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def _rows_about(model, fields, user):
    """The rows of `model` that are about `user`: linked by their `user` field, or by e-mail.

    Only the link named `user` says whom a row is about; other links to a user name who acted
    on it (`verified_by`, `registered_by`, `created_by`), and following them would hand an
    administrator or an applicant the personal data of the people they handled.
    """
    if model is User:
        return model.objects.filter(pk=user.pk)
    links = [
        field.name
        for field in model._meta.get_fields()
        if isinstance(field, ForeignKey) and field.related_model is User and field.name == "user"
    ]
    queryset = model.objects.none()
    for name in links:
        queryset |= model.objects.filter(**{name: user})
    if "email" in fields:
        queryset |= model.objects.filter(email__iexact=user.email)
    return queryset.distinct().order_by("pk")


def personal_data_of(user) -> dict:
    """Everything stored about `user`, as plain JSON-ready data.

    Walks the registry of personal-data fields (taiex.core.personal_data), so a model that declares
    its personal fields is exported without changing this function; adds the user's roles and the
    audit entries of what they did.
    """
    records = {}
    for model, fields in sorted(
        personal_data_models().items(), key=lambda item: item[0]._meta.label_lower
    ):
        rows = [
            {"id": row.pk, **{name: _field_value(getattr(row, name)) for name in fields}}
            for row in _rows_about(model, fields, user)
        ]
        if rows:
            records[model._meta.label_lower] = rows
    memberships = [
        {
            "role": membership.role,
            "role_name": membership.get_role_display(),
            "institution": membership.institution.name if membership.institution else None,
            "institution_country": (
                membership.institution.country.code if membership.institution else None
            ),
            "country": membership.country.code if membership.country else None,
            "team": membership.team.name if membership.team else None,
            "consulted_service": (
                membership.consulted_service.name if membership.consulted_service else None
            ),
            "contractor": membership.contractor.name if membership.contractor else None,
            "since": membership.created_at.isoformat(),
        }
        for membership in memberships_of(user)
    ]
    activity = [
        {
            "at": entry.created_at.isoformat(),
            "action": entry.action,
            "subject": entry.object_repr,
            "from_state": entry.from_state,
            "to_state": entry.to_state,
            "note": entry.note,
        }
        for entry in ActivityLog.objects.filter(actor=user).order_by("created_at", "pk")
    ]
    return {
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "position": user.position,
            "phone": user.phone,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
        },
        "memberships": memberships,
        "personal_data": records,
        # What the apps above hold about the person (requests created, evaluation links...).
        "parts": exported_sections(user),
        "activity": activity,
    }
