"""Language: Chinese unless the person chose English from the menu.

Django's LocaleMiddleware would follow the browser's Accept-Language, so an office
PC with an English Windows would show English to a Chinese clerk. Here only the
choice stored by the language menu (set_language's cookie) counts.
"""

from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
