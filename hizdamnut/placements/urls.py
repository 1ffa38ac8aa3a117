from django.urls import path

from . import views

app_name = "placements"
urlpatterns = [
    path("hire/<int:candidacy_pk>/", views.hire, name="hire"),
    path("participants/<int:participant_pk>/", views.participant_placements, name="participant"),
    path("participants/<int:participant_pk>/new/", views.placement_create, name="create"),
    path("<int:pk>/", views.placement_detail, name="detail"),
    path("follow-ups/<int:pk>/", views.follow_up_record, name="follow_up"),
    path("follow-ups/<int:pk>/owner/", views.follow_up_owner, name="follow_up_owner"),
    path("follow-ups/due/", views.follow_ups_due, name="follow_ups_due"),
    path("outcomes/", views.outcomes, name="outcomes"),
    path("outcomes/matching/", views.match_outcomes_page, name="match_outcomes"),
]
