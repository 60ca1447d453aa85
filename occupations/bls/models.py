"""BLS's releases and estimates, as read from its flat files: data, not editors' content.

They come from BLS files (see occupations/bls/importer.py), so the admin shows them read
only; the figures a page leads with are made from them as Figure rows that cite them.
"""

from django.db import models
from django.utils import translation
from django.utils.text import slugify

from ..formatting import Period
from .states import POSTAL, SPANISH_NAMES, states_in_name


class ReleaseQuerySet(models.QuerySet):
    def get_by_natural_key(self, program, code):
        return self.get(program=program, code=code)


class Release(models.Model):
    """One release of one BLS program, such as OEWS "May 2025" (BLS's code 2025A01)."""

    class Program(models.TextChoices):
        OEWS = "oews", "Occupational Employment and Wage Statistics (OEWS)"

    program = models.CharField(max_length=10, choices=Program)
    code = models.CharField(max_length=10, help_text="BLS's own code, such as 2025A01.")
    label = models.CharField(max_length=50, help_text="BLS's name for it, such as “May 2025”.")
    period_year = models.PositiveSmallIntegerField()
    period_month = models.PositiveSmallIntegerField(null=True, blank=True)
    files = models.JSONField(
        default=list, help_text="Each file read: its name, size in bytes and SHA-256."
    )
    origin = models.TextField(help_text="Where the files came from.")
    imported_at = models.DateTimeField()
    from_shipped_files = models.BooleanField(
        default=False,
        help_text="Imported last from the files shipped with the site (fixtures/bls/), by "
        "load_content; not from an editor's or an operator's files, which load_content keeps.",
    )
    source = models.OneToOneField(
        "occupations.Source",
        on_delete=models.PROTECT,
        related_name="bls_release",
        help_text="The source record the figures made from this release cite.",
    )

    objects = ReleaseQuerySet.as_manager()

    class Meta:
        ordering = ["-period_year", "-period_month"]
        constraints = [
            models.UniqueConstraint(fields=["program", "code"], name="release_unique_code"),
        ]

    def __str__(self):
        return f"{self.get_program_display()}, {self.label}"

    def natural_key(self):
        """BLS's own code: an export names the release its figures cite by it, the same in
        any database (occupations/exchange/)."""
        return (self.program, self.code)

    natural_key.dependencies = ["occupations.source"]

    @property
    def period(self):
        """The period its estimates describe (May 2025), for their age."""
        return Period(self.period_year, self.period_year, self.period_month)

    @property
    def period_label(self):
        return self.period.label


class Area(models.Model):
    """The nation, a state or territory, or a metropolitan or nonmetropolitan area."""

    class Type(models.TextChoices):
        NATION = "N", "Nation"
        STATE = "S", "State or territory"
        METRO = "M", "Metropolitan or nonmetropolitan area"

    code = models.CharField(max_length=7, unique=True)
    area_type = models.CharField(max_length=1, choices=Type)
    state_code = models.CharField(max_length=2)
    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=220, unique=True)

    NATIONAL_CODE = "0000000"
    # Names that take "the" in running text: "in the Virgin Islands".
    NAMES_WITH_THE = ("District of Columbia", "Virgin Islands")

    class Meta:
        ordering = ["area_type", "name"]

    def __str__(self):
        return self.name

    @property
    def shown_name(self):
        """The name in the page's language: "Nueva York" on a Spanish page. Metropolitan areas
        keep BLS's names, which are names of places, in both."""
        if self.area_type == self.Type.STATE and translation.get_language() == "es":
            return SPANISH_NAMES.get(self.name, (self.name,))[0]
        return self.name

    @property
    def crosses_state_line(self):
        """A metropolitan area whose name lists two or more states ("Cincinnati, OH-KY-IN"):
        BLS counts all its jobs in each of them."""
        return self.area_type == self.Type.METRO and len(states_in_name(self.name)) > 1

    def lies_in(self, state):
        """Whether the state's pages list this area: an area of its own, or one whose name
        lists it ("Cincinnati, OH-KY-IN" in Kentucky and Indiana too)."""
        return self.state_code == state.state_code or (
            POSTAL.get(state.state_code) in states_in_name(self.name)
        )

    @property
    def place_name(self):
        """The name as running text writes it after "in": "the District of Columbia"."""
        if translation.get_language() == "es":
            return SPANISH_NAMES.get(self.name, (None, self.shown_name))[1]
        return f"the {self.name}" if self.name in self.NAMES_WITH_THE else self.name

    @property
    def survey_page_url(self):
        """BLS's page of a state's or territory's newest wage survey estimates, every
        occupation's pay there ("current" is always BLS's newest release); "" for the nation
        and for metropolitan areas, whose pages BLS names by other codes."""
        postal = POSTAL.get(self.state_code) if self.area_type == self.Type.STATE else None
        return f"https://www.bls.gov/oes/current/oes_{postal.lower()}.htm" if postal else ""

    @staticmethod
    def slug_for(name, area_type, code):
        """States and the nation by name; areas by name and code, as two areas may share a
        name across BLS's revisions of their boundaries."""
        if area_type == Area.Type.METRO:
            return slugify(f"{name} {code}")
        return slugify(name)


