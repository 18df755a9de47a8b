from django.urls import path

from ducha.places import views

app_name = "places"
urlpatterns = [
    path("", views.place_list, name="place_list"),
    path("<int:pk>/add/", views.place_add, name="place_add"),
    path("<int:pk>/edit/", views.place_edit, name="place_edit"),
    path("<int:pk>/remove/", views.place_remove, name="place_remove"),
    path("site-kinds/", views.site_kind_list, name="site_kinds"),
    path("site-kinds/words/", views.site_word_add, name="site_word_add"),
    path("site-kinds/words/remove/", views.site_word_remove, name="site_word_remove"),
    path("site-kinds/families/", views.site_family_add, name="site_family_add"),
]
