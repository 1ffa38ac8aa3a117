from django.urls import path

from . import views

app_name = "programs"
urlpatterns = [
    path("", views.program_list, name="list"),
    path("p/<slug:code>/", views.program_detail, name="program"),
    path("cohorts/<int:pk>/", views.cohort_detail, name="cohort"),
    path("cohorts/<int:pk>/enroll/", views.enroll, name="enroll"),
    path("cohorts/<int:pk>/sessions/new/", views.session_create, name="session_create"),
    path("cohorts/<int:pk>/calendar.ics", views.cohort_calendar, name="cohort_calendar"),
    path("enrollments/<int:pk>/end/", views.end_enrollment, name="end_enrollment"),
    path("sessions/<int:pk>/attendance/", views.attendance, name="attendance"),
]
