from auditlog.models import LogEntry


def record_view(*, instance, actor):
    """Writes that `actor` opened a participant's record: every view of personal data is audited."""
    return LogEntry.objects.log_create(instance, force_log=True, action=LogEntry.Action.ACCESS, changes=None, actor=actor)
