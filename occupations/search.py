"""Job-title search: from the words of a job ad to the occupations they belong to.

A query is cleaned and cut to MAX_QUERY_LENGTH, split into words, and common
abbreviations are spelled out ("csr", "rep"). Then each searchable field is
asked for rows matching any of the words, one query per field, so a search
costs the same few queries whatever it finds:

- on PostgreSQL, full-text search (SearchVector and SearchRank, English
  stemming, job titles weighted over duties over the rest) plus pg_trgm word
  similarity for typos, both served by the GIN indexes of migration 0002;
- elsewhere (SQLite), every published row is read and matched in Python with a
  rough suffix-stripping stemmer and a one-edit typo allowance (see docs/search-and-api.md
  for what this fallback does not do).

A search from a Spanish page reads the Spanish columns as well as the English ones: on
PostgreSQL with the `spanish` configuration over unaccent()ed text, so "atencion" finds
"atención"; in the fallback, every word is compared with its accents folded. The small
words of either language ("de", "al", "in", "the") are not searched for, from either page.

Highlighting is the same on both: the text is escaped word by word, and the
words that match are wrapped in <mark>.

Words that ask about pay ("salary", "wages", "hourly") or the outlook ("outlook", "growth")
also lead to that section of each profile (SECTIONS); a query made only of such words lists
every published occupation, each with its section. A state or territory named in the query
("pay in texas", "sueldo en nueva york") leads to each occupation's pay there instead of being
searched for, and a city to the row of each metropolitan area it names on its state's page
("pay in columbus": Georgia's, Indiana's and Ohio's); on their own they list every occupation
too. Every result shows its occupation's headline pay and outlook, with their periods and
sources, from its figures fetched in one more query; a search that finds nothing lists the
occupations the site covers instead (one query). So a search costs len(FIELDS) + 2 queries
(the second reads the places' names), or + 3 for a query of section words or places only.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property, lru_cache, reduce
from operator import add, or_

from django.contrib.postgres.lookups import Unaccent
from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramWordSimilarity,
)
from django.db import connection
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.db.models.functions import Greatest
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, gettext_lazy

from . import quoting
from .bls.models import Area
from .bls.states import POSTAL, SPANISH_NAMES
from .headline import headline, period_and_source
from .models import Duty, FAQEntry, Figure, JobTitle, Occupation

# Longer input is cut, not refused: job-ad titles are short, and a page never echoes
# 10,000 characters back or sends them to the database.
MAX_QUERY_LENGTH = 100
MAX_TERMS = 8
MAX_MATCHES_SHOWN = 5
RUNNER_UP_SHARE = 0.05
# A snippet of a long text (an FAQ answer) shows this many words around the first match.
SNIPPET_WORDS = 24
# Shorter words are matched exactly (after stemming): one typo in three letters makes
# another word. Longer ones may be one typo away (pg_trgm's %> at its default word
# similarity of 0.6 on PostgreSQL; one_edit() in the fallback).
TYPO_MIN_LENGTH = 4

# Spelled out before searching, so "CSR" and "rep" find what a job ad means by them; and a
# few job-ad words given their usual meaning.
ABBREVIATIONS = {
    "csr": "customer service representative",
    "csrs": "customer service representatives",
    "rep": "representative",
    "reps": "representatives",
    "cs": "customer service",
    "cust": "customer",
    "svc": "service",
    "svcs": "services",
    "acct": "account",
    "centre": "center",
    "centres": "centers",
    # In a restaurant's ad a server is a waiter, not a misspelt "service".
    "server": "server waiter",
    "servers": "servers waiters",
    # Spanish ads say "atención al cliente" for customer service.
    "atencion": "atencion servicio",
}
# Words a query carries that ask for nothing ("jobs in texas"): PostgreSQL's English search
# drops them itself, and the fallback would match every "in" of every duty.
ENGLISH_STOP_WORDS = frozenset(
    {"a", "an", "and", "are", "at", "do", "does", "for", "how", "in", "is", "of", "on", "or"}
    | {"the", "to", "what", "with"}
)
# Words a Spanish query carries that ask for nothing ("representante de servicio al cliente").
SPANISH_STOP_WORDS = frozenset(
    {"a", "al", "con", "de", "del", "el", "en", "la", "las", "lo", "los", "o", "para"}
    | {"por", "su", "sus", "un", "una", "y"}
)


@dataclass(frozen=True)
class Section:
    """A section of the profile that some query words ask for: "salary" means the pay."""

    anchor: str
    label: str
    text: str
    words: tuple


SECTIONS = (
    Section(
        "pay",
        gettext_lazy("Pay"),
        gettext_lazy("Median pay, the usual range and every pay figure in our sources"),
        # English, then Spanish.
        (
            *("pay", "paid", "salary", "wage", "hourly", "earn", "earnings", "income"),
            *("salario", "sueldo", "pago", "ganancias"),
        ),
    ),
    Section(
        "job-outlook",
        gettext_lazy("Job outlook"),
        gettext_lazy(
            "The projected change in jobs, the openings a year and every projection in our sources"
        ),
        ("outlook", "growth", "projection", "prospects", "perspectivas", "proyeccion"),
    ),
)
# A section word this long may be one typo away ("salery", "outlok"); shorter ones
# ("pay", "wage") only meet their own forms, or "page" would ask for the pay.
SECTION_TYPO_MIN_LENGTH = 6
# Words that ask for nothing of their own beside a section word: "job outlook", "average
# salary", "pay per hour". A query of only these and section words lists every occupation.
SECTION_FILLERS = frozenset(
    {
        # (The small words, "the", "in", "what"…, never reach it: terms_of() drops them.)
        *("much", "per"),
        *("hour", "year", "job", "jobs", "career", "careers", "average", "median"),
        *("typical", "annual", "yearly", "starting", "range", "rate", "rates"),
    }
)

# Letters and digits of any script; everything else (quotes, %, _, \, emoji) separates words.
WORD = re.compile(r"[^\W_]+")
# Characters no page or database should see: NUL and the other control characters.
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@dataclass(frozen=True)
class Field:
    """A searchable piece of text: where it lives, what it is called, how much it counts."""

    label: str
    model: type
    columns: tuple
    weight: str  # PostgreSQL's A (most) to D (least)

    def spanish_columns(self):
        return tuple(f"{column}_es" for column in self.columns)

    def english_columns(self):
        # Named outright: from a Spanish page, django-modeltranslation reads `title` as the
        # Spanish.
        return tuple(f"{column}_en" for column in self.columns)

    def queryset(self):
        """Published rows, unordered: results are ranked in Python, so no sort is needed."""
        if self.model is Occupation:
            return Occupation.objects.published().order_by()
        published = self.model.objects.filter(occupation__is_published=True)
        return published.select_related("occupation").order_by()


FIELDS = (
    Field(gettext_lazy("Occupation"), Occupation, ("title",), "A"),
    Field(gettext_lazy("Job title"), JobTitle, ("name",), "A"),
    Field(gettext_lazy("Duty"), Duty, ("text",), "B"),
    Field(gettext_lazy("Summary"), Occupation, ("definition", "summary"), "C"),
    Field(gettext_lazy("FAQ"), FAQEntry, ("question", "answer"), "C"),
)
# SearchRank's own default weights for D, C, B, A; the fallback scores with the same.
WEIGHTS = {"D": 0.1, "C": 0.2, "B": 0.4, "A": 1.0}


@dataclass
class Match:
    label: str
    text: str
    url: str
    score: float
    terms: tuple

    @property
    def highlighted(self):
        return highlight(snippet(self.text, self.terms), self.terms)


@dataclass
class Result:
    occupation: Occupation
    matches: list = field(default_factory=list)
    # Links to the profile's sections the query asks for; they do not count in the ranking.
    sections: list = field(default_factory=list)
    # A word besides a city's matched the occupation's title or a job title: "customer
    # service columbus".
    names_the_job: bool = False

    @property
    def score(self):
        """The best match counts most; the others only break ties, so one strong title match
        outranks many passing mentions (or near-misses) of a word."""
        scores = sorted((match.score for match in self.matches), reverse=True)
        if not scores:  # listed only for a section, "salary"
            return 0
        return scores[0] + sum(scores[1:]) * RUNNER_UP_SHARE

    @property
    def shown_matches(self):
        """The sections asked for first, then the best of what matched."""
        best = sorted(self.matches, key=lambda match: -match.score)[:MAX_MATCHES_SHOWN]
        return [*self.sections, *best]

    @cached_property
    def headline(self):
        """The occupation's newest pay and outlook (occupations/headline.py), read from the
        figures search() fetched."""
        return headline(self.occupation, notes=[])

    @property
    def pay_text(self):
        """“U.S. median pay $44,770 a year, or $21.53 an hour. From the BLS wage survey, May
        2025.”, or "" when there is no dated pay."""
        pay = self.headline.pay
        if pay is None:
            return ""
        derived = gettext(" (worked out from the hourly wage)") if pay.annual.derived else ""
        hourly = "" if pay.hourly.derived else gettext(", or %(hourly)s") % {"hourly": pay.hourly}
        if pay.figure.is_national:
            text = gettext("U.S. median pay %(pay)s%(hourly)s%(derived)s. From the %(source)s.")
        else:
            text = gettext("Median pay %(pay)s%(hourly)s%(derived)s. From the %(source)s.")
        return text % {
            "pay": pay.annual,
            "hourly": hourly,
            "derived": derived,
            "source": period_and_source(pay.figure),
        }

    @property
    def outlook_text(self):
        """“Jobs 2024–2034: a decline of 5 percent, with about 341,700 openings a year. From
        the BLS Occupational Outlook Handbook (2025).”, or ""."""
        outlook = self.headline.outlook
        if outlook is None:
            return ""
        summary = outlook.summary[0].lower() + outlook.summary[1:]
        openings = (
            gettext(", with %(openings)s") % {"openings": outlook.openings_text}
            if outlook.openings_text
            else ""
        )
        return gettext("Jobs %(period)s: %(summary)s%(openings)s. From the %(source)s.") % {
            "period": outlook.period_label,
            "summary": summary,
            "openings": openings,
            "source": outlook.change.source.short_title,
        }


@dataclass
class Search:
    query: str
    terms: tuple
    results: list
    was_cut: bool = False
    # When nothing matched: the occupations the site covers, to say what it does cover.
    covered: list = field(default_factory=list)
    places: "Places" = None  # the state, territory or areas the query names

    @property
    def asks_something(self):
        return bool(self.terms) or bool(self.places)


def clean_query(raw):
    """The query as it is searched and shown: no control characters, at most MAX_QUERY_LENGTH."""
    text = " ".join(CONTROL.sub(" ", raw or "").split())
    return text[:MAX_QUERY_LENGTH], len(text) > MAX_QUERY_LENGTH


def in_spanish():
    return translation.get_language() == "es"


def fold(word):
    """The word without its accents: "atención" as "atencion"."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def terms_of(query):
    """The lower-case words searched for, abbreviations spelled out, each once, without the
    small words of either language."""
    terms = []
    # Both languages' small words, whatever the page's: "sueldo en texas" on the English page.
    skipped = ENGLISH_STOP_WORDS | SPANISH_STOP_WORDS
    for word in WORD.findall(query.lower()):
        for term in ABBREVIATIONS.get(fold(word), word).split():
            if term not in terms and term not in skipped:
                terms.append(term)
    return tuple(terms[:MAX_TERMS])


