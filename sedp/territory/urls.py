from django.urls import path

from sedp.territory import views

urlpatterns = [
    path("", views.structure_list, name="territory-structure-list"),
    path("structures/new/", views.structure_create, name="territory-structure-create"),
    path("structures/<int:pk>/", views.structure_detail, name="territory-structure-detail"),
    path("structures/<int:pk>/edit/", views.structure_update, name="territory-structure-update"),
    path(
        "structures/<int:structure_pk>/levels/new/",
        views.level_create,
        name="territory-level-create",
    ),
    path("levels/<int:pk>/edit/", views.level_update, name="territory-level-update"),
    path("units/", views.unit_list, name="territory-unit-list"),
    path("units/new/", views.unit_create, name="territory-unit-create"),
    path("units/import/", views.unit_import, name="territory-unit-import"),
    path("units/<int:pk>/", views.unit_detail, name="territory-unit-detail"),
    path("units/<int:pk>/edit/", views.unit_update, name="territory-unit-update"),
    path("sectors/", views.sector_list, name="territory-sector-list"),
    path("sectors/new/", views.sector_create, name="territory-sector-create"),
    path("sectors/<int:pk>/edit/", views.sector_update, name="territory-sector-update"),
    path("agencies/", views.agency_list, name="territory-agency-list"),
    path("agencies/new/", views.agency_create, name="territory-agency-create"),
    path("agencies/<int:pk>/", views.agency_detail, name="territory-agency-detail"),
    path("agencies/<int:pk>/edit/", views.agency_update, name="territory-agency-update"),
]
