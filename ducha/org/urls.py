from django.urls import path

from ducha.org import views

app_name = "org"
urlpatterns = [
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/", views.unit_edit, name="unit_edit"),
    path("people/", views.person_list, name="person_list"),
    path("people/new/", views.person_create, name="person_create"),
    path("people/<int:pk>/", views.person_edit, name="person_edit"),
    path("people/<int:pk>/roles/", views.membership_add, name="membership_add"),
    path("people/<int:pk>/password/", views.person_password_reset, name="person_password_reset"),
    path("roles/<int:pk>/remove/", views.membership_remove, name="membership_remove"),
    path("aliases/", views.alias_list, name="alias_list"),
    path("aliases/<int:pk>/remove/", views.alias_remove, name="alias_remove"),
]
urlpatterns += [
    path("holidays/", views.holiday_year_list, name="holiday_year_list"),
    path("holidays/<int:pk>/", views.holiday_year_detail, name="holiday_year_detail"),
]
