from auditlog.models import LogEntry

from hizdamnut.centers.scoping import sees_all_centers, visible_center_ids


def audit_entries_for(user):
    """Audit entries of the centers a user may see, newest first."""
    entries = LogEntry.objects.select_related("actor", "content_type").order_by("-timestamp", "-pk")
    if sees_all_centers(user):
        return entries
    return entries.filter(additional_data__center__in=visible_center_ids(user))
