from django.urls import path

from sedp.consultation import views

urlpatterns = [
    path("plan/<int:plan_pk>/", views.consultation_manage, name="consultation-plan-manage"),
    path(
        "plan/<int:plan_pk>/open/", views.consultation_open, name="consultation-consultation-open"
    ),
    path("<int:pk>/close/", views.consultation_close, name="consultation-consultation-close"),
    path("<int:pk>/report/", views.report_publish, name="consultation-report-publish"),
    path("<int:pk>/meeting/", views.meeting_create, name="consultation-meeting-create"),
    path("comment/<int:pk>/answer/", views.comment_answer, name="consultation-comment-answer"),
    path(
        "comment/<int:pk>/moderate/", views.comment_moderate, name="consultation-comment-moderate"
    ),
]
