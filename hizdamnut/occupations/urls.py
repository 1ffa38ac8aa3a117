from django.urls import path

from . import views

app_name = "occupations"
urlpatterns = [
    path("suggest/", views.suggestions, name="suggest"),
]
