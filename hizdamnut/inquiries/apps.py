from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from hizdamnut.centers.app_ready import register_app

MODELS = ["Inquiry", "InquiryStatusChange", "Screening", "InquiryCategory"]


class InquiriesConfig(AppConfig):
    name = "hizdamnut.inquiries"
    verbose_name = _("Inquiries")

    def ready(self):
        register_app(self, audited=MODELS, participant_file=True)
