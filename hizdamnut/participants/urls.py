from django.urls import path

from . import views

app_name = "participants"
urlpatterns = [
    path("", views.participant_list, name="list"),
    path("new/", views.participant_create, name="create"),
    path("picker/", views.participant_picker, name="picker"),
    path("<int:pk>/", views.participant_detail, name="detail"),
    path("<int:pk>/edit/", views.participant_update, name="update"),
]
