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
    path("directives/", include("sedp.directives.urls")),
    path("groups/", include("sedp.groups.urls")),
    path("documents/", include("sedp.documents.urls")),
    path("fiveyear/", include("sedp.fiveyear.urls")),
    path("upper/", include("sedp.upper.urls")),
    path("revisions/", include("sedp.revisions.urls")),
    path("targets/", include("sedp.targets.urls")),
    path("consultation/", include("sedp.consultation.urls")),
    path("approval/", include("sedp.portal.urls")),
    path("cong-khai/tham-van/", include("sedp.consultation.public_urls")),
    path("cong-khai/", include("sedp.portal.public_urls")),
    path("", include("sedp.core.urls")),
]
