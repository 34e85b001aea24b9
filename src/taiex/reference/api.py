"""Public API of the reference data: countries with their windows, chapters, institution kinds."""

from datetime import date

from django.db.models import Prefetch
from ninja import Router, Schema

from .models import BeneficiaryPeriod, Chapter, Country, InstitutionKind, Window

router = Router(tags=["reference"])


class PeriodOut(Schema):
    window: str
    window_name: str
    valid_from: date
    valid_to: date | None


class CountryOut(Schema):
    code: str
    name: str
    official_footnote: str
    eu_member_since: date | None
    beneficiary_periods: list[PeriodOut]


class ChapterOut(Schema):
    number: int
    name: str
    cluster: str | None


class WindowOut(Schema):
    code: str
    name: str
    is_peer_to_peer: bool
    description: str


class InstitutionKindOut(Schema):
    code: str
    name: str
    is_eligible: bool


@router.get("/countries", response=list[CountryOut], summary="Countries and their windows")
def list_countries(request):
    periods = BeneficiaryPeriod.objects.select_related("window").order_by("valid_from")
    countries = Country.objects.prefetch_related(Prefetch("periods", queryset=periods))
    return [
        {
            "code": country.code,
            "name": country.name,
            "official_footnote": country.official_footnote,
            "eu_member_since": country.eu_member_since,
            "beneficiary_periods": [
                {
                    "window": period.window.code,
                    "window_name": period.window.name,
                    "valid_from": period.valid_from,
                    "valid_to": period.valid_to,
                }
                for period in country.periods.all()
            ],
        }
        for country in countries
    ]


@router.get("/chapters", response=list[ChapterOut], summary="The negotiating chapters")
def list_chapters(request):
    return [
        {"number": c.number, "name": c.name, "cluster": c.cluster.name if c.cluster else None}
        for c in Chapter.objects.select_related("cluster")
    ]


@router.get("/windows", response=list[WindowOut], summary="Beneficiary windows")
def list_windows(request):
    return list(Window.objects.values("code", "name", "is_peer_to_peer", "description"))


@router.get("/institution-kinds", response=list[InstitutionKindOut], summary="Institution kinds")
def list_institution_kinds(request):
    return list(InstitutionKind.objects.values("code", "name", "is_eligible"))
