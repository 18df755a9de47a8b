"""Walk a URLconf and classify every view: scoped, public, API (ninja), or neither."""

from dataclasses import dataclass

from django.urls import URLPattern, URLResolver, get_resolver


@dataclass
class Route:
    route: str
    name: str  # namespaced, for reverse()
    callback: object
    converters: dict

    @property
    def scope(self):
        return getattr(self.callback, "ducha_scope", None)

    @property
    def is_public(self) -> bool:
        return getattr(self.callback, "ducha_public", False) or getattr(
            getattr(self.callback, "view_class", None), "ducha_public", False
        )

    @property
    def is_api(self) -> bool:
        return self.route.startswith("api/")


def walk(resolver=None, prefix: str = "", namespace: str = ""):
    resolver = resolver or get_resolver()
    for p in resolver.url_patterns:
        if isinstance(p, URLResolver):
            ns = namespace
            if p.namespace:
                ns = f"{namespace}{p.namespace}:"
            yield from walk(p, prefix + str(p.pattern), ns)
        elif isinstance(p, URLPattern):
            converters = getattr(p.pattern, "converters", {})
            yield Route(prefix + str(p.pattern), f"{namespace}{p.name}" if p.name else "", p.callback, converters)


def unscoped(routes) -> list[str]:
    """Routes that neither go through scoping nor are deliberately public."""
    return [r.route for r in routes if not (r.scope or r.is_public or r.is_api)]
