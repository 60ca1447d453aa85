"""Ready-made citations of a page: APA 7, MLA 9 and Chicago, and RIS and BibTeX files.

A citation names the page title, the site, the date an editor last reviewed the
content (or says there is none), the canonical URL (from CAREERS_SITE_URL, never
the request's Host) and, for the styles that want one, the access date. The view
passes today's date in as the access date, so it is as fresh as the page itself.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.urls import reverse

from careers.edge.canonical import absolute_url
from occupations.formatting import MONTH_NAMES
from occupations.visible_text import one_line

# MLA abbreviates the longer month names.
MLA_MONTHS = [
    "Jan.",
    "Feb.",
    "Mar.",
    "Apr.",
    "May",
    "June",
    "July",
    "Aug.",
    "Sept.",
    "Oct.",
    "Nov.",
    "Dec.",
]

# The styles a page offers, in the order it lists them: (name, method of PageCitation).
STYLES = (("APA (7th edition)", "apa"), ("MLA (9th edition)", "mla"), ("Chicago", "chicago"))

FILE_TYPES = {
    # The types reference managers look for; both are plain text in UTF-8.
    "ris": "application/x-research-info-systems; charset=utf-8",
    "bib": "application/x-bibtex; charset=utf-8",
}


def long_date(day):
    """3 March 2026 in US order: March 3, 2026."""
    return f"{MONTH_NAMES[day.month - 1]} {day.day}, {day.year}"


def mla_date(day):
    return f"{day.day} {MLA_MONTHS[day.month - 1]} {day.year}"


@dataclass(frozen=True)
class Styled:
    """A citation in three runs of text: the middle one is set in italics."""

    before: str
    italic: str
    after: str

    def __str__(self):
        return f"{self.before}{self.italic}{self.after}"


@dataclass(frozen=True)
class PageCitation:
    """How to cite one page of the site (not to be confused with occupations.citations.Citation,
    one passage of a source document that a fact stands on)."""

    title: str
    url: str
    reviewed: date | None
    accessed: date
    key: str
    site_name: str = field(default_factory=lambda: settings.SITE_NAME)

    def apa(self):
        # The site is the author, so APA leaves out the site name after the title.
        when = (
            f"{self.reviewed.year}, {MONTH_NAMES[self.reviewed.month - 1]} {self.reviewed.day}"
            if self.reviewed
            else "n.d."
        )
        return Styled(
            f"{self.site_name}. ({when}). ",
            self.title,
            f". Retrieved {long_date(self.accessed)}, from {self.url}",
        )

    def mla(self):
        # MLA leaves a missing date out rather than writing "n.d.".
        when = f", {mla_date(self.reviewed)}" if self.reviewed else ""
        return Styled(
            f"“{self.title}.” ",
            self.site_name,
            f"{when}, {self.url}. Accessed {mla_date(self.accessed)}.",
        )

    def chicago(self):
        when = f"Last reviewed {long_date(self.reviewed)}." if self.reviewed else "n.d."
        return Styled(
            f"{self.site_name}. “{self.title}.” {when} "
            f"Accessed {long_date(self.accessed)}. {self.url}.",
            "",
            "",
        )

    def styles(self):
        """(style name, Styled text) for each style, for the page to list."""
        return [(name, getattr(self, method)()) for name, method in STYLES]

    def ris(self):
        """An RIS record for a web page (TY ELEC); lines end in CRLF, as the format asks.

        A line is a field, and RIS has no escapes: each value goes on one line (one_line()),
        or a line break in a title would start fields, or records, of its own.
        """
        fields = [("TY", "ELEC"), ("TI", self.title), ("T2", self.site_name)]
        fields.append(("PB", self.site_name))
        if self.reviewed:
            fields += [("PY", str(self.reviewed.year)), ("DA", self.reviewed.strftime("%Y/%m/%d/"))]
        fields += [("Y2", self.accessed.strftime("%Y/%m/%d/")), ("UR", self.url), ("ER", "")]
        return "".join(f"{tag}  - {one_line(value)}\r\n" for tag, value in fields)

    def bibtex(self):
        """A BibTeX @misc entry; biblatex and Zotero also read its url, date and urldate.

        Text values are kept to one line (bibtex_text()): readers that look for the next entry
        at the start of a line would otherwise find one inside a title. (The key and the URL
        are made of a slug and CAREERS_SITE_URL, which hold no line breaks.)
        """
        fields = [
            ("author", f"{{{bibtex_text(self.site_name)}}}"),
            ("title", f"{{{bibtex_text(self.title)}}}"),
            ("howpublished", f"\\url{{{self.url}}}"),
            ("url", self.url),
        ]
        if self.reviewed:
            fields += [("year", str(self.reviewed.year)), ("date", self.reviewed.isoformat())]
        fields += [
            ("urldate", self.accessed.isoformat()),
            ("note", f"Accessed {self.accessed.isoformat()}"),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@misc{{{self.key},\n{body}\n}}\n"

    def file(self, extension):
        """(text, content type, file name) of the download with that extension."""
        text = {"ris": self.ris, "bib": self.bibtex}[extension]()
        return text, FILE_TYPES[extension], f"{self.key}.{extension}"


BIBTEX_SPECIAL = str.maketrans(
    {character: f"\\{character}" for character in "&%$#_{}"} | {"\\": "\\textbackslash{}"}
)


def bibtex_text(text):
    """Text that LaTeX prints as written, on one line: its special characters escaped."""
    return one_line(text).translate(BIBTEX_SPECIAL)


def profile_title(occupation):
    return f"{occupation.title} (SOC {occupation.soc_code})"


def profile_citation(occupation, accessed):
    return PageCitation(
        title=profile_title(occupation),
        url=absolute_url(occupation.get_absolute_url()),
        reviewed=occupation.last_reviewed,
        accessed=accessed,
        key=occupation.slug,
    )


def faq_citation(occupation, accessed):
    return PageCitation(
        title=f"{occupation.title}: frequently asked questions",
        url=absolute_url(reverse("careers:occupation-faq", args=[occupation.slug])),
        reviewed=occupation.last_reviewed,
        accessed=accessed,
        key=f"{occupation.slug}-faq",
    )


def state_pay_citation(occupation, state, accessed):
    """A state's pay page, dated like the profile by the editors' last review."""
    return PageCitation(
        title=f"{occupation.title}: pay in {state.name}",
        url=absolute_url(reverse("careers:pay-state", args=[occupation.slug, state.slug])),
        reviewed=occupation.last_reviewed,
        accessed=accessed,
        key=f"{occupation.slug}-pay-{state.slug}",
    )


# The pages with citation downloads, by the name their URL pattern passes.
CITED_PAGES = {"profile": profile_citation, "faq": faq_citation}
