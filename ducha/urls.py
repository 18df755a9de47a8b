from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.i18n import set_language

from ducha.api import api, legacy
from ducha.complaints.views import public as complaint_public
from ducha.dashboard import board, lists
from ducha.dashboard import views as dashboard
from ducha.org import views as org_views
from ducha.web import public
from ducha.zoning.views import public as zoning_public

urlpatterns = [
    path("", dashboard.root, name="root"),
    path("home/", dashboard.home, name="home"),
    path(
        "login/",
        public(auth_views.LoginView.as_view(template_name="registration/login.html", redirect_authenticated_user=True)),
        name="login",
    ),
    path("logout/", public(auth_views.LogoutView.as_view()), name="logout"),
    path("account/password/", org_views.password_change, name="password_change"),
    path("i18n/setlang/", public(set_language), name="set_language"),
    path("org/", include("ducha.org.urls")),
    path("audit/", include("ducha.audit.urls")),
    path("notifications/", include("ducha.notifications.urls")),
    path("complaints/", include("ducha.complaints.urls")),
    path("rectification/", include("ducha.rectification.urls")),
    path("zoning/", include("ducha.zoning.urls")),
    path("places/", include("ducha.places.urls")),
    path("enforcement/", include("ducha.enforcement.urls")),
    # the public disclosure pages (no login): approved batches only, never complainant data
    path("public/disclosures/", complaint_public.public_disclosures, name="public_disclosures"),
    path("public/disclosures/<int:pk>/", complaint_public.public_disclosure, name="public_disclosure"),
    path("public/disclosures/<int:pk>.xlsx", complaint_public.public_disclosure_xlsx, name="public_disclosure_xlsx"),
    # the unit layer the office published (三线一单): 404 while none is
    path("public/zoning/", zoning_public.public_map, name="public_zoning_map"),
    path("public/zoning/units.geojson", zoning_public.public_units_geojson, name="public_zoning_units"),
    path("api/v1/", api.urls),
    path("api/", legacy.urls),
    # supervision and the leaders' one screen
    # the list behind a dashboard figure keeps its address under supervision
    path("supervision/figures/", lists.figure_list, name="figure_list"),
    path("supervision/", include("ducha.supervision.urls")),
    path("dashboard/", board.board, name="board"),
    path("dashboard/freeze/", board.board_freeze, name="board_freeze"),
]
