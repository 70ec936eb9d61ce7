from django.urls import path

from sedp.targets import views

urlpatterns = [
    path("", views.target_mine, name="targets-target-mine"),
    path("allocate/<int:unit_pk>/", views.allocation_grid, name="targets-allocation-grid"),
    path("budget/<int:pk>/", views.budget_estimate, name="targets-budget-estimate"),
]
