from django.urls import path

from . import participant_record, views

app_name = "reports"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("definitions/", views.definitions, name="definitions"),
    path("export/<str:file_format>/", views.dashboard_export, name="dashboard_export"),
    path("yearly/<str:center_code>/<int:year>/", views.yearly_report, name="yearly_report"),
    path("surveys/<slug:code>/export/<str:file_format>/", views.survey_export, name="survey_export"),
    path("participants/<int:pk>/record.<str:file_format>", participant_record.participant_export,
         name="participant_export"),
]
