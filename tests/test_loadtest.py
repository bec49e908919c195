"""The load test (loadtest/) sends traffic only to 127.0.0.1, and every URL its mix builds is a page the
site answers. Speed is measured by `make loadtest`, never here."""

import random

import pytest

from loadtest import targets

from .accreditation_factories import DecisionIndexPageFactory


@pytest.mark.parametrize(
    "host",
    [
        "http://localhost:8000", "http://10.0.0.5:8000", "https://127.0.0.1:8000", "http://127.0.0.1.example.com",
        "http://user:pw@127.0.0.1:8000", "http://127.0.0.2:8000", "http://127.0.0.1:8000/ky/", "", "example.com",
    ],
)  # fmt: skip
def test_any_host_but_this_machine_is_refused(host):
    with pytest.raises(targets.UnsafeHost):
        targets.checked_host(host)


def test_this_machine_is_accepted():
    assert targets.checked_host("http://127.0.0.1:8000") == "http://127.0.0.1:8000"
    assert targets.checked_host("http://127.0.0.1:8000/") == "http://127.0.0.1:8000"


def test_a_url_the_site_lists_on_another_host_is_refused():
    assert targets.local_path("http://127.0.0.1:8000/ky/x/?a=1") == "/ky/x/?a=1"
    assert targets.local_path("/ru/y/") == "/ru/y/"
    with pytest.raises(targets.UnsafeHost):
        targets.local_path("https://achykbilim.kg/ky/x/")


@pytest.fixture
def kyrgyz_only(monkeypatch):
    # The small test site has its pages in Kyrgyz only; the mix's other languages are the same builders.
    monkeypatch.setattr(targets, "LANGUAGE_WEIGHTS", (1, 0, 0))


def test_every_url_of_the_mix_is_a_page_the_site_answers(client, home, world, kyrgyz_only):
    DecisionIndexPageFactory(parent=home)
    rng = random.Random(3)
    data = targets.gather(lambda path: client.get(path).content.decode(), rng)
    assert {world["college"].pk, world["suzak"].pk} <= set(data.page_ids)
    assert data.profiles["ky"] and data.programmes["ky"] and "bishkek" in data.regions
    for page_type, (build, _weight) in targets.MIX.items():
        for _ in range(4):
            path = build(rng, data)
            assert path.startswith(("/ky/", "/api/v1/")), path
            response = client.get(path)
            assert response.status_code == 200, (page_type, path, response.status_code)


def test_the_mix_weights_parents_reading_profiles_and_searching():
    weights = {name: weight for name, (_build, weight) in targets.MIX.items()}
    searching = sum(weights[name] for name in targets.SEARCH_TYPES)
    assert weights["profile"] == max(weights.values())
    assert searching > weights["csv"] + weights["api"] + weights["decisions"]
