"""Page weight: each key page fetches under 150 KB (compressed) of HTML, CSS and JS before images,
and Leaflet only where a map is drawn."""

import pytest
from django.urls import reverse

from bench.page_weight import BUDGET_BYTES, page_weight, report

from .accreditation_factories import AccreditationDecisionPageFactory, DecisionIndexPageFactory
from .factories import InstitutionPageFactory, ProgrammePageFactory


@pytest.fixture
def key_pages(home, directory):
    schools = [InstitutionPageFactory(parent=directory) for _ in range(25)]  # a full result page
    ProgrammePageFactory(parent=schools[0])
    register = DecisionIndexPageFactory(parent=home)
    decisions = [AccreditationDecisionPageFactory(parent=register, institution=school) for school in schools]
    return {
        "decisions": register.url,
        "decision": decisions[0].url,
        "home": "/ky/",
        "directory": directory.url + "?q=мектеби",
        "profile": schools[0].url,
        "transparency": reverse("transparency"),
        "compare": reverse("compare") + f"?ids={schools[0].pk},{schools[1].pk},{schools[2].pk}",
    }


def test_key_pages_stay_under_the_budget(client, key_pages):
    weights = {name: page_weight(client, url) for name, url in key_pages.items()}
    print(report(weights.values()))
    for name, weight in weights.items():
        assert weight.total_compressed < BUDGET_BYTES, (name, weight.compressed)
        assert "/static/css/site.css" in weight.assets, name
        assert weight.raw["css"] > 0 and weight.raw["js"] > 0, name
    # Leaflet (≈150 KB before compression) comes only with a map.
    for name in ("home", "transparency", "compare", "decisions", "decision"):
        assert not any("leaflet" in asset for asset in weights[name].assets), name
    for name in ("directory", "profile"):
        assert "/static/vendor/leaflet/leaflet.js" in weights[name].assets, name
        assert "/static/vendor/leaflet/leaflet.css" in weights[name].assets, name


def test_an_asset_that_is_not_ours_is_reported(client, key_pages, monkeypatch):
    from bench import page_weight as module

    monkeypatch.setattr(module, "static_file", lambda url: None)
    with pytest.raises(ValueError, match="not one of our static files"):
        page_weight(client, key_pages["home"])