def search(raw):
    query, was_cut = clean_query(raw)
    places, rest = places_named(query)
    terms = terms_of(rest)
    if not terms and not places:
        return Search(query, terms, [], was_cut)
    find = _postgres_matches if connection.vendor == "postgresql" else _fallback_matches
    results = {}
    # The words that may name a job: not a city's ("mesa" is near "mesero" to PostgreSQL).
    job_words = tuple(term for term in terms if fold(term) not in places.city_words)
    for spec in FIELDS if terms else ():  # a place alone ("texas") searches no field
        for record, score in find(spec, terms):
            occupation = record if isinstance(record, Occupation) else record.occupation
            result = results.setdefault(occupation.pk, Result(occupation))
            text = _text(spec, record, terms)
            named = spec.weight == "A" and bool(_matched_terms(text, job_words))
            result.names_the_job |= named
            result.matches.append(Match(spec.label, text, _url(record), score, terms))
    _add_sections(results, terms, places)
    ordered = sorted(results.values(), key=lambda result: (-result.score, result.occupation.title))
    if not ordered:
        covered = list(Occupation.objects.published().only("slug", "title"))
        return Search(query, terms, ordered, was_cut, covered, places)
    # What the headline reads, for all the results in one query: with_figures' recipe
    # (occupations/selectors.py), on the occupations the search already read.
    figures = Prefetch("figure_set", queryset=Figure.objects.select_related("source"))
    prefetch_related_objects([result.occupation for result in ordered], figures)
    for result in ordered:
        # An FAQ answer quotes figures by name (occupations/quoting.py): its snippet shows
        # their values, from the figures just fetched, so this costs no query.
        for match in result.matches:
            match.text = quoting.render(match.text, result.occupation.figure_set.all())
    return Search(query, terms, ordered, was_cut, places=places)


