from django.urls import path

from sedp.documents import views

urlpatterns = [
    path(
        "<slug:target>/<int:pk>/<slug:kind>.<slug:fmt>",
        views.document_get,
        name="documents-document-get",
    ),
    path("file/<int:pk>/", views.document_status, name="documents-document-status"),
    path("file/<int:pk>/download/", views.document_download, name="documents-document-download"),
    path("file/<int:pk>/retry/", views.document_retry, name="documents-document-retry"),
]
