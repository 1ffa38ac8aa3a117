from django.urls import path

from . import views

app_name = "training"
urlpatterns = [
    path("", views.training_list, name="list"),
    path("courses/new/", views.course_create, name="course_create"),
    path("applications/new/", views.application_create, name="application_create"),
    path("applications/<int:pk>/", views.application_detail, name="application"),
]
