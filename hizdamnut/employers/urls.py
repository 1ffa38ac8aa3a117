from django.urls import path

from . import views

app_name = "employers"
urlpatterns = [
    path("", views.employer_list, name="list"),
    path("new/", views.employer_create, name="create"),
    path("<int:pk>/", views.employer_detail, name="detail"),
    path("<int:pk>/edit/", views.employer_update, name="update"),
    path("<int:pk>/board/", views.employer_board, name="board"),
    path("openings/new/", views.opening_create, name="opening_create"),
    path("openings/<int:pk>/", views.opening_detail, name="opening"),
    path("openings/<int:pk>/edit/", views.opening_update, name="opening_update"),
    path("openings/<int:pk>/recommend/", views.recommend, name="recommend"),
    path("candidates/<int:pk>/move/", views.candidacy_move, name="move"),
    path("participants/<int:pk>/", views.participant_matches, name="participant"),
]
