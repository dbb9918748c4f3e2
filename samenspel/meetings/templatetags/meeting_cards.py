from django import template

from ..cards import cards_html

register = template.Library()


@register.simple_tag
def meeting_cards(meetings, heading_level=3):
    """{% meeting_cards meetings 3 %}: the cards of `meetings`, rendered once per what they show."""
    return cards_html(meetings, heading_level=heading_level)
