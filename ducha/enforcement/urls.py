from django.urls import path

from ducha.enforcement.views import cases, steps, tables

app_name = "enforcement"
urlpatterns = [
    path("", cases.case_list, name="case_list"),
    path("new/", cases.case_create, name="case_create"),
    path("<int:pk>/", cases.case_detail, name="case_detail"),
    path("<int:pk>/materials/", cases.material_add, name="material_add"),
    path("<int:pk>/letter.docx", cases.letter_download, name="letter_download"),
    path("<int:pk>/bureau/", steps.bureau_step, name="bureau_step"),
    path("<int:pk>/head/", steps.head_step, name="head_step"),
    path("<int:pk>/police/", steps.police_step, name="police_step"),
    path("<int:pk>/procuratorate/", steps.procuratorate_step, name="procuratorate_step"),
    path("materials/<int:pk>/", cases.material_download, name="material_download"),
    path("opinions/<int:pk>/document.docx", tables.opinion_download, name="opinion_download"),
    path("opinions/<int:pk>/outcome/", tables.opinion_outcome, name="opinion_outcome"),
    path("deadlines/", tables.deadline_list, name="deadline_list"),
    path("deadlines/<int:pk>/", tables.deadline_edit, name="deadline_edit"),
    path("criteria/", tables.criterion_list, name="criterion_list"),
    path("criteria/new/", tables.criterion_create, name="criterion_create"),
    path("criteria/<int:pk>/", tables.criterion_edit, name="criterion_edit"),
]
