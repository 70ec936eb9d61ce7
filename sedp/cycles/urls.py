from django.urls import path

from sedp.cycles import views, views_followup, views_notices

urlpatterns = [
    path("templates/", views.template_list, name="cycles-template-list"),
    path("templates/<int:pk>/", views.template_detail, name="cycles-template-detail"),
    path("templates/<int:pk>/check/", views.template_validate, name="cycles-template-validate"),
    path("templates/<int:pk>/copy/", views.template_copy, name="cycles-template-copy"),
    path(
        "templates/<int:pk>/activities/<int:activity_pk>/reschedule/",
        views.activity_reschedule,
        name="cycles-activity-reschedule",
    ),
    path("", views.cycle_list, name="cycles-cycle-list"),
    path("open/", views.cycle_open, name="cycles-cycle-open"),
    path("tasks/mine/", views.task_mine, name="cycles-task-mine"),
    path("tasks/<int:pk>/", views.task_detail, name="cycles-task-detail"),
]

urlpatterns += [
    path("follow-up/", views_followup.followup_matrix, name="cycles-followup-matrix"),
    path(
        "<int:cycle_pk>/units/<int:unit_pk>/",
        views_followup.followup_unit,
        name="cycles-followup-unit",
    ),
    path("<int:pk>/timeline/", views_followup.cycle_timeline, name="cycles-cycle-timeline"),
]

urlpatterns += [
    path("notices/", views_notices.notice_list, name="cycles-notice-list"),
    path("notices/read/", views_notices.notice_read_all, name="cycles-notice-readall"),
    path(
        "notices/<str:source>/<int:pk>/read/",
        views_notices.notice_read,
        name="cycles-notice-read",
    ),
    path("calendars/", views_notices.calendar_list, name="cycles-calendar-list"),
    path("ical/<str:token>.ics", views_notices.calendar_feed, name="cycles-calendar-feed"),
]
