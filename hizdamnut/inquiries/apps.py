from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InquiriesConfig(AppConfig):
    name = "hizdamnut.inquiries"
    verbose_name = _("Inquiries")

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Inquiry, InquiryCategory, InquiryStatusChange, Screening

        auditlog.register(Inquiry)
        auditlog.register(InquiryStatusChange)
        auditlog.register(Screening)
        auditlog.register(InquiryCategory)

        from .participant_file import register

        register()
