"""The interface language: Hebrew unless the user chose another (project plumbing, imports nothing of ours).

Django's LocaleMiddleware also follows the browser's Accept-Language, so a worker whose browser is set to English
got English pages she never asked for. Here only the language the user picked (the cookie `set_language`
writes) counts; everyone else gets LANGUAGE_CODE.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request):
    """The language the user picked, if it is one of the site's languages; otherwise the site's default."""
    code = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
    return code if code in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


class ChosenLanguageMiddleware:
    """Activates the user's chosen language for the request (in place of django.middleware.locale)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        translation.activate(chosen_language(request))
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
