from django.urls import path

from sedp.fiveyear import views

urlpatterns = [
    path("", views.plan_list, name="fiveyear-plan-list"),
    path("<int:pk>/", views.plan_detail, name="fiveyear-plan-detail"),
    path("<int:pk>/rename/", views.plan_rename, name="fiveyear-plan-rename"),
    path("<int:pk>/delete/", views.plan_delete, name="fiveyear-plan-delete"),
    path("<int:pk>/progress/", views.plan_progress, name="fiveyear-plan-progress"),
    path("<int:pk>/<str:part>/<int:item_pk>/edit/", views.item_edit, name="fiveyear-item-edit"),
    path(
        "<int:pk>/<str:part>/<int:item_pk>/delete/",
        views.item_delete,
        name="fiveyear-item-delete",
    ),
    path("tasks/<int:pk>/progress/", views.task_progress, name="fiveyear-task-progress"),
    path("annual/<int:plan_pk>/", views.annual_links, name="fiveyear-link-list"),
    path("orientation/", views.orientation_start, name="fiveyear-orientation-start"),
    path("orientation/<int:pk>/", views.orientation_detail, name="fiveyear-orientation-detail"),
    path(
        "orientation/<int:pk>/summary/",
        views.orientation_summary,
        name="fiveyear-orientation-summary",
    ),
    path("orientation/<int:pk>/issue/", views.orientation_issue, name="fiveyear-orientation-issue"),
    path(
        "orientation/<int:pk>/conference1/",
        views.conference1_create,
        name="fiveyear-conference1-create",
    ),
    path(
        "orientation/<int:pk>/guidance/",
        views.form_guidance_edit,
        name="fiveyear-form-guidance",
    ),
    path(
        "orientation/<int:pk>/dialogue/",
        views.dialogue_create,
        name="fiveyear-dialogue-create",
    ),
    path("forms/<int:pk>/", views.form_indicators, name="fiveyear-form-indicators"),
    path("forms/<int:pk>/gather/", views.form_gather, name="fiveyear-form-gather"),
]
