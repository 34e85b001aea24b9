"""The demo's institutions and people: one login per role with a shared password, and the
applicants and national contact points the generated requests need in every country.
"""

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from taiex.accounts.enums import Role
from taiex.accounts.models import Contractor, Institution, Membership, User
from taiex.accounts.second_factor import enrol_with_secret, second_factor_required_by_role
from taiex.reference.models import ConsultedService, Country, InstitutionKind, ThematicTeam

DEMO_PASSWORD = "demo-pass-2026"
# The second factor of every demo account whose role needs one (README, "Demo logins"): add this
# key to an authenticator app, or print the current code with `manage.py demo_code`.
DEMO_TOTP_SECRET = "TAIEXDEMOSECRETFORTWOFACTORSIGNS"
DEMO_DOMAIN = "example.org"


@dataclass(frozen=True)
class Place:
    """What the generator needs to know about a country: where, which language, which bodies."""

    city: str
    time_zone: str
    languages: tuple[str, ...]
    first_names: tuple[str, ...]
    last_names: tuple[str, ...]
    institutions: tuple[tuple[str, str], ...]  # (name, institution kind code)


BALKAN_FIRST = ("Ana", "Marko", "Jelena", "Nikola", "Milica", "Stefan", "Ivana", "Dragan")
BALKAN_LAST = ("Jovanović", "Petrović", "Nikolić", "Marković", "Đorđević", "Stojanović")
ARABIC_FIRST = ("Amina", "Youssef", "Leila", "Omar", "Nour", "Karim", "Salma", "Hassan")
ARABIC_LAST = ("Benali", "Haddad", "Mansour", "Khalil", "Saleh", "Nasser")
SPANISH_FIRST = ("María", "José", "Lucía", "Carlos", "Fernanda", "Diego")
SPANISH_LAST = ("García", "Hernández", "López", "Martínez", "Ramírez", "Torres")

