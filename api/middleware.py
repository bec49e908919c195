"""Keeps the API's 404s as 404s.

LocaleMiddleware answers a 404 on a path without a language prefix with a redirect to /ky/<path>
when that path would resolve, and Wagtail's catch-all resolves nearly any path. For /api/ the 404
(a JSON error) is the answer, so for those responses LocaleMiddleware is shown a URLconf without
language-prefixed patterns and leaves the response alone. Listed just after LocaleMiddleware.
"""

API_PREFIX = "/api/"


class ApiNotFoundMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code == 404 and request.path_info.startswith(API_PREFIX):
            request.urlconf = "api.urls"
        return response
