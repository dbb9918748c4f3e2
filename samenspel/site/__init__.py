"""The roof: the pages and wiring that gather the apps (home page, coordination pages, error
handlers, the API root, the allauth adapter). It imports the apps; no app imports it.

Not an installed app: it has no models, templates or migrations of its own (its templates stay
under `templates/core/` and `templates/errors/`).
"""
