from django.urls import path

from sedp.core import views

urlpatterns = [
    path("", views.home, name="core-home"),
    path("history/", views.event_list, name="core-event-list"),
]
