"""QR codes drawn on the server as inline SVG, so a printed page carries a link to scan."""

import segno
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext


def qr_svg(url):
    """An inline <svg> QR code for `url`, black on white, sized by the stylesheet.

    Error correction level M survives a smudged or creased print. The URL must be an
    absolute one from careers.edge.canonical, never one built from the request.
    """
    code = segno.make(url, error="m", micro=False)
    svg = code.svg_inline(
        scale=1, border=4, dark="#000", light="#fff", svgclass=None, lineclass=None, omitsize=True
    )
    # Named as an image for assistive technology; the URL is printed beside it in words.
    label = escape(gettext("QR code for %(url)s") % {"url": url})
    return mark_safe(svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1))
