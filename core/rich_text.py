"""The rich-text features editors get, one list for every app's page models."""

# Body text of institution, decision and document pages: emphasis, lists and links (no headings,
# no embeds: the page template gives the headings).
TEXT_FEATURES = ["bold", "italic", "ol", "ul", "link", "document-link"]
# Longer documents (the ministry's orders) may have their own sections.
DOCUMENT_FEATURES = TEXT_FEATURES + ["h2", "h3"]
