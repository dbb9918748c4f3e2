"""Signals between apps that may not import each other (members never imports circles).

`sign_up_decided(sender, member, approved)`: a coordinator approved or refused a sign-up. Sent by
`members.services.decide_sign_up` inside its transaction; receivers write in the same transaction.
"""

from django.dispatch import Signal

sign_up_decided = Signal()
