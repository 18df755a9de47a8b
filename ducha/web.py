"""View decorators. Every view is either `scoped` (signed in, and its objects fetched
through org.scoping) or `public`; tests/test_url_scoping.py walks every URL and
fails on a view that is neither."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404

from ducha import store
from ducha.audit.services import record
from ducha.org import scoping
from ducha.org.signins import audit_refusal, client_address


def scoped(model=None, action: str = "view", *, pk_kwarg: str = "pk"):
    """Require sign-in; with a model, require `can(user, action, model)`.

    When the URL carries `pk_kwarg`, the object is fetched with scoping.get_for
    (404 when not visible) and passed to the view in its place.
    """

    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            object_type = model._meta.label_lower if model is not None else ""
            if model is not None and pk_kwarg in kwargs:
                pk = kwargs.pop(pk_kwarg)
                try:
                    obj = scoping.get_for(request.user, model, pk)
                except Http404:
                    audit_refusal(request, status=404, object_type=object_type, object_id=pk)
                    raise
                if not scoping.can(request.user, action, obj):
                    audit_refusal(request, status=403, object_type=object_type, object_id=pk)
                    raise PermissionDenied
                return _refusals_audited(view, request, (obj, *args), kwargs, object_type, pk)
            if model is not None and not scoping.can(request.user, action, model):
                audit_refusal(request, status=403, object_type=object_type)
                raise PermissionDenied
            return _refusals_audited(view, request, args, kwargs, object_type, "")

        wrapper.ducha_scope = (model, action, pk_kwarg)
        return wrapper

    return decorate


def _refusals_audited(view, request, args, kwargs, object_type, object_id):
    """Run the view; a PermissionDenied it raises itself (a rule finer than the
    decorator's, e.g. a POST only some may make) is audited like the decorator's own."""
    try:
        return view(request, *args, **kwargs)
    except PermissionDenied:
        audit_refusal(request, status=403, object_type=object_type, object_id=object_id)
        raise


def public(view):
    """Mark a view as deliberately open to anyone (login page, public disclosure)."""
    view.ducha_public = True
    return view


def apply_service(form, call):
    """Run a service call; put a DomainError on the form instead of a traceback.

    Returns the service's result, or None when it refused (the form then carries
    the message on its field, and the view answers 400).
    """
    from ducha.errors import DomainError

    try:
        return call()
    except DomainError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, str(exc.message))
        return None


def send_file(request, obj, stored: str, *, name: str, content_type: str | None = None) -> FileResponse:
    """A kept case file (evidence, a notice, a bulletin) as a download, opened from the
    store; every download is audited: who, which row, which file, from where. 404 when
    the file is not kept (nothing recorded: nothing was handed out)."""
    try:
        handle = store.open(stored)
    except FileNotFoundError:
        raise Http404
    record(
        actor=request.user,
        action="file.download",
        obj=obj,
        after={"file": name, "address": client_address(request)},
    )
    return FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
