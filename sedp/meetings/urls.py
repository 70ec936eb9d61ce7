from django.urls import path

from sedp.meetings import views

urlpatterns = [
    path("plan/<int:plan_pk>/new/", views.meeting_create, name="meetings-meeting-create"),
    path("<int:pk>/edit/", views.meeting_update, name="meetings-meeting-update"),
]
