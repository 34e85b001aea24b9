"""Which services a request is sent to for consultation (the rule is data: reference rows)."""

from taiex.reference.queries import services_in_scope


def beneficiary_country_ids(application):
    """The countries the request benefits: the lead institution's and, in a multi-country
    request, those of the partner institutions."""
    ids = {application.country_id} if application.country_id else set()
    ids |= set(application.partner_institutions.values_list("country_id", flat=True))
    return ids


def services_to_consult(application):
    """The services in scope of the request: the Delegation of each beneficiary country, the
    desks of their regions and the line Directorates-General of its chapters; in a peer-to-peer
    strand only the strand's partner Directorate-General."""
    return services_in_scope(
        countries=beneficiary_country_ids(application),
        window=application.window,
        chapters=list(application.chapters.values_list("pk", flat=True)),
    ).order_by("group", "name")
