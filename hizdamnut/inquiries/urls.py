from django.urls import path

from . import views

app_name = "inquiries"
urlpatterns = [
    path("", views.queue, name="queue"),
    path("new/", views.inquiry_create, name="create"),
    path("matches/", views.likely_matches, name="matches"),
    path("rules/", views.rules, name="rules"),
    path("subcategories/", views.subcategories, name="subcategories"),
    path("report/", views.report, name="report"),
    path("<int:pk>/", views.inquiry_detail, name="detail"),
    path("<int:pk>/status/", views.inquiry_status, name="status"),
    path("<int:pk>/schedule/", views.inquiry_schedule, name="schedule"),
    path("<int:pk>/screen/", views.inquiry_screen, name="screen"),
    path("<int:pk>/register/", views.inquiry_register, name="register"),
    path("<int:pk>/link/", views.inquiry_link, name="link"),
    path("screenings/<int:pk>/override/", views.screening_override, name="override"),
]
