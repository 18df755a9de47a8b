"""View decorators. Every view is either `scoped` (signed in, and its objects fetched
through org.scoping) or `public`; tests/test_url_scoping.py walks every URL and
fails on a view that is neither."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from ducha.org import scoping


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
            if model is not None and pk_kwarg in kwargs:
                obj = scoping.get_for(request.user, model, kwargs.pop(pk_kwarg))
                if not scoping.can(request.user, action, obj):
                    raise PermissionDenied
                return view(request, obj, *args, **kwargs)
            if model is not None and not scoping.can(request.user, action, model):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        wrapper.ducha_scope = (model, action, pk_kwarg)
        return wrapper

    return decorate


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