def section_of(term):
    """The profile section a query word asks for ("wages": the pay), or None."""
    for section in SECTIONS:
        for word in section.words:
            if stem(term) == stem(word):
                return section
            if len(word) >= SECTION_TYPO_MIN_LENGTH and one_edit(term, word):
                return section
    return None


# Other names readers give a place: "Washington DC" is not the state of Washington.
PLACE_ALIASES = {"District of Columbia": ("washington dc", "washington d c", "dc", "d c")}
# BLS names metropolitan areas after their main cities, "Portland-Vancouver-Hillsboro, OR-WA",
# with "--" between cities whose own names have a hyphen ("Scranton--Wilkes-Barre, PA"); one
# city's name carries a word readers leave off ("Urban Honolulu, HI").
WHOLE_CITY_SEPARATOR = re.compile(r"--|/")
CITY_PREFIX = "urban "
# "springfield columbus jackson portland" names 26 areas; a result lists this many.
MAX_AREAS = 6
# Words before a city that say it is a place: "jobs in columbus", "trabajo en salinas".
PLACE_PREPOSITIONS = frozenset({"in", "en", "near", "around", "cerca"})
# Names readers give an area that its BLS name lacks, by the area's code (BLS's names change
# more often: "New York-Newark-Jersey City, NY-NJ" in May 2025).
CITY_ALIASES = {"0035620": ("new york city", "nyc")}


