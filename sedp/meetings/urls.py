from django.urls import path

from sedp.meetings import views

urlpatterns = [
    path("plan/<int:plan_pk>/new/", views.meeting_create, name="meetings-meeting-create"),
    path("<int:pk>/edit/", views.meeting_update, name="meetings-meeting-update"),
    path(
        "plan/<int:plan_pk>/conference/",
        views.conference_create,
        name="meetings-conference-create",
    ),
    path("<int:pk>/decide/", views.decision_create, name="meetings-decision-create"),
    path(
        "plan/<int:plan_pk>/disagreement/",
        views.disagreement_create,
        name="meetings-disagreement-create",
    ),
    path(
        "disagreement/<int:pk>/settle/",
        views.disagreement_settle,
        name="meetings-disagreement-settle",
    ),
]
