"""Career plans, goals, tasks, meetings, notes and skills assessments: the long middle of the journey."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from hizdamnut.centers.roles import Role
from hizdamnut.centers.scoping import CenterOwned, CenterScopedQuerySet, user_role
from hizdamnut.participants.models import Participant
from hizdamnut.versioning import Versioned


class CareerPlan(CenterOwned, Versioned, models.Model):
    """One plan per participant: the occupational vision in their own words, goals and tasks."""

    participant = models.OneToOneField(Participant, on_delete=models.CASCADE, related_name="career_plan")
    vision = models.TextField(_("occupational vision (in the participant's own words)"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "participant__center"

    class Meta:
        verbose_name = _("career plan")
        verbose_name_plural = _("career plans")
        # Caseload counts go from a center's participants to their plans' tasks: the plan of each participant is
        # found in this index alone, without reading the plans (the unique index on participant holds no id).
        indexes = [models.Index(fields=["participant", "id"], name="plan_participant_and_id")]

    def __str__(self):
        return str(self.participant)


class GoalStatus(models.TextChoices):
    OPEN = "open", _("In progress")
    ACHIEVED = "achieved", _("Achieved")
    DROPPED = "dropped", _("Set aside")


class Goal(CenterOwned, Versioned, models.Model):
    """A SMART goal: what, how it is measured, the target, by when, and why it matters to the participant."""

    plan = models.ForeignKey(CareerPlan, on_delete=models.CASCADE, related_name="goals")
    what = models.CharField(_("goal"), max_length=200)
    measure = models.CharField(_("how it is measured"), max_length=200)
    target = models.CharField(_("target"), max_length=100)
    target_date = models.DateField(_("target date"))
    why = models.TextField(_("why it matters to the participant"), blank=True)
    status = models.CharField(_("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "plan__participant__center"

    class Meta:
        ordering = ["target_date", "pk"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.CheckConstraint(condition=~Q(measure=""), name="goal_has_a_measure"),
        ]

    def __str__(self):
        return self.what


class TaskOwner(models.TextChoices):
    PARTICIPANT = "participant", _("Participant")
    STAFF = "staff", _("Staff")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class TaskQuerySet(CenterScopedQuerySet):
    def overdue(self, today):
        return self.filter(status=TaskStatus.OPEN, due_date__lt=today)


class Task(CenterOwned, Versioned, models.Model):
    """A task agreed between meetings (seed: "between meetings the worker equips the client with defined tasks")."""

    plan = models.ForeignKey(CareerPlan, on_delete=models.CASCADE, related_name="tasks")
    title = models.CharField(_("task"), max_length=200)
    owner = models.CharField(_("who does it"), max_length=12, choices=TaskOwner.choices, default=TaskOwner.PARTICIPANT)
    due_date = models.DateField(_("due date"))
    status = models.CharField(_("status"), max_length=10, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TaskQuerySet.as_manager()
    center_path = "plan__participant__center"

    class Meta:
        ordering = ["due_date", "pk"]
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        indexes = [
            models.Index(fields=["status", "due_date"]),
            # Overdue tasks (caseloads, the dashboard) are read among the open ones alone, a small share of all.
            models.Index(fields=["due_date", "plan"], condition=models.Q(status=TaskStatus.OPEN),
                         name="task_open_by_due_date"),
        ]

    def __str__(self):
        return self.title


class PlanChange(CenterOwned, models.Model):
    """The plan's own history: what changed, when and by whom (shown on the plan page)."""

    plan = models.ForeignKey(CareerPlan, on_delete=models.CASCADE, related_name="changes")
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    what = models.CharField(_("what changed"), max_length=300)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "plan__participant__center"

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("plan change")
        verbose_name_plural = _("plan changes")

    def __str__(self):
        return self.what


class MeetingKind(models.TextChoices):
    INDIVIDUAL = "individual", _("Individual")
    GROUP = "group", _("Group")
    PHONE = "phone", pgettext_lazy("meeting kind", "Phone")
    VIDEO = "video", _("Video")
    HOME_VISIT = "home_visit", _("Home visit")


class Attendance(models.TextChoices):
    HELD = "held", _("Held")
    NO_SHOW = "no_show", _("Did not come")
    CANCELLED = "cancelled", _("Cancelled")


