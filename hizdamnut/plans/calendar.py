"""The .ics feed of a worker's meetings, so they show in the worker's own calendar app."""

from hizdamnut.ics import build_calendar


def meetings_calendar(worker, meetings, upcoming):
    """A worker's meetings; a participant is named by first name and initial only (the feed leaves the system)."""
    items = []
    for meeting in meetings:
        who = f"{meeting.participant.first_name} {meeting.participant.last_name[:1]}."
        items.append((f"meeting-{meeting.pk}@hizdamnut", meeting.starts_at, meeting.duration_minutes,
                      f"{meeting.get_kind_display()}: {who}", meeting.get_attendance_display()))
    for meeting in upcoming:
        who = f"{meeting.participant.first_name} {meeting.participant.last_name[:1]}."
        items.append((f"next-{meeting.pk}@hizdamnut", meeting.next_meeting_at, meeting.duration_minutes,
                      f"{who}", ""))
    return build_calendar(worker.get_full_name() or worker.username, items)
