"""The subjects of the generated requests: a chapter, the EU law concerned and who takes part."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    chapter: int
    subject: str
    legislation: str
    celex: tuple[str, ...]
    participants: str
    expertise: str


TOPICS = (
    Topic(
        24,
        "asylum procedures and the quality of first-instance decisions",
        "Asylum Procedures Directive 2013/32/EU",
        ("32013L0032",),
        "asylum case workers and their supervisors",
        "asylum interviews and quality assurance",
    ),
    Topic(
        24,
        "reception conditions for applicants for international protection",
        "Reception Conditions Directive 2013/33/EU",
        ("32013L0033",),
        "managers of reception centres",
        "running reception centres and vulnerability screening",
    ),
    Topic(
        24,
        "the return of irregularly staying third-country nationals",
        "Return Directive 2008/115/EC",
        ("32008L0115",),
        "officers of the migration service and the border police",
        "return procedures",
    ),
    Topic(
        24,
        "integrated border management and risk analysis",
        "Regulation (EU) 2019/1896 on the European Border and Coast Guard",
        ("32019R1896",),
        "border police analysts",
        "risk analysis for border management",
    ),
    Topic(
        24,
        "fighting trafficking in human beings",
        "Directive 2011/36/EU",
        ("32011L0036",),
        "police investigators, prosecutors and social workers",
        "victim identification",
    ),
    Topic(
        24,
        "anti-money laundering supervision",
        "Directive (EU) 2015/849",
        ("32015L0849",),
        "supervisors of the financial intelligence unit",
        "risk-based AML supervision",
    ),
    Topic(
        24,
        "cybercrime investigations and electronic evidence",
        "Directive 2013/40/EU",
        ("32013L0040",),
        "cybercrime investigators and prosecutors",
        "digital forensics",
    ),
    Topic(
        23,
        "personal data protection in the public administration",
        "General Data Protection Regulation (EU) 2016/679",
        ("32016R0679",),
        "data protection officers of ministries and municipalities",
        "GDPR compliance",
    ),
    Topic(
        23,
        "data protection in law enforcement",
        "Directive (EU) 2016/680",
        ("32016L0680",),
        "police and prosecution data controllers",
        "the Law Enforcement Directive",
    ),
    Topic(
        23,
        "the rights of victims of crime",
        "Victims' Rights Directive 2012/29/EU",
        ("32012L0029",),
        "judges, prosecutors and victim-support staff",
        "victim support",
    ),
    Topic(
        23,
        "access to a lawyer in criminal proceedings",
        "Directive 2013/48/EU",
        ("32013L0048",),
        "judges and defence lawyers",
        "procedural rights",
    ),
    Topic(
        23,
        "the protection of whistleblowers",
        "Directive (EU) 2019/1937",
        ("32019L1937",),
        "integrity officers",
        "internal reporting channels",
    ),
    Topic(
        27,
        "plastic waste and single-use plastics",
        "Directive (EU) 2019/904",
        ("32019L0904",),
        "municipal waste managers",
        "plastic waste prevention and recycling",
    ),
    Topic(
        27,
        "waste management and extended producer responsibility",
        "Waste Framework Directive 2008/98/EC",
        ("32008L0098",),
        "environmental inspectors and municipal waste managers",
        "producer responsibility",
    ),
    Topic(
        27,
        "urban waste water treatment",
        "Directive 91/271/EEC",
        ("31991L0271",),
        "engineers of water utilities",
        "planning waste water treatment",
    ),
    Topic(
        27,
        "air quality monitoring",
        "Directive 2008/50/EC",
        ("32008L0050",),
        "staff of the environmental protection agency",
        "air quality networks",
    ),
    Topic(
        27,
        "industrial emissions permitting",
        "Industrial Emissions Directive 2010/75/EU",
        ("32010L0075",),
        "permit writers and inspectors",
        "integrated permits",
    ),
    Topic(
        27,
        "environmental impact assessment",
        "Directive 2011/92/EU",
        ("32011L0092",),
        "EIA officers",
        "environmental impact assessment reviews",
    ),
    Topic(
        15,
        "energy efficiency in public buildings",
        "Energy Efficiency Directive 2012/27/EU",
        ("32012L0027",),
        "energy managers of public buildings",
        "building renovation",
    ),
    Topic(
        15,
        "permitting of renewable energy installations",
        "Directive (EU) 2018/2001",
        ("32018L2001",),
        "officials of the energy ministry and regulator",
        "permit procedures",
    ),
    Topic(
        14,
        "roadworthiness tests",
        "Directive 2014/45/EU",
        ("32014L0045",),
        "inspectors of the road transport authority",
        "vehicle inspection",
    ),
    Topic(
        10,
        "electronic identification and trust services",
        "eIDAS Regulation (EU) No 910/2014",
        ("32014R0910",),
        "e-government officials",
        "trust services supervision",
    ),
    Topic(
        12,
        "official controls on food and feed",
        "Regulation (EU) 2017/625",
        ("32017R0625",),
        "food safety inspectors",
        "official controls",
    ),
    Topic(
        12,
        "animal health and the control of African swine fever",
        "Regulation (EU) 2016/429",
        ("32016R0429",),
        "official veterinarians",
        "disease control",
    ),
    Topic(
        12,
        "plant health and pest surveillance",
        "Regulation (EU) 2016/2031",
        ("32016R2031",),
        "phytosanitary inspectors",
        "pest surveillance",
    ),
    Topic(
        11,
        "the integrated administration and control system for farm payments",
        "Regulation (EU) 2021/2116",
        ("32021R2116",),
        "staff of the paying agency",
        "IACS and land parcel identification",
    ),
    Topic(
        13,
        "fisheries control and inspection",
        "Regulation (EC) No 1224/2009",
        ("32009R1224",),
        "fisheries inspectors",
        "catch control",
    ),
    Topic(
        16,
        "VAT fraud prevention and e-invoicing",
        "VAT Directive 2006/112/EC",
        ("32006L0112",),
        "tax auditors",
        "VAT fraud analysis",
    ),
    Topic(
        16,
        "e-government services in local tax administration",
        "Directive 2011/16/EU on administrative cooperation in taxation",
        ("32011L0016",),
        "municipal finance and tax officials",
        "digital tax services",
    ),
    Topic(
        5,
        "public procurement remedies and e-procurement",
        "Directive 2014/24/EU",
        ("32014L0024",),
        "procurement officers and review body members",
        "e-procurement",
    ),
    Topic(
        8,
        "state aid control",
        "Regulation (EU) 2015/1589",
        ("32015R1589",),
        "state aid control officers",
        "state aid assessment",
    ),
    Topic(
        18,
        "official statistics and the population census",
        "Regulation (EC) No 223/2009",
        ("32009R0223",),
        "statisticians",
        "census methodology",
    ),
    Topic(
        29,
        "customs risk management",
        "Union Customs Code, Regulation (EU) No 952/2013",
        ("32013R0952",),
        "customs officers",
        "risk profiling",
    ),
    Topic(
        28,
        "market surveillance of consumer products",
        "Regulation (EU) 2019/1020",
        ("32019R1020",),
        "market surveillance inspectors",
        "product safety inspections",
    ),
    Topic(
        19,
        "occupational safety and health inspections",
        "Framework Directive 89/391/EEC",
        ("31989L0391",),
        "labour inspectors",
        "risk-based labour inspection",
    ),
    Topic(
        22,
        "managing cohesion funds: audit and control",
        "Common Provisions Regulation (EU) 2021/1060",
        ("32021R1060",),
        "staff of managing authorities and audit bodies",
        "management verifications",
    ),
    Topic(
        32,
        "public internal financial control",
        "Public internal financial control principles (Chapter 32 of the acquis)",
        (),
        "internal auditors and financial controllers",
        "internal audit methodology",
    ),
)

# The peer-to-peer windows serve one policy each; their requests stay in its chapters.
WINDOW_CHAPTERS = {
    "regio-peer-2-peer": {22},
    "eir-peer-2-peer": {27},
    "structural-reform-support": {5, 16, 18, 19, 32},
}

RETURN_REASONS = (
    "Please describe the expected results more concretely and name the departments involved.",
    "The legislation concerned is missing; please add the CELEX numbers.",
    "Please explain how this request differs from the workshop held last year.",
    "The participants' profile is too broad; please say which units will attend.",
)
OBJECTIONS = (
    "This overlaps with the twinning project that starts this year on the same subject.",
    "The beneficiary has not yet adopted the strategy this request depends on.",
    "A similar event took place three months ago for the same institution.",
)
REJECTION_REASONS = (
    "The request does not show a link to EU legislation.",
    "The same assistance is already provided by another EU-funded project.",
    "The request is not mature enough; the applicant may submit it again with a clear plan.",
)
APPROVAL_REASONS = (
    "Approved at the planning meeting: clear link to the acquis and a committed beneficiary.",
    "Approved: the request follows up earlier assistance and names concrete results.",
    "Approved at the weekly planning meeting.",
)
HOLD_REASONS = (
    "On hold at the beneficiary's request until the new minister is appointed.",
    "On hold until the draft law is sent to parliament.",
)
WITHDRAW_REASONS = (
    "Our priorities changed after the reorganisation of the ministry.",
    "The assistance will come from a bilateral project instead.",
    "",
)
COMMENTS = (
    "Could you say which Member States you would prefer the experts to come from?",
    "We would prefer the event after the summer holidays if possible.",
    "The agenda draft is attached to the e-mail we sent to the case handler.",
    "Thank you, we confirm the number of participants.",
)