class Meeting(CenterOwned, Versioned, models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind of meeting"), max_length=12, choices=MeetingKind.choices)
    starts_at = models.DateTimeField(_("date and time"))
    duration_minutes = models.PositiveSmallIntegerField(_("duration (minutes)"), default=45)
    staff = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("staff member")
    )
    attendance = models.CharField(_("attendance"), max_length=10, choices=Attendance.choices, default=Attendance.HELD)
    next_meeting_at = models.DateTimeField(_("next meeting"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "participant__center"

    class Meta:
        ordering = ["-starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["participant", "starts_at"])]
        constraints = [models.CheckConstraint(condition=Q(duration_minutes__gt=0), name="meeting_has_duration")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d}"


class NoteKind(models.TextChoices):
    TEAM = "team", _("Team note")
    THERAPEUTIC = "therapeutic", _("Therapeutic note")


class NoteQuerySet(CenterScopedQuerySet):
    def visible_to(self, user):
        """Team notes for the center team; a therapeutic note only for the social worker who wrote it and
        the center manager (seed: long-term therapeutic accompaniment is led by the social worker)."""
        notes = self.for_user(user)
        if user_role(user) == Role.MANAGER:
            return notes
        return notes.filter(Q(kind=NoteKind.TEAM) | Q(kind=NoteKind.THERAPEUTIC, author=user))


class Note(CenterOwned, models.Model):
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="notes")
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, null=True, blank=True, related_name="notes")
    kind = models.CharField(_("kind of note"), max_length=12, choices=NoteKind.choices, default=NoteKind.TEAM)
    text = models.TextField(_("note"))
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = NoteQuerySet.as_manager()
    center_path = "participant__center"

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self):
        return f"{self.get_kind_display()} ({self.created_at:%Y-%m-%d})"


class SkillField(models.TextChoices):
    SOFT = "soft", _("Soft skills")
    CORE = "core", _("Core skills (PIAAC)")
    PROFESSIONAL = "professional", _("Professional skills")


class Skill(models.TextChoices):
    """The skills assessed (seed: core skills courses — PIAAC; soft-skills workshops; professional training)."""

    LISTENING = "listening", _("Listening and conversation")
    TEAMWORK = "teamwork", _("Teamwork")
    CONFLICT = "conflict", _("Handling conflict")
    NEGOTIATION = "negotiation", _("Negotiation")
    HEBREW = "hebrew", _("Work Hebrew")
    ENGLISH = "english", _("English")
    NUMERACY = "numeracy", _("Numeracy and technology")
    DIGITAL = "digital", _("Computer and digital skills")
    OCCUPATION = "occupation", _("Skills of the chosen occupation")
    EXPERIENCE = "experience", _("Work experience in the field")


SKILL_FIELDS = {
    Skill.LISTENING: SkillField.SOFT, Skill.TEAMWORK: SkillField.SOFT, Skill.CONFLICT: SkillField.SOFT,
    Skill.NEGOTIATION: SkillField.SOFT, Skill.HEBREW: SkillField.CORE, Skill.ENGLISH: SkillField.CORE,
    Skill.NUMERACY: SkillField.CORE, Skill.DIGITAL: SkillField.CORE, Skill.OCCUPATION: SkillField.PROFESSIONAL,
    Skill.EXPERIENCE: SkillField.PROFESSIONAL,
}


class Level(models.IntegerChoices):
    """The scale every skill is rated on."""

    BEGINNING = 1, _("1 – just beginning")
    BASIC = 2, _("2 – basic")
    WORKING = 3, _("3 – enough for work with support")
    INDEPENDENT = 4, _("4 – independent")
    STRONG = 5, _("5 – strong, can teach others")


class SkillAssessment(CenterOwned, models.Model):
    """One periodic assessment: a score for each skill on the defined 1–5 scale."""

    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="skill_assessments")
    assessed_on = models.DateField(_("date of assessment"))
    assessor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "participant__center"

    class Meta:
        ordering = ["assessed_on", "pk"]
        verbose_name = _("skills assessment")
        verbose_name_plural = _("skills assessments")

    def __str__(self):
        return f"{self.participant} {self.assessed_on}"


class SkillScore(CenterOwned, models.Model):
    assessment = models.ForeignKey(SkillAssessment, on_delete=models.CASCADE, related_name="scores")
    skill = models.CharField(_("skill"), max_length=20, choices=Skill.choices)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)

    objects = CenterScopedQuerySet.as_manager()
    center_path = "assessment__participant__center"

    class Meta:
        verbose_name = _("skill score")
        verbose_name_plural = _("skill scores")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "skill"], name="one_score_per_skill"),
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="level_on_scale"),
        ]

    def __str__(self):
        return f"{self.get_skill_display()}: {self.level}"

    @property
    def field(self):
        return SKILL_FIELDS[self.skill]

