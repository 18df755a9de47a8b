from django.urls import path

from ducha.complaints import views

app_name = "complaints"
urlpatterns = [
    path("", views.complaint_list, name="complaint_list"),
    path("<int:pk>/", views.complaint_detail, name="complaint_detail"),
    path("<int:pk>/reveal/", views.complaint_reveal, name="complaint_reveal"),
    path("inspections/", views.inspection_list, name="inspection_list"),
    path("inspections/new/", views.inspection_create, name="inspection_create"),
    path("batches/", views.batch_list, name="batch_list"),
    path("imports/new/", views.import_upload, name="import_upload"),
    path("imports/<int:pk>/", views.import_job, name="import_job"),
    path("imports/<int:pk>/confirm/", views.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/problems.xlsx", views.import_problems, name="import_problems"),
]
