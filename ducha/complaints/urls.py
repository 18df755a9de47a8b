from django.urls import path

from ducha.complaints.views import (
    actions,
    disclosure,
    figures,
    imports,
    inspections,
    lists,
    lookback,
    page,
    queues,
)

app_name = "complaints"
urlpatterns = [
    path("", lists.complaint_list, name="complaint_list"),
    path("<int:pk>/", page.complaint_detail, name="complaint_detail"),
    path("<int:pk>/reveal/", page.complaint_reveal, name="complaint_reveal"),
    path("inspections/", inspections.inspection_list, name="inspection_list"),
    path("inspections/new/", inspections.inspection_create, name="inspection_create"),
    path("batches/", imports.batch_list, name="batch_list"),
    path("imports/new/", imports.import_upload, name="import_upload"),
    path("imports/<int:pk>/", imports.import_job, name="import_job"),
    path("imports/<int:pk>/confirm/", imports.import_confirm, name="import_confirm"),
    path("imports/<int:pk>/retry/", imports.import_retry, name="import_retry"),
    path("imports/<int:pk>/problems.xlsx", imports.import_problems, name="import_problems"),
    # the work queues and the complaint page's actions
    path("queue/", queues.office_queue, name="queue"),
    path("queue/dispatch/", queues.bulk_dispatch, name="bulk_dispatch"),
    path("mine/", queues.handler_queue, name="mine"),
    path("<int:pk>/dispatch/", actions.dispatch, name="dispatch"),
    path("<int:pk>/request/", actions.make_request, name="request"),
    path("<int:pk>/requests/<int:request_id>/decide/", actions.decide, name="decide_request"),
    path("<int:pk>/handling/", actions.save_report, name="save_handling"),
    path("<int:pk>/handling/part/", actions.add_part, name="add_part"),
    path("<int:pk>/handling/evidence/", actions.upload_evidence, name="upload_evidence"),
    path("<int:pk>/handling/submit/", actions.submit, name="submit_handling"),
    path("<int:pk>/review/", actions.review, name="review"),
    path("<int:pk>/repeats/<int:suggestion_id>/", actions.decide_repeat, name="decide_repeat"),
    path("<int:pk>/recheck/", actions.record_recheck, name="record_recheck"),
    path("<int:pk>/evidence/", page.evidence, name="evidence"),
    path("batches/<int:pk>/disclosure/", disclosure.disclosure_preview, name="disclosure_preview"),
    path("batches/<int:pk>/disclosure.xlsx", disclosure.disclosure_xlsx, name="disclosure_xlsx"),
    path("lookback/", lookback.lookback_page, name="lookback"),
    path("figures/", figures.figures, name="figures"),
]
