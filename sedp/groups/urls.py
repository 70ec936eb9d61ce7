from django.urls import path

from sedp.groups import views

urlpatterns = [
    path("", views.step1_home, name="groups-home"),
    path("commune/<int:pk>/", views.step1, name="groups-step1"),
    path("commune/<int:pk>/kickoff/", views.kickoff, name="groups-kickoff-record"),
    path("<int:pk>/edit/", views.group_edit, name="groups-group-edit"),
    path("<int:pk>/basic-data/", views.basic_data, name="groups-basic-data"),
    path("<int:pk>/basic-data/xlsx/", views.basic_data_xlsx, name="groups-basic-data-xlsx"),
    path(
        "<int:pk>/basic-data/upload/",
        views.basic_data_upload,
        name="groups-basic-data-upload",
    ),
]
