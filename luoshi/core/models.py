"""The domain of the tracker: governments, plans and their trees, targets, departments,
assignments, progress reports with evidence, and who may do what.

Every model that users change keeps an append-only history (django-simple-history): who,
when, the row before and after. Business operations live in ``core.services``; views and
commands call them and nothing here saves on its own.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Government(models.Model):
    class Level(models.TextChoices):
        NATIONAL = "national", _("national")
        PROVINCIAL = "provincial", _("provincial")
        PREFECTURE = "prefecture", _("prefecture")
        COUNTY = "county", _("county")

    # A government is its name within its parent, not a name unique nationwide: 朝阳区 of
    # 北京市 and 朝阳区 of 长春市 are two governments (see ``key``).
    name = models.CharField(_("name"), max_length=100)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices, default=Level.COUNTY)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children",
                               verbose_name=_("parent"))
    code = models.CharField(_("administrative code"), max_length=12, blank=True,
                            help_text=_("the six-digit code of the administrative division, when known"))

    class Meta:
        verbose_name = _("government")
        verbose_name_plural = _("governments")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["parent", "name"], name="government_name_within_parent"),
            models.UniqueConstraint(fields=["name"], condition=models.Q(parent__isnull=True),
                                    name="government_top_level_name"),
            models.UniqueConstraint(fields=["code"], condition=~models.Q(code=""), name="government_code"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def key(self) -> str:
        """The government's names from the top down: 河北省/保定市/阜平县 (the panel's key)."""
        names, gov, seen = [], self, set()
        while gov is not None and gov.pk not in seen:
            seen.add(gov.pk)
            if gov.level != Government.Level.NATIONAL:
                names.append(gov.name)
            gov = gov.parent
        return "/".join(reversed(names)) or self.name


class Department(models.Model):
    government = models.ForeignKey(Government, on_delete=models.CASCADE, related_name="departments",
                                   verbose_name=_("government"))
    name = models.CharField(_("name"), max_length=100)
    order = models.PositiveIntegerField(_("order"), default=0)
    # 分管领导: the leader in charge, to whom a department that does not report is escalated
    leader = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="led_departments", verbose_name=_("leader in charge"))

    class Meta:
        verbose_name = _("department")
        verbose_name_plural = _("departments")
        ordering = ["government", "order", "name"]
        constraints = [models.UniqueConstraint(fields=["government", "name"], name="department_unique_name")]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person: an office admin, a department reporter or a leader of one government."""

    class Role(models.TextChoices):
        OFFICE = "office", _("office admin")
        REPORTER = "reporter", _("department reporter")
        LEADER = "leader", _("leader")

    government = models.ForeignKey(Government, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="users", verbose_name=_("government"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.LEADER)
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="users", verbose_name=_("department"))

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class Plan(models.Model):
    government = models.ForeignKey(Government, on_delete=models.PROTECT, related_name="plans",
                                   verbose_name=_("government"))
    year = models.PositiveIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    source_name = models.CharField(_("source file"), max_length=255, blank=True)
    source_file = models.FileField(_("source file"), upload_to="reports/%Y/", blank=True)
    encoding = models.CharField(_("encoding"), max_length=40, blank=True)
    engine_output = models.JSONField(_("engine output"), default=dict, blank=True)
    text = models.TextField(_("normalised text"), blank=True)
    published = models.BooleanField(_("published"), default=False)
    demo = models.BooleanField(_("demo data"), default=False)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("created by"))
    # Raised in the database by every change to the plan, its tree, targets, assignments,
    # reports, departments or government (``luoshi.core.revisions``); cached pages are keyed by
    # it. Never written by ``save``: an instance loaded earlier would set an older value back.
    revision = models.PositiveBigIntegerField(_("revision"), default=0, editable=False)
    history = HistoricalRecords(excluded_fields=["revision"])

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "government__name"]
        constraints = [models.UniqueConstraint(fields=["government", "year"], name="plan_unique_year")]

    def __str__(self) -> str:
        return f"{self.government} {self.year}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding and kwargs.get("update_fields") is None:
            kwargs["update_fields"] = [f.name for f in self._meta.concrete_fields
                                       if not f.primary_key and f.name != "revision"]
        super().save(*args, **kwargs)

    @property
    def cache_key(self) -> str:
        """Names this plan's content as of its revision (the creation time tells apart a plan
        that reuses the id of a deleted one, as SQLite may)."""
        return f"{self.pk}.{self.created.timestamp() if self.created else 0:.6f}.{self.revision}"


