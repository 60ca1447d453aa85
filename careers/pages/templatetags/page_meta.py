"""Template helpers for the page's frame: {% capture %} for the head, {% section_heading %}
for each section's heading, and |breakable_url for printed links."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

from occupations.visible_text import one_line

from ..sections import HEADINGS

register = template.Library()


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # The rendered text is already escaped, so it stays safe. It fills one-line fields of
        # the head (the <title>, the meta tags): one_line() keeps an override or a line break
        # in a title from reaching the browser's tab or a shared link's card.
        context[self.name] = mark_safe(one_line(self.nodelist.render(context)).strip())
        return ""


@register.tag
def capture(parser, token):
    """{% capture name %}…{% endcapture %} puts what it renders in the variable `name`.

    base.html uses it to render a page's title and description blocks once, for the
    <title>, the meta description and the Open Graph and Twitter tags alike (a block
    can appear only once in a template). Blocks inside it are still overridden.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError("capture takes one variable name")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[1])


@register.filter
def breakable_url(url):
    """A URL that may wrap after each slash (<wbr>) rather than in the middle of a word."""
    return mark_safe("/<wbr>".join(conditional_escape(part) for part in str(url).split("/")))


@register.inclusion_tag("careers/includes/section_heading.html")
def section_heading(section_id, heading=None, level=2, heading_id=None):
    """A section's heading, with a visible "link to this section" anchor beside it (not
    inside, so the heading's name stays its own words).

    {% section_heading "pay" %} takes the heading written for #pay in careers/pages/sections.py.
    A section named by its record passes its own: {% section_heading setting.anchor
    heading=setting.name level=3 %}. The heading's id is the section's plus "-heading".
    """
    if heading is None:
        try:
            heading = HEADINGS[section_id]
        except KeyError:
            raise template.TemplateSyntaxError(
                f"#{section_id} is in no list of careers/pages/sections.py: add it there, "
                "or give its heading"
            ) from None
    return {
        "level": level,
        "target": section_id,
        "heading_id": heading_id or f"{section_id}-heading",
        "heading": heading,
    }
