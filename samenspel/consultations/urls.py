"""Consultations URLs, gathered from one module per part.

documents: documents, versions (write in Markdown or upload .docx/.md, review the split), diffs, history
rounds: consultation rounds, comments per paragraph, support, remarks entered on behalf
reactienota: outcomes per comment, the reactienota page and its download, notifications
"""

from . import urls_documents, urls_reactienota, urls_rounds

app_name = "consultations"
# Documents last: their `<slug>/` pages would otherwise catch `rounds/` (a slug cannot be "rounds" or "new").
urlpatterns = [
    *urls_rounds.urlpatterns,
    *urls_reactienota.urlpatterns,
    *urls_documents.urlpatterns,
]
