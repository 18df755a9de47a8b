from django.urls import path

from ducha.zoning.views import fields, imports, siting, units

app_name = "zoning"
urlpatterns = [
    path("", units.unit_list, name="unit_list"),
    path("units/<int:pk>/", units.unit_detail, name="unit_detail"),
    path("map/", units.unit_map, name="map"),
    path("map/units.geojson", units.units_geojson, name="units_geojson"),
    path("editions/", imports.edition_list, name="edition_list"),
    path("editions/<int:pk>/current/", imports.edition_make_current, name="edition_make_current"),
    path("editions/<int:pk>/replace/", imports.edition_replace, name="edition_replace"),
    path("editions/<int:pk>/publish/", imports.edition_publish, name="edition_publish"),
    path("import/", imports.import_upload, name="import_upload"),
    path("import/confirm/", imports.import_confirm, name="import_confirm"),
    path("fields/", fields.field_list, name="field_list"),
    path("fields/<int:pk>/remove/", fields.field_remove, name="field_remove"),
    path("check/", siting.site_check, name="site_check"),
    path("check/report.docx", siting.site_report, name="site_report"),
]