@dataclass(frozen=True)
class Places:
    """The places a query names: a state or territory; metropolitan areas by a city, each
    as (area, the state whose page lists it); and the words of those cities."""

    state: Area | None = None
    areas: tuple = ()
    city_words: frozenset = frozenset()
    after_preposition: bool = False  # "jobs in columbus"

    def __bool__(self):
        return self.state is not None or bool(self.areas)


def _name_words(name):
    return tuple(fold(word) for word in WORD.findall(name.lower()))


def city_names(area):
    """(words, whole) for each city name in a metropolitan area's name. A name is whole when
    it is a city in full ("Salem, OR", "Winston-Salem, NC"), not when a hyphen may have split
    it from a city's name ("Salem" in "Winston-Salem"): BLS also puts a hyphen between
    cities, so only the areas a city names in full are found when there are any (“salem”:
    Salem, OR; “barre”: Scranton--Wilkes-Barre). A nonmetropolitan area names no city."""
    cities, comma, _ = area.name.rpartition(", ")
    if not comma or area.area_type != Area.Type.METRO:
        return []
    names = []
    for city in WHOLE_CITY_SEPARATOR.split(cities.lower()):
        city = city.strip().removeprefix(CITY_PREFIX)
        names.append((_name_words(city), True))
        if "-" in city:
            names.extend((_name_words(piece), False) for piece in city.split("-"))
    return [(words, whole) for words, whole in names if words]


PLACE_FIELDS = ("pk", "code", "area_type", "state_code", "name", "slug")


@dataclass(frozen=True)
class PlaceIndex:
    states: dict  # {name's words: state}, in English and in Spanish
    postal: dict  # {"oh": Ohio}
    cities: dict  # {name's words: [(area, whole)]}
    state_of: dict  # {state code: state}
    longest: int  # the most words in a name