PLACES = {
    "RS": Place(
        "Belgrade",
        "Europe/Belgrade",
        ("sr",),
        BALKAN_FIRST,
        BALKAN_LAST,
        (
            ("Ministry of Interior of the Republic of Serbia", "central-administration"),
            ("Ministry of Finance of the Republic of Serbia", "central-administration"),
            ("City of Čačak", "local-authority"),
            ("City of Užice", "local-authority"),
            (
                "Commissioner for Information of Public Importance and Personal Data Protection",
                "regulatory-body",
            ),
            ("High Judicial Council of Serbia", "judiciary"),
        ),
    ),
    "AZ": Place(
        "Baku",
        "Asia/Baku",
        ("az",),
        ("Leyla", "Rashad", "Aynur", "Elvin", "Gunel", "Tural"),
        ("Mammadova", "Aliyev", "Huseynova", "Guliyev", "Hasanova", "Ismayilov"),
        (
            ("State Migration Service of the Republic of Azerbaijan", "central-administration"),
            ("Ministry of Justice of the Republic of Azerbaijan", "central-administration"),
            ("State Customs Committee of the Republic of Azerbaijan", "law-enforcement"),
        ),
    ),
    "AL": Place(
        "Tirana",
        "Europe/Tirane",
        ("sq",),
        ("Arta", "Erion", "Blerina", "Ardit", "Elira", "Gentian"),
        ("Hoxha", "Shehu", "Krasniqi", "Dervishi", "Leka", "Gjoka"),
        (
            ("Ministry of Interior of Albania", "central-administration"),
            ("Information and Data Protection Commissioner of Albania", "regulatory-body"),
            ("Municipality of Tirana", "local-authority"),
        ),
    ),
    "ME": Place(
        "Podgorica",
        "Europe/Podgorica",
        ("cnr",),
        BALKAN_FIRST,
        ("Vuković", "Radović", "Popović"),
        (
            ("Municipality of Budva", "local-authority"),
            (
                "Ministry of Ecology, Spatial Planning and Urbanism of Montenegro",
                "central-administration",
            ),
            ("Revenue and Customs Administration of Montenegro", "agency"),
        ),
    ),
    "MK": Place(
        "Skopje",
        "Europe/Skopje",
        ("mk",),
        BALKAN_FIRST,
        ("Stojanovski", "Trajkovska", "Ristov"),
        (
            ("Ministry of Justice of North Macedonia", "central-administration"),
            ("Food and Veterinary Agency of North Macedonia", "agency"),
        ),
    ),
    "BA": Place(
        "Sarajevo",
        "Europe/Sarajevo",
        ("bs",),
        BALKAN_FIRST,
        ("Hodžić", "Kovačević", "Delić"),
        (
            (
                "Directorate for European Integration of Bosnia and Herzegovina",
                "central-administration",
            ),
            ("Indirect Taxation Authority of Bosnia and Herzegovina", "agency"),
        ),
    ),
    "XK": Place(
        "Pristina",
        "Europe/Belgrade",
        ("sq", "sr"),
        ("Arben", "Vjosa", "Driton", "Teuta"),
        ("Berisha", "Gashi", "Morina", "Rexhepi"),
        (
            ("Ministry of Internal Affairs of Kosovo*", "central-administration"),
            ("Kosovo* Energy Regulatory Office", "regulatory-body"),
        ),
    ),
    "TR": Place(
        "Ankara",
        "Europe/Istanbul",
        ("tr",),
        ("Ayşe", "Mehmet", "Zeynep", "Emre", "Elif", "Burak"),
        ("Yılmaz", "Kaya", "Demir", "Şahin", "Çelik"),  # noqa: RUF001 - Turkish dotless i
        (
            ("Ministry of Agriculture and Forestry of Türkiye", "central-administration"),
            ("Turkish Competition Authority", "regulatory-body"),
            ("Confederation of Turkish Trade Unions", "trade-union"),
        ),
    ),
    "TCC": Place(
        "Nicosia",
        "Asia/Nicosia",
        ("tr",),
        ("Ayşe", "Mehmet", "Deniz"),
        ("Özkan", "Ersoy"),
        (("Turkish Cypriot Chamber of Commerce", "employers-association"),),
    ),
    "AM": Place(
        "Yerevan",
        "Asia/Yerevan",
        ("hy",),
        ("Anahit", "Armen", "Lusine", "Tigran"),
        ("Hakobyan", "Grigoryan", "Sargsyan"),
        (("Ministry of Economy of Armenia", "central-administration"),),
    ),
    "BY": Place(
        "Minsk",
        "Europe/Minsk",
        ("be", "ru"),
        ("Alena", "Siarhei", "Volha"),
        ("Kavalenka", "Novik"),
        (("State Committee for Standardisation of Belarus", "agency"),),
    ),
    "GE": Place(
        "Tbilisi",
        "Asia/Tbilisi",
        ("ka",),
        ("Nino", "Giorgi", "Tamar", "Levan"),
        ("Beridze", "Kapanadze", "Gelashvili"),
        (
            (
                "Ministry of Environmental Protection and Agriculture of Georgia",
                "central-administration",
            ),
            ("Parliament of Georgia", "parliament"),
        ),
    ),
    "MD": Place(
        "Chișinău",
        "Europe/Chisinau",
        ("ro",),
        ("Ion", "Elena", "Andrei", "Natalia"),
        ("Rusu", "Ceban", "Lungu"),
        (
            ("Customs Service of the Republic of Moldova", "law-enforcement"),
            ("National Agency for Food Safety of Moldova", "agency"),
        ),
    ),
    "UA": Place(
        "Kyiv",
        "Europe/Kyiv",
        ("uk",),
        ("Olena", "Andrii", "Iryna", "Oleksandr"),
        ("Shevchenko", "Kovalenko", "Bondarenko"),
        (
            ("Ministry of Justice of Ukraine", "central-administration"),
            ("National Energy and Utilities Regulatory Commission of Ukraine", "regulatory-body"),
            ("State Border Guard Service of Ukraine", "law-enforcement"),
        ),
    ),
    "DZ": Place(
        "Algiers",
        "Africa/Algiers",
        ("ar", "fr"),
        ARABIC_FIRST,
        ARABIC_LAST,
        (("Ministry of Commerce of Algeria", "central-administration"),),
    ),
    "EG": Place(
        "Cairo",
        "Africa/Cairo",
        ("ar",),
        ARABIC_FIRST,
        ARABIC_LAST,
        (("Egyptian Competition Authority", "regulatory-body"),),
    ),
    "IL": Place(
        "Jerusalem",
        "Asia/Jerusalem",
        ("he",),
        ("Noa", "David", "Tamar", "Yossi"),
        ("Cohen", "Levi", "Mizrahi"),
        (("Israel Ministry of Environmental Protection", "central-administration"),),
    ),
    "JO": Place(
        "Amman",
        "Asia/Amman",
        ("ar",),
        ARABIC_FIRST,
        ARABIC_LAST,
        (("Jordan Food and Drug Administration", "agency"),),
    ),
    "LB": Place(
        "Beirut",
        "Asia/Beirut",
        ("ar", "fr"),
        ARABIC_FIRST,
        ARABIC_LAST,
        (("Ministry of Finance of Lebanon", "central-administration"),),
    ),
    "LY": Place(
        "Tripoli",
        "Africa/Tripoli",
        ("ar",),
        ARABIC_FIRST,
        ARABIC_LAST,
        (("Libyan Civil Aviation Authority", "agency"),),
    ),
    "MA": Place(
        "Rabat",
        "Africa/Casablanca",
        ("ar", "fr"),
        ARABIC_FIRST,
        ARABIC_LAST,
        (
            ("Ministry of Justice of Morocco", "central-administration"),
            ("National Office for Food Safety of Morocco", "agency"),
        ),
    ),
    "PS": Place(
        "Ramallah",
        "Asia/Hebron",
        ("ar",),
        ARABIC_FIRST,
        ARABIC_LAST,
        (("Palestine Monetary Authority", "regulatory-body"),),
    ),
    "SY": Place(
        "Damascus",
        "Asia/Damascus",
        ("ar",),
        ARABIC_FIRST,
        ARABIC_LAST,
        (("Syrian Ministry of Health", "central-administration"),),
    ),
    "TN": Place(
        "Tunis",
        "Africa/Tunis",
        ("ar", "fr"),
        ARABIC_FIRST,
        ARABIC_LAST,
        (
            ("Ministry of Interior of Tunisia", "central-administration"),
            ("Tunisian General Labour Union", "trade-union"),
        ),
    ),
    "MX": Place(
        "Guanajuato",
        "America/Mexico_City",
        ("es",),
        SPANISH_FIRST,
        SPANISH_LAST,
        (
            ("Municipality of Guanajuato", "local-authority"),
            ("Municipality of León", "local-authority"),
            ("Tax Administration Service of Mexico", "agency"),
        ),
    ),
    "EC": Place(
        "Quito",
        "America/Guayaquil",
        ("es",),
        SPANISH_FIRST,
        SPANISH_LAST,
        (("Ministry of Production of Ecuador", "central-administration"),),
    ),
    "NA": Place(
        "Windhoek",
        "Africa/Windhoek",
        ("en",),
        ("Maria", "Johannes", "Ndapewa"),
        ("Shikongo", "Nangolo", "Amutenya"),
        (("Namibian Competition Commission", "regulatory-body"),),
    ),
    "VN": Place(
        "Hanoi",
        "Asia/Ho_Chi_Minh",
        ("vi",),
        ("Linh", "Minh", "Huong", "Tuan"),
        ("Nguyen", "Tran", "Le", "Pham"),
        (("Ministry of Natural Resources and Environment of Vietnam", "central-administration"),),
    ),
    # EU Member States in the peer-to-peer strands (regional policy, environment, reform).
    "PL": Place(
        "Warsaw",
        "Europe/Warsaw",
        ("pl",),
        ("Anna", "Piotr", "Katarzyna"),
        ("Nowak", "Kowalski"),
        (("Marshal's Office of the Lubelskie Voivodeship", "local-authority"),),
    ),
    "RO": Place(
        "Bucharest",
        "Europe/Bucharest",
        ("ro",),
        ("Ioana", "Mihai", "Andreea"),
        ("Popescu", "Ionescu"),
        (("Ministry of Environment, Waters and Forests of Romania", "central-administration"),),
    ),
    "GR": Place(
        "Athens",
        "Europe/Athens",
        ("el",),
        ("Eleni", "Giorgos", "Maria"),
        ("Papadopoulos", "Georgiou"),
        (("Managing Authority of the Region of Western Greece", "local-authority"),),
    ),
    "HR": Place(
        "Zagreb",
        "Europe/Zagreb",
        ("hr",),
        ("Ivana", "Luka", "Marija"),
        ("Horvat", "Kovačić"),
        (("Ministry of Regional Development and EU Funds of Croatia", "central-administration"),),
    ),
}

