from django.urls import path

from . import views

app_name = "intake"
urlpatterns = [
    path("new/", views.intake_create, name="create"),
    path("model/", views.model, name="model"),
    path("<int:pk>/", views.intake_detail, name="detail"),
    path("<int:pk>/decision/", views.intake_decide, name="decide"),
    path("referrals/", views.referral_list, name="referrals"),
    path("referrals/new/", views.referral_create, name="referral_create"),
    path("referrals/<int:pk>/", views.referral_detail, name="referral_detail"),
]