class Node(models.Model):
    """A node of the plan tree: part → goals/area → task → measure (any depth)."""

    class Kind(models.TextChoices):
        PART = "part", _("part")
        GOALS = "goals", _("goals")
        AREA = "area", _("area")
        TASK = "task", _("task")
        MEASURE = "measure", _("measure")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="nodes", verbose_name=_("plan"))
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children",
                               verbose_name=_("parent"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    role = models.CharField(_("role"), max_length=10, blank=True)
    number = models.CharField(_("number"), max_length=20, blank=True)
    title = models.TextField(_("title"))
    order = models.PositiveIntegerField(_("order"), default=0)
    depth = models.PositiveSmallIntegerField(_("depth"), default=0)
    span_start = models.PositiveIntegerField(default=0)
    span_end = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("plan node")
        verbose_name_plural = _("plan nodes")
        ordering = ["plan_id", "order"]  # the column: "plan" would join plans and governments to sort
        indexes = [models.Index(fields=["plan", "kind"])]

    def __str__(self) -> str:
        return f"{self.number}{self.title}"[:80]


class Target(models.Model):
    class Comparator(models.TextChoices):
        EQ = "=", "="
        GE = ">=", "≥"
        LE = "<=", "≤"
        ABOUT = "~", "≈"

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="targets", verbose_name=_("plan"))
    node = models.ForeignKey(Node, null=True, blank=True, on_delete=models.SET_NULL, related_name="targets",
                             verbose_name=_("area or task"))
    order = models.PositiveIntegerField(_("order"), default=0)
    metric = models.CharField(_("metric"), max_length=200)
    low = models.DecimalField(_("value (low)"), max_digits=24, decimal_places=4, null=True, blank=True)
    high = models.DecimalField(_("value (high)"), max_digits=24, decimal_places=4, null=True, blank=True)
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    comparator = models.CharField(_("comparator"), max_length=2, choices=Comparator.choices, default="=")
    aspirational = models.BooleanField(_("aspirational (力争)"), default=False)
    deadline = models.DateField(_("deadline"))
    text = models.TextField(_("sentence"), blank=True)
    quantity = models.CharField(_("as written"), max_length=100, blank=True)
    kind = models.CharField(_("kind of unit"), max_length=20, blank=True)
    indicator = models.CharField(_("indicator"), max_length=40, blank=True, db_index=True,
                                 help_text=_("the canonical indicator's code (gdp_growth), from the engine's catalog"))
    span_start = models.PositiveIntegerField(default=0)
    span_end = models.PositiveIntegerField(default=0)
    baseline = models.DecimalField(_("baseline"), max_digits=24, decimal_places=4, null=True, blank=True)
    weight = models.DecimalField(_("weight"), max_digits=8, decimal_places=2, default=1)
    qualitative = models.BooleanField(_("qualitative"), default=False)
    reviewed_status = models.CharField(_("status set by the reviewer"), max_length=20, blank=True)
    edited = models.BooleanField(_("edited by the office"), default=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    # 销号: set when the office approves the target's closure (``luoshi.supervision``)
    closed_on = models.DateField(_("closed (销号) on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan_id", "order"]  # the column: "plan" would join plans and governments to sort

    def __str__(self) -> str:
        return self.metric


class Assignment(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("lead (牵头)")
        SUPPORT = "support", _("support (配合)")

    node = models.ForeignKey(Node, null=True, blank=True, on_delete=models.CASCADE, related_name="assignments")
    target = models.ForeignKey(Target, null=True, blank=True, on_delete=models.CASCADE, related_name="assignments")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="assignments",
                                   verbose_name=_("department"))
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.LEAD)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(node__isnull=False, target__isnull=True)
                | models.Q(node__isnull=True, target__isnull=False),
                name="assignment_node_xor_target",
            ),
            # one role per department and target or node (NULLs differ, so each covers its kind)
            models.UniqueConstraint(fields=["target", "department"], name="assignment_unique_target_department"),
            models.UniqueConstraint(fields=["node", "department"], name="assignment_unique_node_department"),
        ]
        indexes = [models.Index(fields=["department", "role"])]


class ProgressReport(models.Model):
    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("submitted")
        ACCEPTED = "accepted", _("accepted")
        RETURNED = "returned", _("returned")

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="reports", verbose_name=_("target"))
    department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="reports", verbose_name=_("department"))
    as_of = models.DateField(_("as of"))
    value = models.DecimalField(_("value reached"), max_digits=24, decimal_places=4, null=True, blank=True)
    progress = models.TextField(_("progress (进展情况)"), blank=True)
    problems = models.TextField(_("problems (存在问题)"), blank=True)
    next_steps = models.TextField(_("next steps (下一步措施)"), blank=True)
    reporter = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="reports", verbose_name=_("reporter"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED)
    reviewer = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="reviewed_reports", verbose_name=_("reviewer"))
    reviewed = models.DateTimeField(_("reviewed"), null=True, blank=True)
    reason = models.TextField(_("reason for returning"), blank=True)
    demo = models.BooleanField(_("demo data"), default=False)
    created = models.DateTimeField(_("submitted at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")
        ordering = ["target_id", "-as_of", "-created"]  # the column, as for targets
        indexes = [models.Index(fields=["target", "status", "as_of"]), models.Index(fields=["status"])]


class Evidence(models.Model):
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(_("file"), upload_to="evidence/%Y/%m/")
    name = models.CharField(_("name"), max_length=255)
    size = models.PositiveBigIntegerField(_("size"))
    uploaded = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")


class LogEntry(models.Model):
    """An append-only record of an attempted change that did not become a row change:
    a save refused for a conflict, a rejected import. Saved changes are in the history tables."""

    created = models.DateTimeField(auto_now_add=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                             related_name="+")
    action = models.CharField(max_length=60)
    target = models.ForeignKey(Target, null=True, blank=True, on_delete=models.SET_NULL, related_name="log")
    data = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created"]
