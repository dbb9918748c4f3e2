"""Form rendering helpers: NL Design System classes and ARIA links between fields, help and errors."""

from django import forms, template

register = template.Library()

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.ClearableFileInput: "samenspel-file",
    forms.FileInput: "samenspel-file",
}


@register.filter
def is_multiple_choice(bound_field) -> bool:
    return isinstance(bound_field.field.widget, (forms.RadioSelect, forms.CheckboxSelectMultiple))


@register.filter
def is_checkbox(bound_field) -> bool:
    return isinstance(bound_field.field.widget, forms.CheckboxInput)


@register.simple_tag
def field_widget(bound_field):
    widget = bound_field.field.widget
    css = "utrecht-textbox utrecht-textbox--html-input"
    for widget_type, classes in WIDGET_CLASSES.items():
        if isinstance(widget, widget_type):
            css = classes
            break
    attrs = {"class": css}
    described = []
    if bound_field.help_text:
        described.append(f"{bound_field.auto_id}_help")
    if bound_field.errors:
        described.append(f"{bound_field.auto_id}_errors")
        attrs["aria-invalid"] = "true"
        attrs["class"] += " utrecht-textbox--invalid"
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if bound_field.field.required and not isinstance(widget, forms.CheckboxInput):
        attrs["required"] = True
    if widget.attrs.get("placeholder"):
        # Every field shows its label; allauth's placeholders repeat it ("E-mailadres" under
        # "E-mailadres") and vanish while typing. A False attribute is left out.
        attrs["placeholder"] = False
    return bound_field.as_widget(attrs=attrs)
