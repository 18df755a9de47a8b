from django.urls import path

from ducha.rectification import task_location, views

app_name = "rectification"
urlpatterns = [
    path("", views.finding_list, name="finding_list"),
    path("<int:pk>/", views.finding_detail, name="finding_detail"),
    path("<int:pk>/accept/", views.finding_accept, name="finding_accept"),
    path("<int:pk>/notice/", views.finding_notice, name="finding_notice"),
    path("<int:pk>/objections/", views.finding_objection, name="finding_objection"),
    path("<int:pk>/objections/resolve/", views.objection_resolve, name="objection_resolve"),
    path("<int:pk>/sign-off/", views.finding_sign_off, name="finding_sign_off"),
    path("tasks/<int:pk>/report/", views.task_report, name="task_report"),
    path("tasks/<int:pk>/location/", task_location.task_location, name="task_location"),
    path("tasks/<int:pk>/deadline/", views.task_settle, name="task_settle"),
    path("evidence/<int:pk>/", views.evidence_download, name="evidence_download"),
    path("import/", views.import_upload, name="import_upload"),
    path("import/confirm/", views.import_confirm, name="import_confirm"),
    path("import/resolve-unit/", views.import_resolve_unit, name="import_resolve_unit"),
    path("export.xlsx", views.export_xlsx, name="export"),
]
