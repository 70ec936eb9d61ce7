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
