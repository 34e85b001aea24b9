"""The staff search of the expert database: words over the profile, filters, sort orders."""

from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.utils.translation import gettext_lazy as _

from ..enums import LEVEL_RANK
from ..models import Expert, ExpertLanguage, Unavailability

SORTS = {
    "name": (_("Name"), ["user__full_name", "id"]),
    "member_state": (_("Member State"), ["member_state__name", "user__full_name", "id"]),
    "experience": (_("Most experienced"), ["-years_of_experience", "user__full_name", "id"]),
    "newest": (_("Newest first"), ["-created_at", "-id"]),
    "state": (_("Verification state"), ["verification_state", "user__full_name", "id"]),
}
SEARCHED_FIELDS = [
    "user__full_name",
    "expertise",
    "keywords",
    "position",
    "employer__name",
]


def experts_matching(
    *,
    text: str = "",
    member_state=None,
    language=None,
    min_level: str = "",
    chapter=None,
    verification_state: str = "",
    available_from: date | None = None,
    available_to: date | None = None,
    sort: str = "name",
):
    """Experts (not erased) whose profile has every word of `text` (in the name, expertise,
    keywords, position or employer) and who pass the given filters, with what a list shows.

    "Available" here means no declared unavailability in the period; the staff search
    (`staffing.queries.search`) also leaves out experts taken by another event then."""
    experts = Expert.objects.filter(erased_at__isnull=True)
    for word in text.split():
        found = Q()
        for name in SEARCHED_FIELDS:
            found |= Q(**{f"{name}__icontains": word})
        experts = experts.filter(found)
    if member_state is not None:
        experts = experts.filter(member_state=member_state)
    if language is not None:
        levels = [
            level for level, rank in LEVEL_RANK.items() if rank >= LEVEL_RANK.get(min_level, 0)
        ]
        experts = experts.filter(
            Exists(
                ExpertLanguage.objects.filter(
                    expert=OuterRef("pk"), language=language, level__in=levels
                )
            )
        )
    if chapter is not None:
        experts = experts.filter(
            Exists(Expert.chapters.through.objects.filter(expert=OuterRef("pk"), chapter=chapter))
        )
    if verification_state:
        experts = experts.filter(verification_state=verification_state)
    if available_from or available_to:
        start = available_from or available_to
        end = available_to or available_from
        experts = experts.exclude(
            Exists(
                Unavailability.objects.filter(expert=OuterRef("pk"), start__lte=end, end__gte=start)
            )
        )
    return (
        experts.select_related("user", "member_state", "employer")
        .prefetch_related(
            Prefetch("languages", queryset=ExpertLanguage.objects.select_related("language")),
            "chapters",
        )
        .order_by(*SORTS.get(sort, SORTS["name"])[1])
    )
