"""Signals between apps that may not import each other (members never imports circles).

`sign_up_decided(sender, member, approved)`: a coordinator approved or refused a sign-up. Sent by
`members.services.decide_sign_up` inside its transaction; receivers write in the same transaction.

`account_deleting(sender, member)`: a member's account is about to be deleted. Sent by
`members.services.delete_account` inside its transaction, before any row about the member changes
(consultations raises the revision of the rounds that show the member's name).
"""

from django.dispatch import Signal

sign_up_decided = Signal()
account_deleting = Signal()
