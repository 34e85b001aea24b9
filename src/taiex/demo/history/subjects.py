"""The subjects of thirty years of events: the demo's topics, plus the acquis of the first
enlargement years, each available from the year its law was adopted (no GDPR workshop in 1998)."""

from taiex.demo.topics import TOPICS, Topic

EARLY_TOPICS = (
    Topic(23, "the protection of personal data in police and public registers",
          "Data Protection Directive 95/46/EC", ("31995L0046",),
          "officials of ministries and the data protection authority", "data protection law"),
    Topic(16, "the common system of value added tax", "Sixth VAT Directive 77/388/EEC",
          ("31977L0388",), "tax inspectors and VAT policy officers", "VAT administration"),
    Topic(29, "the Community Customs Code and customs procedures",
          "Regulation (EEC) No 2913/92 (Community Customs Code)", ("31992R2913",),
          "customs officers", "customs procedures"),
    Topic(27, "urban waste water treatment", "Urban Waste Water Treatment Directive 91/271/EEC",
          ("31991L0271",), "water utility engineers and inspectors", "waste water treatment"),
    Topic(27, "the protection of natural habitats and wild fauna and flora",
          "Habitats Directive 92/43/EEC", ("31992L0043",),
          "nature protection officers", "Natura 2000 site management"),
    Topic(27, "landfill of waste", "Landfill Directive 1999/31/EC", ("31999L0031",),
          "environmental inspectors", "landfill permits and inspections"),
    Topic(27, "drinking water quality", "Drinking Water Directive 98/83/EC", ("31998L0083",),
          "public health laboratories", "drinking water monitoring"),
    Topic(5, "public works and supply contracts", "Directives 93/36/EEC and 93/37/EEC",
          ("31993L0036", "31993L0037"), "public procurement officers", "procurement procedures"),
    Topic(12, "veterinary checks on products entering the Community",
          "Directive 97/78/EC", ("31997L0078",), "border veterinary inspectors",
          "border inspection posts"),
    Topic(12, "the general principles of food law and food safety",
          "General Food Law Regulation (EC) No 178/2002", ("32002R0178",),
          "food safety inspectors", "food safety controls"),
    Topic(19, "the organisation of working time", "Working Time Directive 93/104/EC",
          ("31993L0104",), "labour inspectors and ministry lawyers", "working time rules"),
    Topic(19, "equal treatment of men and women in employment", "Directive 76/207/EEC",
          ("31976L0207",), "equality bodies and labour inspectors", "equal treatment cases"),
    Topic(8, "antitrust enforcement by national competition authorities",
          "Regulation (EC) No 1/2003", ("32003R0001",), "competition authority case handlers",
          "antitrust investigations"),
    Topic(16, "excise duties on alcohol, tobacco and mineral oils", "Directive 92/12/EEC",
          ("31992L0012",), "excise officers", "excise warehouses and controls"),
    Topic(18, "national accounts under the European system of accounts",
          "Regulation (EC) No 2223/96 (ESA 95)", ("31996R2223",),
          "statisticians of the national statistical office", "national accounts"),
    Topic(14, "recording equipment in road transport (tachographs)",
          "Regulation (EEC) No 3821/85", ("31985R3821",), "road transport inspectors",
          "tachograph controls"),
    Topic(24, "the Schengen external border and visa rules",
          "The Schengen acquis (Convention implementing the Schengen Agreement)",
          ("42000A0922(02)",), "border guards and consular officers", "Schengen evaluations"),
    Topic(24, "the fight against drugs and precursors", "Regulation (EEC) No 3677/90",
          ("31990R3677",), "police and customs drug units", "drug precursor controls"),
    Topic(28, "liability for defective products", "Product Liability Directive 85/374/EEC",
          ("31985L0374",), "consumer protection officers", "product liability"),
    Topic(9, "the supervision of insurance undertakings", "Third Non-life Insurance Directive "
          "92/49/EEC", ("31992L0049",), "insurance supervisors", "insurance supervision"),
    Topic(10, "the liberalisation of telecommunications markets",
          "Directive 90/388/EEC on competition in telecommunications services",
          ("31990L0388",), "telecommunications regulators", "telecom market regulation"),
    Topic(15, "the internal market in electricity", "Directive 96/92/EC", ("31996L0092",),
          "energy regulators", "electricity market opening"),
    Topic(13, "the common fisheries policy and fleet registers", "Regulation (EC) No 2371/2002",
          ("32002R2371",), "fisheries inspectors", "fisheries control"),
    Topic(11, "the integrated administration and control system for farm payments",
          "Regulation (EEC) No 3508/92", ("31992R3508",), "paying agency staff",
          "land parcel identification"),
    Topic(23, "the independence and efficiency of the judiciary",
          "Council of Europe standards and the Copenhagen criteria", (),
          "judges and court presidents", "court management"),
    Topic(24, "the reception and detention of migrants at the border",
          "Council Directive 2003/9/EC on minimum standards for the reception of asylum seekers",
          ("32003L0009",), "border police and reception centre staff",
          "migrant detention centres and alternatives to detention"),
)  # fmt: skip

ALL_TOPICS = TOPICS + EARLY_TOPICS


def adopted_in(topic):
    """The year the topic's law was adopted (from its CELEX number), or 0 when it has none."""
    years = [int(celex[1:5]) for celex in topic.celex if celex[1:5].isdigit()]
    return min(years) if years else 0


def topics_by_year(first_year, last_year):
    """Year -> the topics whose law existed that year."""
    return {
        year: [topic for topic in ALL_TOPICS if adopted_in(topic) <= year]
        for year in range(first_year, last_year + 1)
    }
