from django.urls import path

from ducha.complaints import views
from ducha.complaints import views_handling as handling

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
    # handling (issue 4): queues, the complaint page's actions, disclosure, look-back, figures
    path("queue/", handling.office_queue, name="queue"),
    path("queue/dispatch/", handling.bulk_dispatch, name="bulk_dispatch"),
    path("mine/", handling.handler_queue, name="mine"),
    path("<int:pk>/dispatch/", handling.dispatch, name="dispatch"),
    path("<int:pk>/request/", handling.make_request, name="request"),
    path("<int:pk>/requests/<int:request_id>/decide/", handling.decide, name="decide_request"),
    path("<int:pk>/handling/", handling.save_report, name="save_handling"),
    path("<int:pk>/handling/part/", handling.add_part, name="add_part"),
    path("<int:pk>/handling/evidence/", handling.upload_evidence, name="upload_evidence"),
    path("<int:pk>/handling/submit/", handling.submit, name="submit_handling"),
    path("<int:pk>/review/", handling.review, name="review"),
    path("<int:pk>/repeats/<int:suggestion_id>/", handling.decide_repeat, name="decide_repeat"),
    path("<int:pk>/recheck/", handling.record_recheck, name="record_recheck"),
    path("<int:pk>/evidence/", handling.evidence, name="evidence"),
    path("batches/<int:pk>/disclosure/", handling.disclosure_preview, name="disclosure_preview"),
    path("batches/<int:pk>/disclosure.xlsx", handling.disclosure_xlsx, name="disclosure_xlsx"),
    path("lookback/", handling.lookback_page, name="lookback"),
    path("figures/", handling.figures, name="figures"),
]
