"""schema.org JSON-LD, so search engines and other programs can read the profile."""

import json

from django.utils.translation import gettext

from careers.edge.canonical import absolute_url
from occupations.headline import headline
from occupations.models import EducationItem
from occupations.selectors import education_items, from_first_source, leading_duties


def to_script_json(data):
    """JSON that is safe to place inside a <script> element."""
    # Compact: no reader needs it laid out, and every page that carries it is smaller.
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def occupation_jsonld(occupation):
    data = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": occupation.title,
        "description": occupation.definition,
        "url": absolute_url(occupation.get_absolute_url()),
        "occupationalCategory": {
            "@type": "CategoryCode",
            "codeValue": occupation.soc_code,
            "inCodeSet": "Standard Occupational Classification (SOC)",
        },
        "occupationLocation": {"@type": "Country", "name": "United States"},
        "alternateName": [title.name for title in occupation.jobtitle_set.all()],
        "responsibilities": [duty.text for duty in leading_duties(occupation)],
        "skills": [quality.name for quality in occupation.quality_set.all()],
        # Schooling only: not courses, training or experience.
        "educationRequirements": [
            item.text
            for item in from_first_source(
                education_items(occupation, EducationItem.SCHOOLING_KINDS)
            )
        ],
        "experienceRequirements": [
            item.text for item in education_items(occupation, EducationItem.EXPERIENCE_KINDS)
        ],
    }
    # A property with nothing to say is left out rather than sent as an empty list.
    data = {key: value for key, value in data.items() if value != []}
    lead = headline(occupation)
    if lead.pay is not None:
        # Yearly, as the page leads; the range from the same period where a source gives one.
        wage = lead.pay.figure
        data["estimatedSalary"] = {
            "@type": "MonetaryAmountDistribution",
            "name": f"Median annual wage, {wage.period_label} ({wage.source.title})"
            + (", derived from the hourly wage at 2,080 hours" if lead.pay.annual.derived else ""),
            "currency": "USD",
            "duration": "P1Y",
            # The amounts the page shows: a worked-out yearly wage rounded as BLS rounds.
            "median": float(lead.pay.annual.shown_value),
        }
        if lead.range is not None:
            data["estimatedSalary"]["percentile10"] = float(
                round(lead.range.low.annual.shown_value)
            )
            data["estimatedSalary"]["percentile90"] = float(
                round(lead.range.high.annual.shown_value)
            )
    return to_script_json(data)


def faq_jsonld(occupation, answers):
    """FAQPage markup; answers carry their figures with period and source, as on the page:
    `answers` are (entry, [(figure, is_newest), ...]) as the FAQ view makes them."""

    def answer_text(entry, figures):
        parts = [entry.answer_text]
        for figure, _ in figures:
            parts.append(
                gettext("%(measure)s: %(value)s (%(period)s; source: %(source)s).")
                % {
                    "measure": figure.get_measure_display(),
                    "value": figure.value_with_comparison,
                    "period": figure.period_label,
                    "source": figure.source.short_title,
                }
            )
        return " ".join(parts)

    return to_script_json(
        {
            "@context": "https://schema.org",
            "@type": "FAQPage",
            "name": gettext("%(title)s: frequently asked questions") % {"title": occupation.title},
            "mainEntity": [
                {
                    "@type": "Question",
                    "name": entry.question,
                    "acceptedAnswer": {"@type": "Answer", "text": answer_text(entry, figures)},
                }
                for entry, figures in answers
            ],
        }
    )
