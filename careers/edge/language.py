"""The page's language comes from its address: English unprefixed, Spanish under /es/."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.http import split_header_value

from .refusals import API_PREFIX


def api_language(request):
    """The language an API answer is written in: ?lang=es or ?lang=en (a regional tag such as
    es-US reads as its language, as in Accept-Language), else the browser's Accept-Language,
    else English. The fields are the same in each; only text values change."""
    asked = request.GET.get("lang", "")
    try:
        return translation.get_supported_language_variant(asked.lower())
    except LookupError:
        pass  # none, or one the site does not have: the header decides
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    if not header:
        return settings.LANGUAGE_CODE
    return translation.get_language_from_request(request, check_path=False)


class LanguageFromPathMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, less its ``Vary: Accept-Language``.

    With i18n_patterns(prefix_default_language=False) every public address names its
    language (no prefix is English), and the admin and the API are English unless the API is
    asked otherwise, where it says so itself (careers/api/). Django still marks unprefixed
    answers as varying on Accept-Language, which would split every shared cache, nginx's
    included, by a header that changes nothing here.
    """

    def process_response(self, request, response):
        response = super().process_response(request, response)
        if response.has_header("Vary") and not request.path.startswith(API_PREFIX):
            kept = [
                value
                for value in split_header_value(response["Vary"])
                if value.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
