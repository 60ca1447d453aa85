"""The editors' whole tool: every content model, with history, revert and clear validation.

Validation comes from the models (clean() and the database constraints), so the
admin, the loader and the database all apply the same rules.
"""

from django.contrib import admin
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from . import models

admin.site.site_header = "Customer Service Careers: editors"
admin.site.site_title = "Customer Service Careers admin"
admin.site.index_title = "Site content"

CITATION_FIELDS = ["source", "source_line"]


class ChangeSummaryMixin:
    """After a save, say what changed, in the words the admin's history uses."""

    def log_change(self, request, obj, message):
        entry = super().log_change(request, obj, message)
        summary = entry.get_change_message() if entry else ""
        if summary and summary != "No fields changed.":
            self.message_user(request, f"What changed: {summary}")
        return entry


class ContentAdmin(ChangeSummaryMixin, SimpleHistoryAdmin):
    list_select_related = ["source"]
    save_on_top = True


class PartAdmin(ContentAdmin):
    list_select_related = ["occupation", "source"]
    list_filter = ["occupation", "source"]


class PartInline(admin.TabularInline):
    extra = 0
    show_change_link = True
    classes = ["collapse"]


def inline_for(model, *fields, stacked=False, **options):
    base = admin.StackedInline if stacked else PartInline
    if stacked:
        options = {"extra": 0, "show_change_link": True, "classes": ["collapse"], **options}
    attributes = {"model": model, "fields": ["order", *fields, "slug", *CITATION_FIELDS], **options}
    return type(f"{model.__name__}Inline", (base,), attributes)


class FigureInline(PartInline):
    model = models.Figure
    classes = []
    fields = [
        "kind",
        "value",
        "unit",
        "is_approximate",
        "period_start_year",
        "period_end_year",
        "period_month",
        "comparison",
        "slug",
        *CITATION_FIELDS,
    ]


@admin.register(models.Source)
class SourceAdmin(ChangeSummaryMixin, SimpleHistoryAdmin):
    list_display = ["title", "short_title", "document", "period", "publisher"]
    list_filter = ["publisher"]
    search_fields = ["title", "short_title", "document", "description", "notes"]
    prepopulated_fields = {"slug": ["short_title"]}


