from django.contrib.auth import views as auth_views
from django.urls import path

from sedp.accounts import views

urlpatterns = [
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="accounts/login.html"),
        name="accounts-login",
    ),
    path("logout/", auth_views.LogoutView.as_view(), name="accounts-logout"),
    path("password/", views.password_change, name="accounts-password-change"),
    path("users/", views.user_list, name="accounts-user-list"),
    path("users/new/", views.user_create, name="accounts-user-create"),
    path("users/<int:pk>/", views.user_update, name="accounts-user-update"),
    path(
        "agencies/<int:agency_pk>/members/add/",
        views.membership_create,
        name="accounts-membership-create",
    ),
    path(
        "agencies/<int:agency_pk>/members/<int:pk>/edit/",
        views.membership_update,
        name="accounts-membership-update",
    ),
    path(
        "agencies/<int:agency_pk>/members/<int:pk>/remove/",
        views.membership_delete,
        name="accounts-membership-delete",
    ),
]
