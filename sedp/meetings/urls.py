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
]
