from django.urls import path

from . import views

app_name = "imports"
urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:code>/", views.upload, name="upload"),
    path("<slug:code>/save/", views.save, name="save"),
    path("<slug:code>/jobs/<int:pk>/", views.job, name="job"),
    path("<slug:code>/template.xlsx", views.template, name="template"),
]
