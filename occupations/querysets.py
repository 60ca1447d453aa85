"""The query vocabulary: what views ask for, named once."""

from django.db import models
from django.db.models import Prefetch


class SourceQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)


class PriceIndexQuerySet(models.QuerySet):
    def get_by_natural_key(self, year):
        return self.get(year=year)

    def with_source(self):
        return self.select_related("source")


class ChildQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug, occupation_slug):
        return self.get(slug=slug, occupation__slug=occupation_slug)


class WorkSettingDetailQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug, setting_slug, occupation_slug):
        return self.get(
            slug=slug,
            work_setting__slug=setting_slug,
            work_setting__occupation__slug=occupation_slug,
        )


class OccupationQuerySet(models.QuerySet):
    def get_by_natural_key(self, slug):
        return self.get(slug=slug)

    def published(self):
        return self.filter(is_published=True)

    def with_figures(self):
        from .models import Figure

        return self.prefetch_related(
            Prefetch("figure_set", queryset=Figure.objects.select_related("source"))
        )

    def with_faq(self):
        from .models import FAQEntry, Figure

        figures = Figure.objects.select_related("source")
        return self.select_related("source").prefetch_related(
            Prefetch(
                "faqentry_set",
                queryset=FAQEntry.objects.select_related("source").prefetch_related(
                    Prefetch("figures", queryset=figures)
                ),
            )
        )

    def with_profile(self):
        """Everything the profile page shows, in a fixed number of queries."""
        from . import models as m

        def cited(model):
            return model.objects.select_related("source")

        figures = cited(m.Figure)
        return self.select_related("source").prefetch_related(
            Prefetch("duty_set", queryset=cited(m.Duty)),
            Prefetch("jobtitle_set", queryset=cited(m.JobTitle)),
            Prefetch("quality_set", queryset=cited(m.Quality)),
            Prefetch("educationitem_set", queryset=cited(m.EducationItem)),
            Prefetch("sector_set", queryset=cited(m.Sector)),
            Prefetch("advancementpath_set", queryset=cited(m.AdvancementPath)),
            Prefetch("tip_set", queryset=cited(m.Tip)),
            Prefetch("figure_set", queryset=figures),
            Prefetch(
                "worksetting_set",
                queryset=cited(m.WorkSetting).prefetch_related(
                    Prefetch("details", queryset=cited(m.WorkSettingDetail))
                ),
            ),
            Prefetch(
                "faqentry_set",
                queryset=cited(m.FAQEntry).prefetch_related(Prefetch("figures", queryset=figures)),
            ),
        )


class DataNoteQuerySet(ChildQuerySet):
    def for_about_page(self):
        from .models import Figure

        return (
            self.filter(occupation__is_published=True)
            .select_related("occupation", "source")
            .prefetch_related(Prefetch("figures", queryset=Figure.objects.select_related("source")))
        )
