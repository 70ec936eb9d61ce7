"""Residents' pages, no login: /cong-khai/tham-van/…"""

from django.urls import path

from sedp.consultation import views

urlpatterns = [
    path("<int:pk>/", views.public_consultation, name="consultation-public-detail"),
    path("<int:pk>/phan-hoi/", views.public_report, name="consultation-public-report"),
    path(
        "<int:pk>/phan-hoi/van-ban.docx",
        views.public_report_document,
        name="consultation-public-report-document",
    ),
]
