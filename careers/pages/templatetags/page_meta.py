"""Template helpers for the page head and for printed links: {% capture %}, |breakable_url."""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe

register = template.Library()


class CaptureNode(template.Node):
    child_nodelists = ("nodelist",)

    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        # The rendered text is already escaped, so it stays safe.
        context[self.name] = mark_safe(self.nodelist.render(context).strip())
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
