"""The interface language: Vietnamese unless the user chose another in the footer."""

from django.conf import settings
from django.utils import translation


class ChosenLanguageMiddleware:
    """Activates the language of the footer's switcher (Django's language cookie, set by the
    set_language view), else LANGUAGE_CODE. Unlike Django's LocaleMiddleware it ignores the
    browser's Accept-Language: many office computers run an English browser, and their users
    must still read the procedure's official Vietnamese terms."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        translation.activate(chosen if chosen in self.available else settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", request.LANGUAGE_CODE)
        return response
