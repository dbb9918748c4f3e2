"""Signals of the opportunities app, for the parts built on it.

`opportunity_published` is sent (after the transaction commits) with `opportunity=` when a
coordinator approves an opportunity and it is published. Matching connects to it to tell the
members it fits; the sender is the Opportunity class.
"""

from django.dispatch import Signal

opportunity_published = Signal()
