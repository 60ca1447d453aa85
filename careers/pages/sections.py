"""Each page's sections: the id a link opens and the heading it shows, written once, in
page order; and which of the profile's sections an occupation fills.

Templates write `{% section_heading "pay" %}` (careers/pages/templatetags/page_meta.py),
which takes the heading from here; a table of contents reads the same list. A section
whose heading is the record's own (a work setting, a FAQ question, a data note) passes it.

A profile section with no records is left out, with its table-of-contents entry: a
reader should never open an empty heading.
"""

# (id, heading, what the section shows, or None for one every profile has)
PROFILE_SECTIONS = [
    ("summary", "Summary", None),
    ("what-they-do", "What they do", lambda o, notes: o.duty_set.all() or notes["what_they_do"]),
    ("work-environment", "Work environment", lambda o, notes: o.worksetting_set.all()),
    ("schedules", "Schedules", lambda o, notes: o.schedules()),
    ("how-to-become-one", "How to become one", lambda o, notes: o.educationitem_set.all()),
    ("skills", "Skills and qualities", lambda o, notes: o.quality_set.all()),
    ("pay", "Pay", None),
    ("job-outlook", "Job outlook", None),
    ("where-they-work", "Where they work", lambda o, notes: o.sector_set.all()),
    ("job-titles", "Job titles", lambda o, notes: o.jobtitle_set.all()),
    ("advancement", "Advancement", lambda o, notes: o.advancementpath_set.all()),
    ("similar-occupations", "Similar occupations", lambda o, notes: o.similaroccupation_set.all()),
    ("tips", "Tips", lambda o, notes: o.tip_set.all()),
    ("cite", "Cite this page", None),
    ("sources", "Sources", None),
]

# (id, heading) of the other pages' sections, in page order. The FAQ's questions come
# between its box and its citation, each headed by its own question.
FAQ_SECTIONS = [
    ("in-short", "In short"),
    ("cite", "Cite this page"),
    ("sources", "Sources"),
]

OVER_TIME_SECTIONS = [
    ("pay-over-time", "Median pay"),
    ("outlook-over-time", "Projected change in employment"),
    ("sources", "Sources"),
]

PAY_SECTIONS = [
    ("nation", "The nation"),
    ("your-state", "Pay in your state"),
    ("map", "Map of median pay"),
    ("states", "Every state and territory"),
    ("industries", "Pay by industry"),
    ("precision", "How precise these estimates are"),
    ("sources", "Sources"),
]

COMPARE_STATE_SECTIONS = [
    ("in-the-state", "In the state and the nation"),
    ("sources", "Sources"),
]

STATE_PAY_SECTIONS = [
    ("state-and-nation", "The state and the nation"),
    ("areas", "Metropolitan and nonmetropolitan areas"),
    ("outlook", "Will there be jobs?"),
    ("precision", "How precise these estimates are"),
    ("cite", "Cite this page"),
    ("sources", "Sources"),
]

COMPARE_SECTIONS = [
    ("compare-in-a-state", "Compare in a state"),
    ("older-figures", "Older figures, from different years"),
    ("sources", "Sources"),
]

ABOUT_DATA_SECTIONS = [
    ("bls-programs", "Two BLS programs, two job counts"),
    ("editions", "Our documents and BLS's handbook"),
    ("settled", "Two doubts, now settled"),
    ("bls-files", "BLS's data files"),
    ("sources", "Sources"),
    ("disagreements", "Where the sources disagree"),
    ("rules", "How we present figures"),
    ("conversion", "Hourly and annual pay"),
    ("price-index", "Old pay in later dollars"),
    ("references", "References"),
]

# About the data's table of contents leaves out its references: each is reached from
# its marker in the text.
ABOUT_DATA_CONTENTS = [section for section in ABOUT_DATA_SECTIONS if section[0] != "references"]


def _headings(*pages):
    """id -> heading over every page. An id two pages share (#sources, #cite) must have
    the same heading on both: a link to #sources always opens "Sources"."""
    headings = {}
    for sections in pages:
        for section_id, heading, *_ in sections:
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
