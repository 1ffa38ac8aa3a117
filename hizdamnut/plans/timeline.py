"""Plans' events on the participant's timeline (the timeline itself lives in participants/timeline.py):
meetings, the notes the user may read, goals, tasks and skills assessments. Registered in PlansConfig.ready()."""

from django.utils.translation import gettext as _

from hizdamnut.participants.timeline import Event, day_text, name_of

from .models import Goal, Meeting, Note, SkillAssessment, Task


# The participant's records of each kind, shared by the file's sections (participant_file.py) and the timeline.
def meetings_of(user, participant):
    """The participant's meetings, latest first."""
    return Meeting.objects.filter(participant=participant).select_related("staff")


def notes_of(user, participant):
    """The notes on the participant the user may read, newest first."""
    return Note.objects.visible_to(user).filter(participant=participant).select_related("author")


def goals_of(user, participant):
    """The goals of the participant's plans, by target date."""
    return Goal.objects.filter(plan__participant=participant).select_related("created_by")


def tasks_of(user, participant):
    """The tasks of the participant's plans, by due date."""
    return Task.objects.filter(plan__participant=participant).select_related("created_by")


def assessments_of(user, participant):
    """The participant's skills assessments in date order."""
    return SkillAssessment.objects.filter(participant=participant).select_related("assessor")


def plans_events(user, participant, records):
    events = []
    for meeting in records.of(meetings_of):
        events.append(Event(
            meeting.starts_at, "meeting",
            _("%(kind)s meeting – %(attendance)s") % {
                "kind": meeting.get_kind_display(), "attendance": meeting.get_attendance_display()},
            _("%(minutes)s minutes") % {"minutes": meeting.duration_minutes}, name_of(meeting.staff),
        ))
    for note in records.of(notes_of):
        events.append(Event(note.created_at, "note", note.get_kind_display(), note.text, name_of(note.author),
                            {"therapeutic": note.kind == "therapeutic"}))
    for goal in records.of(goals_of):
        events.append(Event(goal.created_at, "goal", _("Goal: %(goal)s") % {"goal": goal.what},
                            _("%(measure)s → %(target)s by %(date)s") % {
                                "measure": goal.measure, "target": goal.target, "date": day_text(goal.target_date)},
                            name_of(goal.created_by)))
    for task in records.of(tasks_of):
        events.append(Event(task.created_at, "task", _("Task: %(task)s") % {"task": task.title},
                            _("%(owner)s · due %(date)s · %(status)s") % {
                                "owner": task.get_owner_display(), "date": day_text(task.due_date),
                                "status": task.get_status_display()},
                            name_of(task.created_by)))
    for assessment in records.of(assessments_of):
        events.append(Event.on(assessment.assessed_on, "skills", _("Skills assessment"), "",
                               name_of(assessment.assessor), recorded_at=assessment.created_at))
    return events
