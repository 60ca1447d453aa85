"""The page's language comes from its address: English unprefixed, Spanish under /es/."""

from django.middleware.locale import LocaleMiddleware
from django.utils.http import split_header_value


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
        if response.has_header("Vary") and not getattr(request, "language_from_header", False):
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