# The study visits go to a Member State administration: city, country code, time zone.
HOST_CITIES = (
    ("Lisbon", "PT", "Europe/Lisbon"),
    ("Bucharest", "RO", "Europe/Bucharest"),
    ("Brussels", "BE", "Europe/Brussels"),
    ("Ljubljana", "SI", "Europe/Ljubljana"),
    ("Vienna", "AT", "Europe/Vienna"),
    ("Tallinn", "EE", "Europe/Tallinn"),
    ("The Hague", "NL", "Europe/Amsterdam"),
    ("Madrid", "ES", "Europe/Madrid"),
    ("Zagreb", "HR", "Europe/Zagreb"),
    ("Vilnius", "LT", "Europe/Vilnius"),
)


@dataclass(frozen=True)
class Login:
    """A demo login printed in the table and documented in the README."""

    role_label: str
    email: str
    full_name: str
    role: str
    # institution name, country code, team code, consulted service code or contractor name
    scope: str = ""


LOGINS = (
    Login(
        "Applicant (Serbia)",
        "applicant.rs@example.org",
        "Marko Jovanović",
        Role.APPLICANT,
        "Ministry of Interior of the Republic of Serbia",
    ),
    Login(
        "Applicant (Azerbaijan)",
        "applicant.az@example.org",
        "Leyla Mammadova",
        Role.APPLICANT,
        "State Migration Service of the Republic of Azerbaijan",
    ),
    Login("National contact point, Serbia", "ncp.rs@example.org", "Jelena Nikolić", Role.NCP, "RS"),
    Login(
        "National contact point, Azerbaijan", "ncp.az@example.org", "Rashad Aliyev", Role.NCP, "AZ"
    ),
    Login("National contact point, Albania", "ncp.al@example.org", "Arta Hoxha", Role.NCP, "AL"),
    Login(
        "Consulted service: EU Delegation to Serbia",
        "delegation@example.org",
        "Sophie Laurent",
        Role.CONSULTEE,
        "delegation-rs",
    ),
    Login(
        "Consulted service: geographic desk, Western Balkans",
        "desk@example.org",
        "Jan de Vries",
        Role.CONSULTEE,
        "desk-western-balkans",
    ),
    Login(
        "Consulted service: line DG, Migration and Home Affairs (chapter 24)",
        "linedg@example.org",
        "Giulia Romano",
        Role.CONSULTEE,
        "dg-home",
    ),
    Login(
        "Case handler, justice, freedom and security",
        "handler.jfs@example.org",
        "Carla Mendes",
        Role.CASE_HANDLER,
        "jfs",
    ),
    Login(
        "Case handler, environment, transport, energy",
        "handler.etet@example.org",
        "Tomas Berg",
        Role.CASE_HANDLER,
        "etet",
    ),
    Login(
        "Case handler, agriculture and food safety",
        "handler.agri@example.org",
        "Agnieszka Wójcik",
        Role.CASE_HANDLER,
        "agri",
    ),
    Login(
        "Case handler, internal market",
        "handler.im@example.org",
        "Pieter Janssens",
        Role.CASE_HANDLER,
        "internal-market",
    ),
    Login("Head of unit", "head@example.org", "Hélène Dubois", Role.HEAD_OF_UNIT),
    Login("Finance (payments)", "finance@example.org", "Farid Haddad", Role.FINANCE),
    Login(
        "Logistics contractor (Balkan Events Ltd)",
        "logistics@example.org",
        "Luka Horvat",
        Role.LOGISTICS,
        "Balkan Events Ltd",
    ),
    Login("Expert (Slovenia)", "expert@example.org", "Tanja Novak", Role.EXPERT),
    Login("Administrator", "admin@example.org", "Alma Administrator", Role.ADMINISTRATOR),
)


