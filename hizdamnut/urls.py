from django.contrib import admin
from django.urls import include, path

from hizdamnut.api.api import api

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("accounts/", include("hizdamnut.accounts.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    path("participants/", include("hizdamnut.participants.urls")),
    path("audit/", include("hizdamnut.audit.urls")),
    path("jobs/", include("hizdamnut.jobs.urls")),
    path("inquiries/", include("hizdamnut.inquiries.urls")),
    path("intake/", include("hizdamnut.intake.urls")),
    path("directory/", include("hizdamnut.directory.urls")),
    path("occupations/", include("hizdamnut.occupations.urls")),
    path("plans/", include("hizdamnut.plans.urls")),
    path("programs/", include("hizdamnut.programs.urls")),
    path("employers/", include("hizdamnut.employers.urls")),
    path("training/", include("hizdamnut.training.urls")),
    path("placements/", include("hizdamnut.placements.urls")),
    path("surveys/", include("hizdamnut.surveys.urls")),
    path("imports/", include("hizdamnut.imports.urls")),
    path("reports/", include("hizdamnut.reports.urls")),
]

handler500 = "hizdamnut.views.server_error"
