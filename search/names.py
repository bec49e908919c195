"""The spelling keys stored with each institution, so any spelling of its name or place finds it."""

from .transliteration import spelling_key


def translated_names(instance) -> list[str]:
    """A classifier's name in every language it is translated into."""
    if instance is None:
        return []
    model = type(instance)
    return list(model.objects.filter(translation_key=instance.translation_key).values_list("name", flat=True))


def institution_search_names(page, region_names=None, district_names=None) -> str:
    """Space-separated spelling keys of the institution's names, address and place (all languages)."""
    parts = [page.title, page.short_name, page.address, page.registry_code]
    # The names of the institution's translations, so a query in any language finds each version.
    if page.pk and page.translation_key:
        siblings = type(page).objects.filter(translation_key=page.translation_key).exclude(pk=page.pk)
        for title, short_name in siblings.values_list("title", "short_name"):
            parts += [title, short_name]
    parts += region_names if region_names is not None else translated_names(page.region if page.region_id else None)
    parts += (
        district_names if district_names is not None else translated_names(page.district if page.district_id else None)
    )
    words = spelling_key(" ".join(p for p in parts if p)).split()
    # Keep the first appearance of each word, in order, so the field stays short.
    return " ".join(dict.fromkeys(words))


def institution_title_keys(page) -> str:
    """Space-separated spelling keys of this version's own title and short name."""
    return spelling_key(f"{page.title} {page.short_name}")


def refresh_translations_search_names(page):
    """After one version of an institution is saved, its translations learn its new name."""
    model = type(page)
    for sibling in model.objects.filter(translation_key=page.translation_key).exclude(pk=page.pk):
        model.objects.filter(pk=sibling.pk).update(search_names=institution_search_names(sibling))
