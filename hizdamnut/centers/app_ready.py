"""What every app's AppConfig.ready() does: keep its models in the audit log, and add its part of the
participant file. One function, so an app states only which models and which options."""

from importlib import import_module


def register_app(config, *, audited=(), audit_options=None, participant_file=False):
    """Registers the app's models named in `audited` with the audit log (with `audit_options[name]` as
    extra arguments, e.g. fields kept out of the log), then, with `participant_file`, calls the app's
    participant_file.register()."""
    from auditlog.registry import auditlog

    audit_options = audit_options or {}
    for name in audited:
        auditlog.register(config.get_model(name), **audit_options.get(name, {}))
    if participant_file:
        import_module(f"{config.name}.participant_file").register()
