"""The rows of 督办: a plan's reporting cycle (with per-target overrides), the notices sent
(提醒, 催办, 提级督办) and who read them, closure requests (销号) with their evidence, and the
考核 scheme with the office's deductions.

Notices are the log of every reminder: one row per department, target, period and kind (a
unique constraint: ``luoshi remind`` run twice sends nothing new), never changed afterwards but
for the delivery's outcome.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ..core.models import Department, Plan, Target


class Cycle(models.Model):
    """When reports are due: monthly by day N of the next month (每月5日前报送上月进展),
    quarterly by day N of the month after the quarter, or on given dates. The plan's cycle
    has no target; a cycle with a target overrides the plan's for that target."""

    class Kind(models.TextChoices):
        MONTHLY = "monthly", _("monthly")
        QUARTERLY = "quarterly", _("quarterly")
        DATES = "dates", _("on given dates")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="cycles", verbose_name=_("plan"))
    target = models.ForeignKey(Target, null=True, blank=True, on_delete=models.CASCADE, related_name="cycles",
                               verbose_name=_("target (override)"))
    kind = models.CharField(_("cycle"), max_length=10, choices=Kind.choices, default=Kind.MONTHLY)
    day = models.PositiveSmallIntegerField(
        _("due by day"), default=5, validators=[MinValueValidator(1), MaxValueValidator(31)],
        help_text=_("monthly and quarterly: reports are due by this day of the following month"))
    dates = models.JSONField(_("due dates"), default=list, blank=True,
                             help_text=_("on given dates: the due dates, YYYY-MM-DD"))
    remind_before = models.PositiveSmallIntegerField(
        _("remind days before"), default=3, validators=[MaxValueValidator(60)],
        help_text=_("a reminder this many days before a due date (0: none)"))
    escalate_after = models.PositiveSmallIntegerField(
        _("escalate after days"), default=10, validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("a report still missing this many days after its due date is escalated to the leader in charge"))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting cycle")
        verbose_name_plural = _("reporting cycles")
        constraints = [
            models.UniqueConstraint(fields=["plan"], condition=models.Q(target__isnull=True),
                                    name="cycle_one_per_plan"),
            models.UniqueConstraint(fields=["target"], name="cycle_one_per_target"),
        ]

    def __str__(self) -> str:
        return f"{self.plan} {self.kind}"


class Notice(models.Model):
    """One notice to one department about one target and period (the log of ``remind``)."""

    class Kind(models.TextChoices):
        REMINDER = "reminder", _("reminder (提醒)")
        CHASE = "chase", _("chase (催办)")
        ESCALATION = "escalation", _("escalation (提级督办)")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="notices", verbose_name=_("plan"))
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="notices",
                                   verbose_name=_("department"))
    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="notices", verbose_name=_("target"))
    period = models.CharField(_("period"), max_length=20)  # Period.key: 2023-09, 2023-Q3, 2023-10-10
    due = models.DateField(_("due"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    sent_on = models.DateField(_("sent on"))  # the day ``remind`` ran for (its --as-of)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    sent_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+", verbose_name=_("sent by"))  # none: the scheduled run
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="escalations", verbose_name=_("leader in charge"))
    recipients = models.JSONField(_("emailed to"), default=list, blank=True)
    email_error = models.TextField(_("email error"), blank=True)

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-sent_on", "-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["department", "target", "period", "kind"],
                                               name="notice_once_per_department_target_period_kind")]
        indexes = [models.Index(fields=["plan", "kind", "sent_on"]), models.Index(fields=["department", "sent_on"])]

    def __str__(self) -> str:
        return f"{self.kind} {self.department} {self.period}"


class NoticeRead(models.Model):
    """A person read a notice in the inbox."""

    notice = models.ForeignKey(Notice, on_delete=models.CASCADE, related_name="reads")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices_read")
    read = models.DateTimeField(_("read"), auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["notice", "user"], name="notice_read_once")]


class ClosureRequest(models.Model):
    """销号: a department asks to close a target (final value, evidence); the office approves
    (the target is 已销号 from that day) or returns it with a reason."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the office")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned")

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="closure_requests",
                               verbose_name=_("target"))
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="closure_requests", verbose_name=_("department"))
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL,
                                     related_name="closure_requests", verbose_name=_("requested by"))
    requested_on = models.DateField(_("requested on"))
    final_value = models.DecimalField(_("final value"), max_digits=24, decimal_places=4, null=True, blank=True)
    summary = models.TextField(_("how it was done (完成情况)"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("reviewer"))
    reviewed = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reason = models.TextField(_("reason for returning"), blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("closure request (销号)")
        verbose_name_plural = _("closure requests (销号)")
        ordering = ["-created", "-pk"]
        constraints = [models.UniqueConstraint(fields=["target"], condition=models.Q(status="pending"),
                                               name="closure_one_pending_per_target")]


class ClosureEvidence(models.Model):
    request = models.ForeignKey(ClosureRequest, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="closure/%Y/%m/")
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)


class Scheme(models.Model):
    """考核办法 of a plan: the points of completion and of on-time reporting (together 100),
    and the points each escalation deducts. A plan without one is scored with the defaults."""

    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="scheme", verbose_name=_("plan"))
    completion_points = models.DecimalField(_("points for completion"), max_digits=6, decimal_places=2,
                                            default=Decimal(70))
    reporting_points = models.DecimalField(_("points for on-time reporting"), max_digits=6, decimal_places=2,
                                           default=Decimal(30))
    escalation_points = models.DecimalField(_("points deducted per escalation"), max_digits=6, decimal_places=2,
                                            default=Decimal(1))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assessment scheme (考核办法)")
        verbose_name_plural = _("assessment schemes (考核办法)")


class Deduction(models.Model):
    """The office's deduction from a department's score (扣分), with its reason."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="deductions", verbose_name=_("plan"))
    department = models.ForeignKey(Department, on_delete=models.CASCADE, related_name="deductions",
                                   verbose_name=_("department"))
    points = models.DecimalField(_("points"), max_digits=6, decimal_places=2,
                                 validators=[MinValueValidator(Decimal("0.01"))])
    reason = models.TextField(_("reason"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    created = models.DateTimeField(_("created"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("deduction (扣分)")
        verbose_name_plural = _("deductions (扣分)")
        ordering = ["department", "created"]
