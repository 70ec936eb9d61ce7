from django.urls import path

from sedp.upper import views

urlpatterns = [
    path("", views.index, name="upper-index"),
    path("route/<int:agency_pk>/", views.route, name="upper-communes-route"),
    path("summary/<int:unit_pk>/", views.summary, name="upper-summary-detail"),
    path("dispatch/<int:pk>/review/", views.dispatch_review, name="upper-dispatch-review"),
    path("plan/<int:pk>/trace/", views.trace, name="upper-plan-trace"),
    path("plan/<int:pk>/compare/", views.compare, name="upper-plan-compare"),
    path("plan/<int:pk>/register/", views.register, name="upper-plan-register"),
    path("plan/<int:pk>/draft/", views.draft, name="upper-plan-draft"),
    path("plan/<int:pk>/feedback/", views.feedback, name="upper-plan-feedback"),
    path("plan/<int:pk>/send/", views.send, name="upper-plan-send"),
    path("plan/<int:pk>/send-up/", views.send_up, name="upper-plan-sendup"),
    path("plan/<int:pk>/opinion/", views.opinion, name="upper-plan-opinion"),
    path("plan/<int:pk>/conference/", views.conference, name="upper-plan-conference"),
    path(
        "disagreement/<int:pk>/settle/",
        views.disagreement_settle,
        name="upper-disagreement-settle",
    ),
]
