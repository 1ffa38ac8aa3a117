from django.urls import path

from . import views

app_name = "plans"
urlpatterns = [
    path("caseload/", views.caseload, name="caseload"),
    path("participant/<int:pk>/", views.participant_plan, name="participant"),
    path("participant/<int:pk>/vision/", views.vision_update, name="vision"),
    path("participant/<int:pk>/goals/new/", views.goal_create, name="goal_create"),
    path("participant/<int:pk>/tasks/new/", views.task_create, name="task_create"),
    path("participant/<int:pk>/meetings/new/", views.meeting_create, name="meeting_create"),
    path("participant/<int:pk>/notes/new/", views.note_create, name="note_create"),
    path("participant/<int:pk>/status/", views.status_change, name="status"),
    path("participant/<int:pk>/timeline/", views.timeline, name="timeline"),
    path("participant/<int:pk>/skills/", views.skills, name="skills"),
    path("goals/<int:pk>/status/", views.goal_status, name="goal_status"),
    path("tasks/<int:pk>/status/", views.task_status, name="task_status"),
    path("calendar/mine.ics", views.worker_calendar, name="my_calendar"),
    path("calendar/<int:worker_id>.ics", views.worker_calendar, name="worker_calendar"),
]