def demo_users_exist():
    return User.objects.filter(email__in=[login.email for login in LOGINS]).exists()


class People:
    """Creates and remembers the demo's institutions and users (one password hash for all)."""

    def __init__(self):
        self.password_hash = make_password(DEMO_PASSWORD)
        self.kinds = {kind.code: kind for kind in InstitutionKind.objects.all()}
        self.countries = {country.code: country for country in Country.objects.all()}
        self.teams = {team.code: team for team in ThematicTeam.objects.all()}
        self.institutions: dict[str, list[Institution]] = {}
        self.applicants: dict[int, User] = {}  # institution id -> its applicant
        self.ncps: dict[str, User] = {}  # country code -> its NCP
        self.by_email: dict[str, User] = {}
        self.handlers: dict[str, User] = {}  # team code -> case handler
        self.consultees: dict[int, User] = {}  # consulted service id -> its account

    def user(self, email, full_name, **fields):
        user = User.objects.create(
            email=email, full_name=full_name, password=self.password_hash, **fields
        )
        self.by_email[email] = user
        return user

    def create_all(self):
        for code, place in PLACES.items():
            country = self.countries[code]
            self.institutions[code] = [
                Institution.objects.create(name=name, country=country, kind=self.kinds[kind])
                for name, kind in place.institutions
            ]
        self.create_logins()
        self.create_country_people()
        self.enrol_second_factors()
        return self

    def enrol_second_factors(self):
        """Every account whose role needs two factors gets the documented authenticator key, so
        the demo signs in at once with a code computed from it."""
        for user in self.by_email.values():
            if second_factor_required_by_role(user):
                enrol_with_secret(user, actor=None, base32_secret=DEMO_TOTP_SECRET)

    def institution_named(self, name):
        for institutions in self.institutions.values():
            for institution in institutions:
                if institution.name == name:
                    return institution
        raise KeyError(name)

    def create_logins(self):
        for login in LOGINS:
            is_admin = login.role == Role.ADMINISTRATOR
            user = self.user(login.email, login.full_name, is_staff=is_admin, is_superuser=is_admin)
            scope = {}
            if login.role == Role.APPLICANT:
                scope["institution"] = self.institution_named(login.scope)
                self.applicants[scope["institution"].pk] = user
            elif login.role == Role.NCP:
                scope["country"] = self.countries[login.scope]
                self.ncps[login.scope] = user
            elif login.role == Role.CASE_HANDLER:
                scope["team"] = self.teams[login.scope]
                self.handlers[login.scope] = user
            elif login.role == Role.CONSULTEE:
                scope["consulted_service"] = ConsultedService.objects.get(code=login.scope)
                self.consultees[scope["consulted_service"].pk] = user
            elif login.role == Role.LOGISTICS:
                scope["contractor"] = Contractor.objects.get_or_create(
                    name=login.scope, defaults={"contract_reference": "DEMO-LOG-2026"}
                )[0]
            Membership.objects.create(user=user, role=login.role, **scope)
        self.create_consulted_service_accounts()
        self.head_of_unit = self.by_email["head@example.org"]
        self.administrator = self.by_email["admin@example.org"]

    def create_consulted_service_accounts(self):
        """An account for every consulted service without a named login, so every demo
        request's consultation has somebody to answer in each service in its scope."""
        for service in ConsultedService.objects.exclude(pk__in=self.consultees).order_by("code"):
            user = self.user(f"{service.code}@consulted.example.org", service.name)
            Membership.objects.create(user=user, role=Role.CONSULTEE, consulted_service=service)
            self.consultees[service.pk] = user

    def create_country_people(self):
        """An applicant for every institution and an NCP for every country that lacks one."""
        for code, place in PLACES.items():
            country = self.countries[code]
            if code not in self.ncps:
                name = f"{place.first_names[0]} {place.last_names[0]}"
                ncp = self.user(f"ncp.{code.lower()}@{DEMO_DOMAIN}", name)
                Membership.objects.create(user=ncp, role=Role.NCP, country=country)
                self.ncps[code] = ncp
            for number, institution in enumerate(self.institutions[code], start=1):
                if institution.pk in self.applicants:
                    continue
                first = place.first_names[number % len(place.first_names)]
                last = place.last_names[(number + 2) % len(place.last_names)]
                user = self.user(
                    f"applicant.{code.lower()}.{number}@{DEMO_DOMAIN}",
                    f"{first} {last}",
                    position="Head of the international cooperation unit",
                )
                Membership.objects.create(user=user, role=Role.APPLICANT, institution=institution)
                self.applicants[institution.pk] = user
