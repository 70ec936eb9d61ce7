from django.urls import path

from sedp.indicators import views

urlpatterns = [
    path("", views.indicator_list, name="indicators-indicator-list"),
    path("new/", views.indicator_create, name="indicators-indicator-create"),
    path("<int:pk>/edit/", views.indicator_update, name="indicators-indicator-update"),
    path("units/<int:pk>/", views.unit_grid, name="indicators-grid-detail"),
    path("units/<int:pk>/rollup/", views.unit_rollup, name="indicators-rollup-detail"),
    path("units/<int:pk>/forecast/", views.unit_forecast, name="indicators-forecast-detail"),
    path(
        "units/<int:pk>/forecast/accept/", views.forecast_accept, name="indicators-forecast-accept"
    ),
    path(
        "units/<int:pk>/charts/<int:indicator_pk>/",
        views.indicator_chart,
        name="indicators-chart-detail",
    ),
    path("units/<int:pk>/export/", views.grid_export, name="indicators-grid-export"),
    path("units/<int:pk>/import/", views.grid_import, name="indicators-grid-import"),
    path("units/<int:pk>/cell/", views.cell_save, name="indicators-cell-save"),
    path("agencies/<int:pk>/", views.agency_grid, name="indicators-agency-grid-detail"),
    path("agencies/<int:pk>/cell/", views.agency_cell_save, name="indicators-agency-cell-save"),
]