@lru_cache(maxsize=2)
def _place_index(rows):
    """The names of the states' and areas' rows of PLACE_FIELDS. Kept for the rows it was
    built from: worked out on every search, the 583 areas' names took about 20 ms, as long as
    the rest of the search. Reading the rows costs the search its one query; an import that
    changes them changes the key. The areas in it are shared by every search: they are only
    read."""
    states, postal, cities, state_of = {}, {}, {}, {}
    for row in rows:
        area = Area(**dict(zip(PLACE_FIELDS, row, strict=True)))
        if area.area_type == Area.Type.STATE:
            state_of[area.state_code] = area
            postal[POSTAL.get(area.state_code, "").lower()] = area
            spanish = SPANISH_NAMES.get(area.name, (area.name,))[0]
            for name in (area.name, spanish, *PLACE_ALIASES.get(area.name, ())):
                states[_name_words(name)] = area
        names = [
            *city_names(area),
            *((_name_words(n), True) for n in CITY_ALIASES.get(area.code, ())),
        ]
        for words, whole in names:
            cities.setdefault(words, []).append((area, whole))
    longest = max(map(len, [*states, *cities]), default=0)
    return PlaceIndex(states, postal, cities, state_of, longest)


def places_named(query):
    """(the places the query names, the query without the states' names). Read left to right,
    the longest name at each word first, so "west virginia" is not Virginia and "kansas city"
    is the city. A state's name wins over a city of the same name ("new york"), and the first
    state named leads. A city names the metropolitan areas it leads ("springfield": four),
    only those within the state when one is named too ("springfield ohio"), or given by its
    postal abbreviation after the city ("Springfield, OH", "springfield oh"). States are named
    in English and as Spanish writes them, accents folded and case ignored; cities as BLS
    writes them. A city's words stay in the query: "college" may be Fairbanks-College, AK, or
    a degree. One query reads the names."""
    tokens = [
        (fold(match.group()), query[: match.start()].rstrip().endswith(","))
        for match in WORD.finditer(query.lower())
    ]
    words = [word for word, _ in tokens]
    if not words:
        return Places(), query
    rows = Area.objects.filter(area_type__in=(Area.Type.STATE, Area.Type.METRO)).values_list(
        *PLACE_FIELDS
    )
    index = _place_index(tuple(rows))

    def abbreviation_at(position, areas):
        """The state a postal abbreviation at `position` gives, where it may be one: after a
        comma or last ("or", "in", "de" are words too), and lying around `areas`."""
        if position >= len(words) or not (tokens[position][1] or position == len(words) - 1):
            return None
        state = index.postal.get(words[position])
        return state if state and any(area.lies_in(state) for area in areas) else None

    named, abbreviated, areas, city_words, rest = [], [], [], set(), []
    after_preposition, position = False, 0
    while position < len(words):
        for length in range(min(index.longest, len(words) - position), 0, -1):
            name = tuple(words[position : position + length])
            if name in index.states:
                named.append(state := index.states[name])
                position += length
                position += abbreviation_at(position, [state]) is not None  # "new york, ny"
                break
            if name in index.cities:
                found = index.cities[name]
                whole = [area for area, is_whole in found if is_whole]
                here = [a for a in whole or [a for a, _ in found] if a not in areas]
                areas.extend(here)
                city_words.update(name)
                rest.extend(name)
                after_preposition |= position > 0 and words[position - 1] in PLACE_PREPOSITIONS
                position += length
                if (state := abbreviation_at(position, here)) is not None:  # "Columbus, OH"
                    abbreviated.append(state)
                    position += 1
                break
        else:
            rest.append(words[position])
            position += 1
    if not named and not areas:
        return Places(), query
    state = (named or abbreviated or [None])[0]
    areas = (
        [(area, state) for area in areas if area.lies_in(state)]
        if state is not None
        else [(area, index.state_of[area.state_code]) for area in areas]
    )
    places = Places(state, tuple(areas[:MAX_AREAS]), frozenset(city_words), after_preposition)
    return places, " ".join(rest)


