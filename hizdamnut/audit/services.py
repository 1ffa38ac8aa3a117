from auditlog.models import LogEntry


def record_view(*, instance, actor):
    """Writes that `actor` opened a participant's record: every view of personal data is audited."""
    return LogEntry.objects.log_create(instance, force_log=True, action=LogEntry.Action.ACCESS, changes=None, actor=actor)


def record_export(*, instance, actor, file_format):
    """Writes that `actor` downloaded everything held about a participant (right of access), and in what form."""
    return LogEntry.objects.log_create(instance, force_log=True, action=LogEntry.Action.ACCESS, changes=None,
                                       actor=actor, additional_data={"export": file_format})


def record_anonymization(*, instance):
    """Writes that a participant's record was anonymized under the retention policy (no old values kept)."""
    return LogEntry.objects.log_create(instance, force_log=True, action=LogEntry.Action.UPDATE, changes=None,
                                       changes_text="anonymized after the retention period",
                                       additional_data={"anonymized": True})
