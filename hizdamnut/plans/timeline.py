"""Plans' events on the participant's timeline (the timeline itself lives in participants/timeline.py):
meetings, the notes the user may read, goals, tasks and skills assessments. Registered in PlansConfig.ready()."""

from django.utils.translation import gettext as _

from hizdamnut.participants.timeline import Event, day_text, name_of

from .models import Goal, Meeting, Note, SkillAssessment, Task


def plans_events(user, participant):
    events = []
    for meeting in Meeting.objects.filter(participant=participant).select_related("staff"):
        events.append(Event(
            meeting.starts_at, "meeting",
            _("%(kind)s meeting – %(attendance)s") % {
                "kind": meeting.get_kind_display(), "attendance": meeting.get_attendance_display()},
            _("%(minutes)s minutes") % {"minutes": meeting.duration_minutes}, name_of(meeting.staff),
        ))
    for note in Note.objects.visible_to(user).filter(participant=participant).select_related("author"):
        events.append(Event(note.created_at, "note", note.get_kind_display(), note.text, name_of(note.author),
                            {"therapeutic": note.kind == "therapeutic"}))
    for goal in Goal.objects.filter(plan__participant=participant).select_related("created_by"):
        events.append(Event(goal.created_at, "goal", _("Goal: %(goal)s") % {"goal": goal.what},
                            _("%(measure)s → %(target)s by %(date)s") % {
                                "measure": goal.measure, "target": goal.target, "date": day_text(goal.target_date)},
                            name_of(goal.created_by)))
    for task in Task.objects.filter(plan__participant=participant).select_related("created_by"):
        events.append(Event(task.created_at, "task", _("Task: %(task)s") % {"task": task.title},
                            _("%(owner)s · due %(date)s · %(status)s") % {
                                "owner": task.get_owner_display(), "date": day_text(task.due_date),
                                "status": task.get_status_display()},
                            name_of(task.created_by)))
    for assessment in SkillAssessment.objects.filter(participant=participant).select_related("assessor"):
        events.append(Event.on(assessment.assessed_on, "skills", _("Skills assessment"), "",
                               name_of(assessment.assessor), recorded_at=assessment.created_at))
    return events
