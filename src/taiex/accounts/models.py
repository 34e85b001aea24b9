"""People, institutions and the roles that link them."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from taiex.core.personal_data import holds_personal_data
from taiex.reference.models import ConsultedService, Country, InstitutionKind, ThematicTeam

from .enums import Role


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email, password=None, **fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email, password=None, **fields):
        fields.setdefault("is_staff", True)
        fields.setdefault("is_superuser", True)
        return self.create_user(email, password, **fields)

    def get_by_natural_key(self, username):
        return self.get(email__iexact=username)


@holds_personal_data("email", "full_name", "phone", "position")
class User(AbstractBaseUser, PermissionsMixin):
    """A person who logs in with an e-mail address."""

    email = models.EmailField(unique=True)
    full_name = models.CharField(max_length=150)
    position = models.CharField(max_length=150, blank=True)
    phone = models.CharField(max_length=40, blank=True)
    # The person's language (a code of settings.LANGUAGES): their pages, and every e-mail and
    # document sent to them (accounts/language.py). Empty: the browser's, and English by mail.
    language = models.CharField(max_length=10, blank=True, default="")
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False, help_text="May log in to the admin site.")
    date_joined = models.DateTimeField(default=timezone.now)
    # Unread items of the in-app inbox (core.inbox keeps it): read with the user on every page,
    # so the header's count costs no query.
    inbox_unread = models.PositiveIntegerField(default=0, editable=False)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["full_name", "email"]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email


class Institution(models.Model):
    """A public administration (or another body) in a country."""

    name = models.CharField(max_length=250)
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="institutions")
    kind = models.ForeignKey(InstitutionKind, on_delete=models.PROTECT, related_name="institutions")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children"
    )
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The NCP gate (accounts/gate.py): empty while a self-registered institution waits for its
    # country's NCP; institutions made by staff, imports and the demo are confirmed at creation.
    confirmed_at = models.DateTimeField(null=True, blank=True, default=timezone.now)

    class Meta:
        ordering = ["country__name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "name"], name="institution_unique_per_country"
            )
        ]

    def __str__(self):
        return self.name


class Contractor(models.Model):
    """A logistics company under contract with the programme; its people hold the role
    `Role.LOGISTICS` scoped to it, and events are assigned to it (events.ContractorAssignment)."""

    name = models.CharField(max_length=200, unique=True)
    contract_reference = models.CharField(max_length=60, blank=True)
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name


class Membership(models.Model):
    """A role held by a user, scoped to an institution, a country, a team, a consulted service
    or a logistics contractor."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(max_length=20, choices=Role)
    institution = models.ForeignKey(
        Institution, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    team = models.ForeignKey(
        ThematicTeam, null=True, blank=True, on_delete=models.CASCADE, related_name="memberships"
    )
    # The NCP gate (accounts/gate.py): empty while a self-registered applicant waits for the NCP.
    confirmed_at = models.DateTimeField(null=True, blank=True, default=timezone.now)
    consulted_service = models.ForeignKey(
        ConsultedService,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text="A consulted service's account sees and answers only the requests in its scope.",
    )
    contractor = models.ForeignKey(
        Contractor,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="memberships",
        help_text="A logistics contractor's account sees only the events assigned to it.",
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["role"]
        constraints = [
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    Q(role=Role.APPLICANT, institution__isnull=False)
                    | Q(role=Role.NCP, country__isnull=False)
                    | Q(role=Role.CASE_HANDLER, team__isnull=False)
                    | Q(role=Role.CONSULTEE, consulted_service__isnull=False)
                    | Q(role=Role.LOGISTICS, contractor__isnull=False)
                    | Q(role__in=[Role.HEAD_OF_UNIT, Role.ADMINISTRATOR, Role.EXPERT, Role.FINANCE])
                ),
            ),
            *(
                models.UniqueConstraint(
                    fields=["user", "role", scope],
                    condition=Q(role=role),
                    name=f"membership_unique_{role}",
                )
                for role, scope in [
                    (Role.APPLICANT, "institution"),
                    (Role.NCP, "country"),
                    (Role.CASE_HANDLER, "team"),
                    (Role.CONSULTEE, "consulted_service"),
                    (Role.LOGISTICS, "contractor"),
                ]
            ),
            models.UniqueConstraint(
                fields=["user", "role"],
                condition=Q(
                    role__in=[Role.HEAD_OF_UNIT, Role.ADMINISTRATOR, Role.EXPERT, Role.FINANCE]
                ),
                name="membership_unique_unscoped",
            ),
        ]

    def __str__(self):
        scope = (
            self.institution
            or self.country
            or self.team
            or self.consulted_service
            or self.contractor
        )
        return f"{self.get_role_display()}" + (f" ({scope})" if scope else "")


class ApiTokenScope(models.TextChoices):
    READ = "read", _("Read only")
    WRITE = "write", _("Read and write (workflow moves)")


class ApiToken(models.Model):
    """A personal token for the API (Authorization: Bearer ...), acting as its owner.

    Only a SHA-256 hash of the secret is stored (the secret is random, so a slow hash adds
    nothing); the prefix finds the row without scanning. Shown once, when it is created.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(max_length=100)
    prefix = models.CharField(max_length=16, unique=True)
    secret_hash = models.CharField(max_length=64)
    scope = models.CharField(max_length=5, choices=ApiTokenScope.choices)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    revoked_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def is_usable_at(self, moment):
        return self.revoked_at is None and self.expires_at > moment


class ApiClient(models.Model):
    """What an OAuth2 application (django-oauth-toolkit, client credentials) may do with the
    API: read, or read and write. It acts as the application's user (a service account with its
    own roles), with that user's permissions, like a personal token of that user."""

    application = models.OneToOneField(
        "oauth2_provider.Application", on_delete=models.CASCADE, related_name="api_client"
    )
    scope = models.CharField(
        max_length=5, choices=ApiTokenScope.choices, default=ApiTokenScope.READ
    )

    def __str__(self):
        return f"{self.application} ({self.get_scope_display()})"
