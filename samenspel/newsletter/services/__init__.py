"""Every write of the newsletter, one module per part:

- editions: start an edition, ask and remind the kartrekkers, edit, schedule, start sending;
- updates: a kartrekker writes or chooses the circle's update for an edition;
- audiences: members' choice, public subscribers (double opt-in), unsubscribing, bouncing addresses;
- sending: the recipients queued in bulk, batches claimed by workers, each address once.
"""
