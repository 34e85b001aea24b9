"""The default retention periods, loaded by a data migration and editable by administrators
afterwards (docs/decisions.md "Retention as data")."""

DEFAULT_RULES = [
    (
        "participant_contact_data",
        5,
        "years",
        "event_end",
        "Attendance certificates are checked and audits of the programme ask about events for "
        "five years after they end.",
    ),
    (
        "expert_cvs",
        5,
        "years",
        "last_activity",
        "A CV older than five years no longer describes the expert's work; the profile stays.",
    ),
    (
        "unconfirmed_expert_registrations",
        30,
        "days",
        "account_created",
        "The confirmation link is valid three days; a registration nobody confirmed within a "
        "month is not kept.",
    ),
    (
        "unconfirmed_applicant_accounts",
        30,
        "days",
        "account_created",
        "An account its national contact point did not confirm within a month is not kept.",
    ),
    (
        "request_contact_persons",
        10,
        "years",
        "request_closed",
        "The file of a request is kept ten years after its decision for audits of the "
        "programme; the contact persons' details go then, the request and its decision stay.",
    ),
    (
        "evaluation_links",
        1,
        "years",
        "link_closed",
        "Who was asked is needed for the response rates and questions about them for a year.",
    ),
    (
        "sent_mail_copies",
        90,
        "days",
        "mail_sent",
        "A copy of a sent e-mail is kept three months to look into complaints about delivery.",
    ),
]


def load_default_rules(get_model):
    """Add the default rule of each kind that has none (an edited rule is left as it is)."""
    RetentionRule = get_model("core", "RetentionRule")
    for kind, period, unit, anchor, reason in DEFAULT_RULES:
        RetentionRule.objects.get_or_create(
            kind=kind,
            defaults={"period": period, "unit": unit, "anchor": anchor, "reason": reason},
        )
