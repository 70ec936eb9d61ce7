from django.urls import path

from sedp.revisions import views

urlpatterns = [
    path("plan/<int:pk>/", views.version_list, name="revisions-version-list"),
    path("plan/<int:pk>/compare/", views.version_compare, name="revisions-version-compare"),
    path("plan/<int:pk>/compare/word/", views.change_report_docx, name="revisions-change-report"),
    path("plan/<int:pk>/request/", views.request_issue, name="revisions-request-issue"),
    path(
        "plan/<int:pk>/request/<int:request_pk>/reopen/",
        views.request_reopen,
        name="revisions-request-reopen",
    ),
    path(
        "plan/<int:pk>/request/<int:request_pk>/respond/",
        views.request_respond,
        name="revisions-request-respond",
    ),
    path("agency/<int:agency_pk>/<int:year>/", views.agency_plan, name="revisions-agency-plan"),
    path("request/<int:request_pk>/", views.request_detail, name="revisions-request-detail"),
]
