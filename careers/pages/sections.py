"""The profile's sections, in page order, and which of them an occupation fills.

A section with no records is left out, with its table-of-contents entry: a
reader should never open an empty heading.
"""

# (id, label, what the section shows, or None for one every profile has)
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


def profile_sections(occupation, notes):
    """The (id, label) of each section this occupation's profile shows, read from
    the rows selectors.with_profile fetched."""
    return [
        (section_id, label)
        for section_id, label, shows in PROFILE_SECTIONS
        if shows is None or shows(occupation, notes)
    ]
