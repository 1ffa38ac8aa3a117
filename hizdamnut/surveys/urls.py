from django.urls import path

from . import views

app_name = "surveys"
urlpatterns = [
    path("", views.questionnaire_list, name="list"),
    path("thanks/", views.thanks, name="thanks"),
    path("answer/<str:token>/", views.answer, name="answer"),
    path("<slug:code>/", views.questionnaire_report, name="report"),
    path("<slug:code>/paper/", views.paper_entry, name="paper"),
    path("<slug:code>/qr/<str:center_code>/", views.printable_qr, name="qr"),
]
