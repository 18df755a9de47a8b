from django.urls import path

from ducha.supervision.views import accountability, alerts, bulletins, notices, visits

app_name = "supervision"
urlpatterns = [
    path("alerts/", alerts.alert_list, name="alert_list"),
    path("alerts/scan/", alerts.alert_scan, name="alert_scan"),
    path("alerts/upcoming/", alerts.upcoming, name="upcoming"),
    path("rules/<int:pk>/", alerts.rule_edit, name="rule_edit"),
    path("notices/", notices.notice_list, name="notice_list"),
    path("notices/new/", notices.notice_create, name="notice_create"),
    path("notices/<int:pk>/", notices.notice_detail, name="notice_detail"),
    path("notices/<int:pk>/issue/", notices.notice_issue, name="notice_issue"),
    path("notices/<int:pk>/reply/", notices.notice_reply, name="notice_reply"),
    path("notices/<int:pk>/document.docx", notices.notice_download, name="notice_download"),
    path("accountability/", accountability.accountability_list, name="accountability_list"),
    path("accountability/new/", accountability.accountability_create, name="accountability_create"),
    path("people/new/", accountability.person_create, name="person_create"),
    path("meetings/", accountability.meeting_list, name="meeting_list"),
    path("meetings/new/", accountability.meeting_create, name="meeting_create"),
    path("visits/", visits.visit_list, name="visit_list"),
    path("visits/new/", visits.visit_create, name="visit_create"),
    path("visits/<int:pk>/", visits.visit_detail, name="visit_detail"),
    path("visits/<int:pk>/findings/new/", visits.visit_finding_add, name="visit_finding_add"),
    path("visits/<int:pk>/to-task/", visits.visit_to_task, name="visit_to_task"),
    path("visits/<int:pk>/to-complaint/", visits.visit_to_complaint, name="visit_to_complaint"),
    path("bulletins/", bulletins.bulletin_list, name="bulletin_list"),
    path("bulletins/publish/", bulletins.bulletin_publish, name="bulletin_publish"),
    path("bulletins/<int:pk>/", bulletins.bulletin_detail, name="bulletin_detail"),
    path("bulletins/<int:pk>/issue/", bulletins.bulletin_issue, name="bulletin_issue"),
    path("bulletins/<int:pk>/bulletin.xlsx", bulletins.bulletin_xlsx, name="bulletin_xlsx"),
    path("bulletins/<int:pk>/bulletin.docx", bulletins.bulletin_docx, name="bulletin_docx"),
]
