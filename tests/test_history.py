"""History: learners and staff over the years, and the transparency score kept per month, on the
profile, in the API and in the downloads."""

import json
from datetime import date

from institutions.models import InstitutionPage, ProgrammeEnrolment, StaffStatistic
from transparency.models import InstitutionScore, ScoreHistory
from transparency.stored_scores import carry_scores_into_month, refresh_scores


def months(page):
    return list(ScoreHistory.objects.filter(institution=page).order_by("month").values_list("month", "score"))


def test_score_is_kept_once_per_month_and_updated(world):
    college = world["college"]
    pages = InstitutionPage.objects.filter(pk=college.pk)
    refresh_scores(pages, today=date(2026, 10, 3))
    october = months(college)
    assert [month for month, _score in october] == [date(2026, 10, 1)]
    college.mission = ""
    college.save()
    refresh_scores(pages, today=date(2026, 10, 20))  # the same month: upserted, not added
    refresh_scores(pages, today=date(2026, 11, 2))
    history = months(college)
    assert [month for month, _score in history] == [date(2026, 10, 1), date(2026, 11, 1)]
    assert history[0][1] < october[0][1]  # the month keeps its latest score


def test_an_unchanged_score_is_carried_into_the_new_month(world):
    college = world["college"]
    refresh_scores(InstitutionPage.objects.filter(pk=college.pk), today=date(2026, 10, 3))
    carry_scores_into_month(date(2026, 11, 1))
    score = InstitutionScore.objects.get(institution=college).score
    assert months(college) == [(date(2026, 10, 1), score), (date(2026, 11, 1), score)]


def add_figures(college):
    programme = college.get_children().specific().get()
    ProgrammeEnrolment.objects.create(programme=programme, year=2023, learners=210)
    ProgrammeEnrolment.objects.create(programme=programme, year=2024, learners=245)
    StaffStatistic.objects.create(institution=college, year=2024, teaching_staff=40, support_staff=7)
    ScoreHistory.objects.create(institution=college, month=date(2025, 1, 1), score=61)
    ScoreHistory.objects.create(institution=college, month=date(2025, 2, 1), score=68)


def test_profile_shows_the_history_as_a_table_and_charts(client, world):
    college = world["college"]
    add_figures(college)
    html = client.get(college.url).content.decode()
    assert 'id="history-heading"' in html
    assert '<th scope="row">2023</th><td>210</td><td>—</td><td>—</td>' in html
    assert '<th scope="row">2024</th><td>245</td><td>40</td><td>7</td>' in html
    assert (
        'id="chart-history-learners-title"' in html
        and 'id="chart-history-staff-title"' in html
        and 'id="chart-history-score-title"' in html
    )
    assert '<th scope="row">2025-02</th><td>68</td>' in html
    english = client.get(college.url.replace("/ky/", "/en/", 1))
    if english.status_code == 200:  # the page may not be translated; the strings are tested in ky
        assert "Over the years" in english.content.decode()


def test_api_and_downloads_carry_the_series(client, world, directory):
    college = world["college"]
    add_figures(college)
    data = client.get(f"/api/v1/institutions/{college.translation_key}").json()
    assert data["learner_history"] == [{"year": 2023, "learners": 210}, {"year": 2024, "learners": 245}]
    assert data["staff_history"] == [{"year": 2024, "teaching_staff": 40, "support_staff": 7}]
    assert data["score_history"] == [{"month": "2025-01", "score": 61}, {"month": "2025-02", "score": 68}]
    download = json.loads(client.get("/ky/institutions/download/", {"format": "json"}).content)
    key = str(college.translation_key)
    rows = [row for row in download["history"] if row["id"] == key]
    assert {"id": key, "series": "learners", "period": "2024", "value": 245} in rows
    assert {"id": key, "series": "transparency_score", "period": "2025-02", "value": 68} in rows
    assert {"id": key, "series": "teaching_staff", "period": "2024", "value": 40} in rows
