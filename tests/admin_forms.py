"""Turn an admin change page back into the POST data a browser would send."""

from django import forms
from django.urls import reverse


def _form_values(form):
    data = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        value = form[name].value()
        if isinstance(field, forms.BooleanField):
            if value:
                data[key] = "on"
        elif value is None:
            data[key] = ""
        elif isinstance(value, (list, tuple)):
            data[key] = [str(getattr(item, "pk", item)) for item in value]
        else:
            data[key] = str(getattr(value, "pk", value))
    return data


def admin_post_data(response, **changes):
    """Everything on the change page, main form and inlines, with `changes` applied."""
    context = response.context
    data = _form_values(context["adminform"].form)
    for inline in context.get("inline_admin_formsets", []):
        formset = inline.formset
        data.update(_form_values(formset.management_form))
        for form in formset.forms:
            data.update(_form_values(form))
    data.update({key: str(value) for key, value in changes.items()})
    return data


def form_errors(response):
    form = response.context["adminform"].form
    return {name: " ".join(messages) for name, messages in form.errors.items()}


def inline_formset(page, model):
    """The formset of `model`'s inline on a change page."""
    for inline in page.context["inline_admin_formsets"]:
        if inline.formset.model is model:
            return inline.formset
    raise AssertionError(f"no {model.__name__} inline on the page")


def inline_prefix(page, model, slug):
    """The POST prefix of the inline row showing `slug` on a change page."""
    formset = inline_formset(page, model)
    for index, form in enumerate(formset.forms):
        if form.instance.slug == slug:
            return f"{formset.prefix}-{index}"
    raise AssertionError(f"no inline row for {slug}")


def admin_url(model, view, *args):
    return reverse(f"admin:occupations_{model._meta.model_name}_{view}", args=args)


def edit_figure(client, figure, **changes):
    """Change a figure through its admin page, confirming that its passage says the new value."""
    url = admin_url(type(figure), "change", figure.pk)
    page = client.get(url)
    return client.post(url, admin_post_data(page, passage_checked="on", **changes))