class Industry(models.Model):
    code = models.CharField(max_length=6, unique=True)
    name = models.CharField(max_length=200)
    display_level = models.PositiveSmallIntegerField(default=0)

    ALL_INDUSTRIES_CODE = "000000"

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "industries"

    def __str__(self):
        return self.name


# The estimate's fields by BLS datatype code (oe.datatype): what each value means.
DATATYPE_FIELDS = {
    "01": "employment",
    "02": "employment_rse",
    "03": "hourly_mean",
    "04": "annual_mean",
    "05": "wage_rse",
    "06": "hourly_p10",
    "07": "hourly_p25",
    "08": "hourly_median",
    "09": "hourly_p75",
    "10": "hourly_p90",
    "11": "annual_p10",
    "12": "annual_p25",
    "13": "annual_median",
    "14": "annual_p75",
    "15": "annual_p90",
    "16": "jobs_per_1000",
    "17": "location_quotient",
}


class Marker(models.TextChoices):
    """What BLS's footnotes on a value mean, kept in place of the bare codes."""

    NOT_RELEASED = "not_released", "Not released by BLS"
    TOP_CODED = "top_coded", "At or above BLS's top code"


def _value(help_text="", digits=12, places=2):
    return models.DecimalField(
        max_digits=digits, decimal_places=places, null=True, blank=True, help_text=help_text
    )


class WageEstimate(models.Model):
    """One release's estimates for one occupation in one area and industry.

    A value BLS did not release is empty, never zero, and `markers` says why.
    """

    release = models.ForeignKey(Release, on_delete=models.CASCADE, related_name="estimates")
    soc_code = models.CharField("SOC code", max_length=7, help_text="00-0000 is all occupations.")
    area = models.ForeignKey(Area, on_delete=models.PROTECT)
    industry = models.ForeignKey(Industry, on_delete=models.PROTECT)
    employment = _value("Wage and salary jobs (OEWS counts no self-employed).")
    employment_rse = _value("Relative standard error of the employment, percent.", 6, 1)
    hourly_mean = _value()
    annual_mean = _value()
    wage_rse = _value("Relative standard error of the mean wage, percent.", 6, 1)
    hourly_p10 = _value()
    hourly_p25 = _value()
    hourly_median = _value()
    hourly_p75 = _value()
    hourly_p90 = _value()
    annual_p10 = _value()
    annual_p25 = _value()
    annual_median = _value()
    annual_p75 = _value()
    annual_p90 = _value()
    jobs_per_1000 = _value(digits=10, places=3)
    location_quotient = _value(digits=8, places=2)
    markers = models.JSONField(
        default=dict, help_text="Field name to what BLS's footnote says of it (see Marker)."
    )
    lines = models.JSONField(
        default=dict, help_text="Field name to its line in the release's data file."
    )

    ALL_OCCUPATIONS = "00-0000"

    class Meta:
        ordering = ["release", "soc_code", "area", "industry"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "soc_code", "area", "industry"], name="estimate_unique_cell"
            ),
        ]
        indexes = [models.Index(fields=["soc_code", "area", "industry"])]

    def __str__(self):
        return f"{self.soc_code}, {self.area}, {self.industry} ({self.release.label})"

    def marker(self, field):
        return self.markers.get(field, "")
