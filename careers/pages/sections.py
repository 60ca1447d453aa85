"""Each page's sections: the id a link opens and the heading it shows, written once, in
page order; and which of the profile's sections an occupation fills.

Templates write `{% section_heading "pay" %}` (careers/pages/templatetags/page_meta.py),
which takes the heading from here; a table of contents reads the same list. A section
whose heading is the record's own (a work setting, a FAQ question, a data note) passes it.

A profile section with no records is left out, with its table-of-contents entry: a
reader should never open an empty heading.
"""

from django.utils.translation import gettext_lazy as _

# (id, heading, what the section shows, or None for one every profile has)
PROFILE_SECTIONS = [
    ("summary", _("Summary"), None),
    ("what-they-do", _("What they do"), lambda o, notes: o.duty_set.all() or notes["what_they_do"]),
    ("work-environment", _("Work environment"), lambda o, notes: o.worksetting_set.all()),
    ("schedules", _("Schedules"), lambda o, notes: o.schedules()),
    ("how-to-become-one", _("How to become one"), lambda o, notes: o.educationitem_set.all()),
    ("skills", _("Skills and qualities"), lambda o, notes: o.quality_set.all()),
    ("pay", _("Pay"), None),
    ("job-outlook", _("Job outlook"), None),
    ("where-they-work", _("Where they work"), lambda o, notes: o.sector_set.all()),
    ("job-titles", _("Job titles"), lambda o, notes: o.jobtitle_set.all()),
    ("advancement", _("Advancement"), lambda o, notes: o.advancementpath_set.all()),
    (
        "similar-occupations",
        _("Similar occupations"),
        lambda o, notes: o.similaroccupation_set.all(),
    ),
    ("tips", _("Tips"), lambda o, notes: o.tip_set.all()),
    ("cite", _("Cite this page"), None),
    ("sources", _("Sources"), None),
]

# (id, heading) of the other pages' sections, in page order. The FAQ's questions come
# between its box and its citation, each headed by its own question.
FAQ_SECTIONS = [
    ("in-short", _("In short")),
    ("cite", _("Cite this page")),
    ("sources", _("Sources")),
]

OVER_TIME_SECTIONS = [
    ("pay-over-time", _("Median pay")),
    ("outlook-over-time", _("Projected change in employment")),
    ("sources", _("Sources")),
]

PAY_SECTIONS = [
    # A job seeker's own state first: on a phone the nation's table would fill the first
    # screens, and "Pay in your state" leads here.
    ("your-state", _("Pay in your state")),
    ("nation", _("The nation")),
    ("map", _("Map of median pay")),
    ("states", _("Every state and territory")),
    ("industries", _("Pay by industry")),
    ("precision", _("How precise these estimates are")),
    ("sources", _("Sources")),
]

COMPARE_STATE_SECTIONS = [
    ("in-the-state", _("In the state and the nation")),
    ("sources", _("Sources")),
]

# A job seeker's three questions first (a new user's trial found the outlook 6,400 px down a
# phone's page, and the way in nowhere): the lede gives the pay.
STATE_PAY_SECTIONS = [
    ("outlook", _("Will there be jobs?")),
    ("how-to-get-in", _("How to get in")),
    ("state-and-nation", _("The state and the nation")),
    ("areas", _("Metropolitan and nonmetropolitan areas")),
    ("precision", _("How precise these estimates are")),
    ("cite", _("Cite this page")),
    ("sources", _("Sources")),
]

COMPARE_SECTIONS = [
    ("compare-in-a-state", _("Compare in a state")),
    ("older-figures", _("Older figures, from different years")),
    ("sources", _("Sources")),
]

ABOUT_DATA_SECTIONS = [
    ("bls-programs", _("Two BLS programs, two job counts")),
    ("editions", _("Our documents and BLS's handbook")),
    ("settled", _("Two doubts about older figures")),
    ("bls-files", _("BLS's data files")),
    ("sources", _("Sources")),
    ("disagreements", _("Where the sources disagree")),
    ("rules", _("How we present figures")),
    ("conversion", _("Hourly and annual pay")),
    ("price-index", _("Old pay in later dollars")),
    ("comparisons", _("Comparisons we work out")),
    ("references", _("References")),
]

# About the data's table of contents leaves out its references: each is reached from
# its marker in the text.
ABOUT_DATA_CONTENTS = [section for section in ABOUT_DATA_SECTIONS if section[0] != "references"]


def _headings(*pages):
    """id -> heading over every page. An id two pages share (#sources, #cite) must have
    the same heading on both: a link to #sources always opens "Sources"."""
    headings = {}
    for sections in pages:
        for section_id, heading, *_rest in sections:
            if headings.setdefault(section_id, heading) != heading:
                raise ValueError(
                    f"#{section_id} is headed both {headings[section_id]!r} and {heading!r}"
                )
    return headings


HEADINGS = _headings(
    PROFILE_SECTIONS,
    FAQ_SECTIONS,
    OVER_TIME_SECTIONS,
    PAY_SECTIONS,
    STATE_PAY_SECTIONS,
    COMPARE_SECTIONS,
    COMPARE_STATE_SECTIONS,
    ABOUT_DATA_SECTIONS,
)


def profile_sections(occupation, notes):
    """The (id, heading) of each section this occupation's profile shows, read from
    the rows selectors.with_profile fetched."""
    return [
        (section_id, heading)
        for section_id, heading, shows in PROFILE_SECTIONS
        if shows is None or shows(occupation, notes)
    ]