@admin.register(models.Occupation)
class OccupationAdmin(ContentAdmin):
    list_display = ["title", "soc_code", "is_published", "last_reviewed", "stale_figures"]
    list_filter = ["is_published", "last_reviewed"]
    search_fields = ["title", "soc_code", "definition", "summary"]
    prepopulated_fields = {"slug": ["title"]}
    fieldsets = [
        (None, {"fields": ["title", "slug", "soc_code", "is_published", "last_reviewed"]}),
        ("Overview", {"fields": ["definition", "summary", *CITATION_FIELDS]}),
    ]
    inlines = [
        FigureInline,
        inline_for(models.Duty, "text"),
        inline_for(models.JobTitle, "name"),
        inline_for(models.Quality, "kind", "name", "description"),
        inline_for(models.WorkSetting, "name", "description"),
        inline_for(models.EducationItem, "kind", "text"),
        inline_for(models.Sector, "kind", "name"),
        inline_for(models.AdvancementPath, "title", "description"),
        inline_for(models.Tip, "title", "text"),
        inline_for(
            models.FAQEntry,
            "question",
            "answer",
            "figures",
            stacked=True,
            autocomplete_fields=["figures"],
        ),
        inline_for(
            models.DataNote,
            "title",
            "body",
            "resolution",
            "figures",
            stacked=True,
            autocomplete_fields=["figures"],
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).with_figures()

    @admin.display(description="Stale figures")
    def stale_figures(self, occupation):
        return sum(figure.is_stale for figure in occupation.figure_set.all())


class StaleFilter(admin.SimpleListFilter):
    title = "freshness"
    parameter_name = "stale"

    def lookups(self, request, model_admin):
        return [("yes", "Stale"), ("no", "Current"), ("undated", "Undated")]

    def queryset(self, request, queryset):
        cutoff = models.stale_before_year()
        if self.value() == "yes":
            return queryset.filter(period_start_year__lt=cutoff)
        if self.value() == "no":
            return queryset.filter(period_start_year__gte=cutoff)
        if self.value() == "undated":
            return queryset.filter(period_start_year__isnull=True)
        return queryset


@admin.register(models.Figure)
class FigureAdmin(PartAdmin):
    list_display = [
        "slug",
        "occupation",
        "kind",
        "shown_value",
        "period",
        "stale",
        "source",
        "source_line",
    ]
    list_filter = [StaleFilter, "kind", "unit", "occupation", "source"]
    search_fields = ["slug", "comparison", "note", "occupation__title"]
    fieldsets = [
        (None, {"fields": ["occupation", "slug", "order", "kind"]}),
        ("Value", {"fields": ["value", "unit", "is_approximate", "comparison"]}),
        (
            "Period",
            {
                "description": "“May 2020” is 2020, 2020, month 5. “2019–2029” is 2019, 2029. "
                "“2008” is 2008, 2008. Leave all empty only for a claim the source did not date.",
                "fields": ["period_start_year", "period_end_year", "period_month"],
            },
        ),
        ("Source", {"fields": [*CITATION_FIELDS, "note"]}),
    ]

    @admin.display(description="Value", ordering="value")
    def shown_value(self, figure):
        return figure.display_value

    @admin.display(description="Period", ordering="period_end_year")
    def period(self, figure):
        return figure.period_label

    @admin.display(description="Stale", boolean=True)
    def stale(self, figure):
        return figure.is_stale if figure.is_dated else None


@admin.register(models.Duty)
class DutyAdmin(PartAdmin):
    list_display = ["text", "occupation", "order", "source", "source_line"]
    search_fields = ["text"]


@admin.register(models.JobTitle)
class JobTitleAdmin(PartAdmin):
    list_display = ["name", "occupation", "order", "source", "source_line"]
    search_fields = ["name"]


@admin.register(models.Quality)
class QualityAdmin(PartAdmin):
    list_display = ["name", "kind", "occupation", "order", "source"]
    list_filter = ["kind", *PartAdmin.list_filter]
    search_fields = ["name", "description"]


class WorkSettingDetailInline(admin.TabularInline):
    model = models.WorkSettingDetail
    extra = 0
    fields = ["order", "kind", "text", "slug", *CITATION_FIELDS]


@admin.register(models.WorkSetting)
class WorkSettingAdmin(PartAdmin):
    list_display = ["name", "occupation", "order", "source", "detail_count"]
    search_fields = ["name", "description"]
    inlines = [WorkSettingDetailInline]

    @admin.display(description="Channels, tools and schedules")
    def detail_count(self, setting):
        return setting.details.count()


@admin.register(models.WorkSettingDetail)
class WorkSettingDetailAdmin(ContentAdmin):
    list_display = ["text", "kind", "work_setting", "order", "source"]
    list_filter = ["kind", "work_setting__occupation", "source"]
    list_select_related = ["work_setting__occupation", "source"]
    search_fields = ["text", "work_setting__name"]


@admin.register(models.EducationItem)
class EducationItemAdmin(PartAdmin):
    list_display = ["text", "kind", "occupation", "order", "source"]
    list_filter = ["kind", *PartAdmin.list_filter]
    search_fields = ["text"]


@admin.register(models.Sector)
class SectorAdmin(PartAdmin):
    list_display = ["name", "kind", "occupation", "order", "source"]
    list_filter = ["kind", *PartAdmin.list_filter]
    search_fields = ["name"]


@admin.register(models.AdvancementPath)
class AdvancementPathAdmin(PartAdmin):
    list_display = ["title", "occupation", "order", "source"]
    search_fields = ["title", "description"]


@admin.register(models.Tip)
class TipAdmin(PartAdmin):
    list_display = ["title", "occupation", "order", "source"]
    search_fields = ["title", "text"]


@admin.register(models.FAQEntry)
class FAQEntryAdmin(PartAdmin):
    list_display = ["question", "occupation", "order", "figure_count", "source"]
    search_fields = ["question", "answer"]
    autocomplete_fields = ["figures"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("figures")

    @admin.display(description="Figures")
    def figure_count(self, entry):
        return len(entry.figures.all())


@admin.register(models.DataNote)
class DataNoteAdmin(PartAdmin):
    list_display = ["title", "occupation", "order", "source", "public_link"]
    search_fields = ["title", "body", "resolution"]
    autocomplete_fields = ["figures"]

    @admin.display(description="On the site")
    def public_link(self, note):
        return format_html('<a href="{}">About the data</a>', note.get_absolute_url())


@admin.register(models.PriceIndex)
class PriceIndexAdmin(ChangeSummaryMixin, SimpleHistoryAdmin):
    list_display = ["year", "value", "source"]
    list_filter = ["source"]
    list_select_related = ["source"]
    search_fields = ["year"]