def _add_sections(results, terms, places):
    """Give each result links to its pay in the places the query names, and to the sections
    the query asks for. A query of nothing but places and section words ("texas",
    "columbus", "salaries", "job outlook") asks it of every occupation: they are all listed,
    the ones that also matched first. Otherwise ("barista salary") only the occupations the
    other words found get the links. A city leads to its areas in a query about pay or a
    place ("pay in columbus", "columbus ohio", "jobs in columbus", "columbus"), or from an
    occupation the query names ("customer service columbus"); beside other words ("do I need
    a college degree") it is just a word."""
    sections = []
    for term in terms:
        section = section_of(term)
        if section is not None and section not in sections:
            sections.append(section)
    only_places = all(
        section_of(term) or term in SECTION_FILLERS or fold(term) in places.city_words
        for term in terms
    )
    asks_pay = any(section.anchor == "pay" for section in sections)
    cued = places.state or places.after_preposition or asks_pay or only_places
    if not sections and not places:
        return
    if only_places:
        for occupation in Occupation.objects.published().order_by():
            results.setdefault(occupation.pk, Result(occupation))
    for result in results.values():
        here = places if cued or result.names_the_job else Places(places.state)
        profile = result.occupation.get_absolute_url()
        result.sections = [
            *_place_matches(result.occupation, here, terms),
            *(
                Match(section.label, str(section.text), f"{profile}#{section.anchor}", 0, terms)
                for section in sections
                # The place's own page has the pay there; the nation's is one link away on it.
                if not here or section.anchor != "pay"
            ),
        ]


def _place_matches(occupation, places, terms):
    """Links to the occupation's pay in each place: an area's row on its state's page, then
    the state's page."""
    matches = []
    for area, state in places.areas:
        text = gettext(
            "Median pay, the usual range and the jobs in the %(area)s area, one of the areas in "
            "%(state)s"
        ) % {"area": area.name, "state": state.place_name}
        url = reverse("careers:pay-state", args=[occupation.slug, state.slug])
        matches.append(
            Match(
                gettext("Pay in %(place)s") % {"place": area.name},
                text,
                f"{url}#{area.slug}",
                0,
                terms,
            )
        )
    if places.state is not None:
        place = places.state.place_name
        matches.append(
            Match(
                gettext("Pay in %(place)s") % {"place": place},
                gettext("Median pay, the usual range and the jobs in %(place)s and its areas")
                % {"place": place},
                reverse("careers:pay-state", args=[occupation.slug, places.state.slug]),
                0,
                terms,
            )
        )
    return matches


def _text(spec, record, terms):
    """The text shown for a match: the first of its columns that holds a matching word;
    a job title in title case, as an English ad would print it."""
    texts = [getattr(record, column) for column in spec.columns]
    text = next((text for text in texts if _matched_terms(text, terms)), texts[0])
    # Spanish writes a job title in sentence case, as the profile lists it.
    return title_case(text) if spec.model is JobTitle and not in_spanish() else text


# Lower case inside a title unless first: "Director of Member Services".
SMALL_WORDS = frozenset(
    {"a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"}
)
# A word starts at a letter that follows no letter, digit or apostrophe ("server's" is one).
TITLE_WORD = re.compile(r"(?<![\w'’])[^\W\d_][\w'’]*")


def title_case(text):
    """“call center agent” as “Call Center Agent”: each word's first letter in upper case,
    the rest left as written (“IT help desk” keeps its IT), small words lower inside."""

    def capitalise(found):
        word = found.group()
        if found.start() and word.lower() in SMALL_WORDS:
            return word
        return word[0].upper() + word[1:]

    return TITLE_WORD.sub(capitalise, text)


def _url(record):
    if isinstance(record, FAQEntry):
        faq = reverse("careers:occupation-faq", args=[record.occupation.slug])
        return f"{faq}#{record.anchor}"
    return record.get_absolute_url()


def _postgres_matches(spec, terms):
    # Matched on the plain document, which the GIN index of migration 0002 covers; ranked on
    # the same document weighted by what the field is.
    columns = spec.english_columns() if in_spanish() else spec.columns
    document = SearchVector(*columns, config="english")
    weighted = SearchVector(*columns, weight=spec.weight, config="english")
    words = reduce(or_, (SearchQuery(term, config="english") for term in terms))
    if in_spanish():
        # The Spanish columns beside the English, accents unfolded. A few hundred short
        # rows: no index of their own is needed.
        spanish = [Unaccent(column) for column in spec.spanish_columns()]
        document = document + SearchVector(*spanish, config="spanish")
        weighted = weighted + SearchVector(*spanish, weight=spec.weight, config="spanish")
        words = reduce(or_, (SearchQuery(fold(term), config="spanish") for term in terms), words)
        columns = columns + spec.spanish_columns()
    queryset = spec.queryset().annotate(document=document, rank=SearchRank(weighted, words))
    found = Q(document=words)
    typo_terms = [term for term in terms if len(term) >= TYPO_MIN_LENGTH]
    if typo_terms:
        # %> (a word of the column close to the term) uses the trigram indexes; each term's
        # word_similarity to its nearest word then says how well the row matches overall.
        found |= reduce(
            or_,
            (
                Q(**{f"{column}__trigram_word_similar": term})
                for term in typo_terms
                for column in columns
            ),
        )
        closeness = reduce(add, (_nearest_word(term, columns) for term in typo_terms))
        queryset = queryset.annotate(closeness=closeness)
    weight = WEIGHTS[spec.weight]
    for record in queryset.filter(found):
        closeness = getattr(record, "closeness", 0) or 0
        yield record, record.rank + weight * closeness / len(terms)


