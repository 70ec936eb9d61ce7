from django.urls import path

from sedp.directives import views

urlpatterns = [
    path("", views.document_list, name="directives-document-list"),
    path("new/", views.document_create, name="directives-document-create"),
    path("<int:pk>/", views.document_detail, name="directives-document-detail"),
    path(
        "<int:pk>/file/<int:file_pk>/",
        views.attachment_download,
        name="directives-attachment-download",
    ),
]
