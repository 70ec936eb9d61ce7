"""The public portal, no login: /cong-khai/…"""

from django.urls import path

from sedp.portal import views

urlpatterns = [
    path("", views.portal_home, name="portal-home"),
    path("don-vi/<int:pk>/", views.unit_detail, name="portal-unit-detail"),
    path("ke-hoach/<int:pk>/", views.publication_detail, name="portal-publication-detail"),
]
