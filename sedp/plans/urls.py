from django.urls import path

from sedp.plans import views, views_xlsx

urlpatterns = [
    path("", views.plan_list, name="plans-plan-list"),
    path("new/", views.plan_create, name="plans-plan-create"),
    path("<int:pk>/", views.plan_detail, name="plans-plan-detail"),
    path("<int:pk>/text/", views.plan_sections, name="plans-plan-sections"),
    path("<int:pk>/submit/", views.plan_submit, name="plans-plan-submit"),
    path("<int:pk>/review/", views.plan_review, name="plans-plan-review"),
    path("<int:pk>/collection/", views.plan_collection, name="plans-plan-collection"),
    path("<int:pk>/consolidate/", views.plan_consolidate_view, name="plans-plan-consolidate"),
    path("<int:pk>/envelope/", views.plan_envelope, name="plans-plan-envelope"),
    path("<int:pk>/merge/", views.plan_merge, name="plans-plan-merge"),
    path("<int:pk>/xlsx/", views_xlsx.proposal_download, name="plans-proposal-download"),
    path("<int:pk>/xlsx/upload/", views_xlsx.proposal_upload, name="plans-proposal-upload"),
]
urlpatterns += [
    path("<int:pk>/draft/", views.plan_draft, name="plans-plan-draft"),
    path("<int:pk>/prefill/", views.plan_prefill, name="plans-plan-prefill"),
    path("<int:pk>/complete/", views.plan_complete, name="plans-plan-complete"),
    path("<int:pk>/opinion/", views.plan_opinion, name="plans-plan-opinion"),
    path("<int:pk>/framework/", views.plan_framework, name="plans-plan-framework"),
    path(
        "<int:pk>/framework/record/",
        views.plan_framework_record,
        name="plans-plan-framework-record",
    ),
    path(
        "<int:pk>/framework/upload/",
        views_xlsx.framework_upload,
        name="plans-plan-framework-upload",
    ),
]
