from django.urls import include, path

urlpatterns = [
    path("i18n/", include("django.conf.urls.i18n")),
    path("accounts/", include("sedp.accounts.urls")),
    path("territory/", include("sedp.territory.urls")),
    path("indicators/", include("sedp.indicators.urls")),
    path("cycles/", include("sedp.cycles.urls")),
    path("plans/", include("sedp.plans.urls")),
    path("activities/", include("sedp.activities.urls")),
    path("meetings/", include("sedp.meetings.urls")),
    path("monitoring/", include("sedp.monitoring.urls")),
    path("", include("sedp.core.urls")),
]