def _nearest_word(term, columns):
    similarities = [TrigramWordSimilarity(term, column) for column in columns]
    return similarities[0] if len(similarities) == 1 else Greatest(*similarities)


def _fallback_matches(spec, terms):
    weight = WEIGHTS[spec.weight]
    columns = spec.english_columns() + spec.spanish_columns() if in_spanish() else spec.columns
    for record in spec.queryset():
        text = " ".join(getattr(record, column) or "" for column in columns)
        matched = _matched_terms(text, terms)
        if matched:
            yield record, weight * len(matched) / len(terms)


def _matched_terms(text, terms):
    return {term for term in terms if any(word_matches(word, term) for word in _words(text))}


@lru_cache(maxsize=4096)
def _words(text):
    return frozenset(fold(word.lower()) for word in WORD.findall(text))


SUFFIXES = ("ation", "ing", "ed", "er")


# Matching runs for every word of every row on each search; the corpus's words repeat from
# one search to the next, so their stems and matches are kept (bounded: queries are free text).
@lru_cache(maxsize=8192)
def stem(word):
    """A rough English stem: enough for plurals and -ing/-ed forms to meet their word. Accents
    are folded first, so a Spanish word meets its unaccented spelling."""
    word = fold(word)
    if word.endswith("sses"):
        word = word[:-2]
    elif word.endswith("ies") and len(word) > 4:
        word = word[:-3] + "y"
    elif word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    for suffix in SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.removesuffix("e") if len(word) > 3 else word


@lru_cache(maxsize=8192)
def word_matches(word, term):
    """The same word, another form of it, or (for longer words) one typo away."""
    word, term = fold(word.lower()), fold(term)
    if stem(word) == stem(term):
        return True
    return len(term) >= TYPO_MIN_LENGTH and len(word) >= TYPO_MIN_LENGTH and one_edit(word, term)


def one_edit(a, b):
    """True when b is a with one letter changed, added, dropped, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return a == b
    if len(a) == len(b):
        differ = [i for i in range(len(a)) if a[i] != b[i]]
        if len(differ) == 1:
            return True
        return (
            len(differ) == 2
            and differ[1] == differ[0] + 1
            and a[differ[0]] == b[differ[1]]
            and a[differ[1]] == b[differ[0]]
        )
    shorter, longer = (a, b) if len(a) < len(b) else (b, a)
    return any(longer[:i] + longer[i + 1 :] == shorter for i in range(len(longer)))


def snippet(text, terms):
    """A long text cut to SNIPPET_WORDS words around its first matching word."""
    words = text.split()
    if len(words) <= SNIPPET_WORDS:
        return text
    first = next(
        (
            i
            for i, word in enumerate(words)
            if any(word_matches(part, term) for part in WORD.findall(word) for term in terms)
        ),
        0,
    )
    start = max(0, min(first - SNIPPET_WORDS // 3, len(words) - SNIPPET_WORDS))
    cut = " ".join(words[start : start + SNIPPET_WORDS])
    return f"{'… ' if start else ''}{cut}{' …' if start + SNIPPET_WORDS < len(words) else ''}"


def highlight(text, terms):
    """The text escaped, with every matching word in <mark>: safe to put in a page."""
    pieces = []
    position = 0
    for found in WORD.finditer(text):
        pieces.append(escape(text[position : found.start()]))
        word = escape(found.group())
        if any(word_matches(found.group(), term) for term in terms):
            word = f"<mark>{word}</mark>"
        pieces.append(word)
        position = found.end()
    pieces.append(escape(text[position:]))
    # Every piece above went through escape(); only the <mark> tags are ours.
    return mark_safe("".join(pieces))
