"""Response headers Django does not set by itself."""

from django.conf import settings
from django.utils.cache import has_vary_header, patch_cache_control


class PermissionsPolicyMiddleware:
    """Adds the Permissions-Policy header (settings.PERMISSIONS_POLICY) unless a view set its own."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy:
            response.headers.setdefault("Permissions-Policy", policy)
        return response


class CacheControlMiddleware:
    """Lets proxies and CDNs keep anonymous public pages for a short while, and nothing else.

    A response is public when it is a 200 to GET/HEAD that cannot depend on who asks: the session was
    never read (so neither was the user), no cookie is set and no CSRF token was put in the page.
    It then gets `public, max-age=PUBLIC_MAX_AGE, s-maxage=PUBLIC_S_MAXAGE`; ConditionalGetMiddleware
    adds an ETag and answers revalidations with 304. Everything else (the admin, forms, pages behind
    a restriction, error pages, redirects by language) gets `private, no-store`, unless the view set
    its own header. Publishing purges the proxy's copies (core.frontend_cache).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith(tuple(settings.PRIVATE_PATH_PREFIXES)):
            patch_cache_control(response, private=True, no_store=True)
        elif not response.has_header("Cache-Control"):
            if self.is_public(request, response):
                patch_cache_control(
                    response, public=True, max_age=settings.PUBLIC_MAX_AGE, s_maxage=settings.PUBLIC_S_MAXAGE
                )
            else:
                patch_cache_control(response, private=True, no_store=True)
        return response

    @staticmethod
    def is_public(request, response):
        session = getattr(request, "session", None)
        return (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and not response.cookies
            and not (session is not None and session.accessed)
            and not request.META.get("CSRF_COOKIE_USED")
            and not has_vary_header(response, "Cookie")
        )
