from django.urls import path

from sedp.activities import views

urlpatterns = [
    path("plan/<int:plan_pk>/new/", views.activity_create, name="activities-activity-create"),
    path("<int:pk>/edit/", views.activity_update, name="activities-activity-update"),
    path("<int:pk>/delete/", views.activity_delete, name="activities-activity-delete"),
    path("<int:pk>/status/", views.activity_status, name="activities-activity-status"),
    path(
        "<int:pk>/feasibility/",
        views.activity_feasibility,
        name="activities-activity-feasibility",
    ),
    path("plan/<int:plan_pk>/results/", views.result_create, name="activities-result-create"),
    path("results/<int:pk>/delete/", views.result_delete, name="activities-result-delete"),
]
urlpatterns += [
    path("plan/<int:plan_pk>/workbench/", views.workbench, name="activities-workbench"),
]
