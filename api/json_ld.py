"""schema.org JSON-LD for an institution profile (EducationalOrganization)."""

from institutions.validators import split_phones


def educational_organization(request, page) -> dict:
    page_url = page.get_full_url(request)
    data = {
        "@context": "https://schema.org",
        "@type": "EducationalOrganization",
        "@id": page_url,
        "name": page.title,
        "url": page.website or page_url,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": page.address,
            "addressLocality": page.district.name if page.district else page.region.name,
            "addressRegion": page.region.name,
            "addressCountry": "KG",
        },
    }
    if page.short_name:
        data["alternateName"] = page.short_name
    if page.website:
        data["mainEntityOfPage"] = page_url
    if page.latitude is not None and page.longitude is not None:
        data["geo"] = {"@type": "GeoCoordinates", "latitude": float(page.latitude), "longitude": float(page.longitude)}
    phones = split_phones(page.phones)
    if phones:
        data["telephone"] = phones[0] if len(phones) == 1 else phones
    if page.fax:
        data["faxNumber"] = page.fax
    if page.email:
        data["email"] = page.email
    if page.year_founded:
        data["foundingDate"] = str(page.year_founded)
    if page.registry_code:
        data["identifier"] = page.registry_code
    # A preview of a page never saved has no URL yet.
    return {key: value for key, value in data.items() if value is not None}
