from django.urls import path

from sedp.portal import views

urlpatterns = [
    path("assigned/", views.assigned_work, name="portal-assigned-list"),
    path("task/<int:unit_pk>/<int:year>/<str:page>/", views.task_plan, name="portal-task-plan"),
    path("plan/<int:plan_pk>/", views.approval_detail, name="portal-approval-detail"),
    path("plan/<int:plan_pk>/submit/", views.council_submit, name="portal-submission-create"),
    path("plan/<int:plan_pk>/question/", views.question_add, name="portal-question-create"),
    path(
        "plan/<int:plan_pk>/question/<int:pk>/answer/",
        views.question_answer,
        name="portal-question-answer",
    ),
    path("plan/<int:plan_pk>/resolution/", views.resolution_adopt, name="portal-resolution-create"),
    path("plan/<int:plan_pk>/publish/", views.plan_publish, name="portal-publication-create"),
    path("plan/<int:plan_pk>/adjust/", views.adjustment_start, name="portal-adjustment-create"),
    path(
        "plan/<int:plan_pk>/adjust/cancel/",
        views.adjustment_cancel,
        name="portal-adjustment-cancel",
    ),
    path(
        "plan/<int:plan_pk>/adjust/submit/",
        views.adjustment_submit,
        name="portal-adjustment-submit",
    ),
    path(
        "plan/<int:plan_pk>/adjust/resolution/",
        views.adjustment_adopt,
        name="portal-adjustment-adopt",
    ),
]
