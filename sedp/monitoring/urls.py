from django.urls import path

from sedp.monitoring import framework_upload, views

urlpatterns = [
    path("", views.framework_list, name="monitoring-framework-list"),
    path("plans/<int:pk>/", views.framework_detail, name="monitoring-framework-detail"),
    path("plans/<int:pk>/prefill/", views.framework_prefill, name="monitoring-framework-prefill"),
    path(
        "plans/<int:pk>/complete/", views.framework_complete, name="monitoring-framework-complete"
    ),
    path("plans/<int:pk>/export/", views.framework_export, name="monitoring-framework-export"),
    path(
        "plans/<int:pk>/upload/",
        framework_upload.framework_upload,
        name="monitoring-framework-upload",
    ),
    path("plans/<int:pk>/start/", views.monitoring_start, name="monitoring-plan-start"),
    path("plans/<int:pk>/dashboard/", views.dashboard_plan, name="monitoring-dashboard-plan"),
    path(
        "plans/<int:pk>/assessment/", views.assessment_fill_view, name="monitoring-assessment-fill"
    ),
    path("rows/<int:pk>/delete/", views.row_delete, name="monitoring-row-delete"),
    path("rows/<int:pk>/explain/", views.explanation_create, name="monitoring-explanation-create"),
    path("units/<int:pk>/", views.dashboard_unit, name="monitoring-dashboard-unit"),
    path("work/", views.work_mine, name="monitoring-work-mine"),
    path("tasks/<int:pk>/", views.task_detail, name="monitoring-task-detail"),
    path(
        "tasks/<int:pk>/evidence/<int:evidence_pk>/",
        views.evidence_download,
        name="monitoring-evidence-download",
    ),
    path("explanations/<int:pk>/", views.explanation_detail, name="monitoring-explanation-detail"),
]
