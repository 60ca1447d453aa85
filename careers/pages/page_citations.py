"""Ready-made citations of a page: APA 7, MLA 9 and Chicago, and RIS and BibTeX files.

A Spanish page is cited in the styles' Spanish-language forms ("Recuperado el 6 de diciembre
de 2026, de …"), and its files say the page is in Spanish (RIS LA, BibTeX langid).

A citation names the page title, the site, the date an editor last reviewed the
content (or says there is none), the canonical URL (from CAREERS_SITE_URL, never
the request's Host) and, for the styles that want one, the access date. The view
passes today's date in as the access date, so it is as fresh as the page itself.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings
from django.urls import reverse
from django.utils import dateformat, translation
from django.utils.translation import gettext, gettext_lazy

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

# MLA's Spanish form abbreviates the months too.
MLA_MONTHS_ES = [
    "ene.",
    "feb.",
    "mar.",
    "abr.",
    "mayo",
    "jun.",
    "jul.",
    "ago.",
    "sept.",
    "oct.",
    "nov.",
    "dic.",
]

# The styles a page offers, in the order it lists them: (name, method of PageCitation).
STYLES = (
    (gettext_lazy("APA (7th edition)"), "apa"),
    (gettext_lazy("MLA (9th edition)"), "mla"),
    ("Chicago", "chicago"),
)

# The language codes reference managers expect, and biblatex's name for each language.
BIBLATEX_LANGUAGES = {"en": "english", "es": "spanish"}

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


def spanish_date(day, with_year=True):
    """6 December 2026 as Spanish writes it: 6 de diciembre de 2026, or 6 de diciembre
    (Django's month names)."""
    with translation.override("es"):
        return dateformat.format(day, r"j \d\e F \d\e Y" if with_year else r"j \d\e F")


def spanish_mla_date(day):
    return f"{day.day} {MLA_MONTHS_ES[day.month - 1]} {day.year}"


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
    site_name: str = field(default_factory=lambda: gettext(settings.SITE_NAME))
    language: str = field(default_factory=lambda: translation.get_language() or "en")

    @property
    def spanish(self):
        return self.language == "es"

    @property
    def entry_key(self):
        """The BibTeX key and the file's name: the page's own in English, with the language
        added in another, so one reader's entries for both languages never clash."""
        if self.language == settings.LANGUAGE_CODE:
            return self.key
        return f"{self.key}-{self.language}"

    def apa(self):
        if self.spanish:
            return self._apa_spanish()
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

    def _apa_spanish(self):
        # APA's Spanish form: "(2026, 3 de diciembre)", "(s. f.)", "Recuperado el … de …".
        when = (
            f"{self.reviewed.year}, {spanish_date(self.reviewed, with_year=False)}"
            if self.reviewed
            else "s. f."
        )
        return Styled(
            f"{self.site_name}. ({when}). ",
            self.title,
            f". Recuperado el {spanish_date(self.accessed)}, de {self.url}",
        )

    def mla(self):
        if self.spanish:
            when = f", {spanish_mla_date(self.reviewed)}" if self.reviewed else ""
            return Styled(
                f"“{self.title}.” ",
                self.site_name,
                f"{when}, {self.url}. Consultado el {spanish_mla_date(self.accessed)}.",
            )
        # MLA leaves a missing date out rather than writing "n.d.".
        when = f", {mla_date(self.reviewed)}" if self.reviewed else ""
        return Styled(
            f"“{self.title}.” ",
            self.site_name,
            f"{when}, {self.url}. Accessed {mla_date(self.accessed)}.",
        )

    def chicago(self):
        if self.spanish:
            when = f"Última revisión: {spanish_date(self.reviewed)}." if self.reviewed else "s. f."
            return Styled(
                f"{self.site_name}. “{self.title}.” {when} "
                f"Consultado el {spanish_date(self.accessed)}. {self.url}.",
                "",
                "",
            )
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
        fields = [
            ("TY", "ELEC"),
            ("AU", self.site_name),
            ("TI", self.title),
            ("T2", self.site_name),
            ("PB", self.site_name),
        ]
        if self.reviewed:
            fields += [("PY", str(self.reviewed.year)), ("DA", self.reviewed.strftime("%Y/%m/%d/"))]
        fields += [("Y2", self.accessed.strftime("%Y/%m/%d/")), ("UR", self.url)]
        fields += [("LA", self.language), ("ER", "")]
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
        accessed = "Consultado el" if self.spanish else "Accessed"
        fields += [
            ("urldate", self.accessed.isoformat()),
            ("note", f"{accessed} {self.accessed.isoformat()}"),
            ("language", self.language),
            ("langid", BIBLATEX_LANGUAGES.get(self.language, "english")),
        ]
        body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
        return f"@misc{{{self.entry_key},\n{body}\n}}\n"

    def file(self, extension):
        """(text, content type, file name) of the download with that extension."""
        text = {"ris": self.ris, "bib": self.bibtex}[extension]()
        return text, FILE_TYPES[extension], f"{self.entry_key}.{extension}"


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
        title=gettext("%(title)s: frequently asked questions") % {"title": occupation.title},
        url=absolute_url(reverse("careers:occupation-faq", args=[occupation.slug])),
        reviewed=occupation.last_reviewed,
        accessed=accessed,
        key=f"{occupation.slug}-faq",
    )


def state_pay_citation(occupation, state, accessed):
    """A state's pay page, dated like the profile by the editors' last review."""
    return PageCitation(
        title=gettext("%(title)s: pay in %(place)s")
        % {"title": occupation.title, "place": state.place_name},
        url=absolute_url(reverse("careers:pay-state", args=[occupation.slug, state.slug])),
        reviewed=occupation.last_reviewed,
        accessed=accessed,
        key=f"{occupation.slug}-pay-{state.slug}",
    )


# The pages with citation downloads, by the name their URL pattern passes.
CITED_PAGES = {"profile": profile_citation, "faq": faq_citation}
