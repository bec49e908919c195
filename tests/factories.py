"""Test data factories (factory_boy / wagtail-factories)."""

from datetime import date

import factory
import wagtail_factories
from wagtail.models import Locale

from institutions.models import InstitutionIndexPage, InstitutionPage, ProgrammePage
from pages.models import HomePage
from taxonomy.models import District, InstitutionType, Qualification, Region


def KyrgyzLocale():  # noqa: N802 - reads like a declaration in the factories below
    return factory.LazyFunction(lambda: Locale.objects.get(language_code="ky"))


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    locale = KyrgyzLocale()
    name = factory.Sequence(lambda n: f"Облус {n}")
    slug = factory.Sequence(lambda n: f"region-{n}")


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    locale = KyrgyzLocale()
    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Район {n}")
    slug = factory.Sequence(lambda n: f"district-{n}")


class InstitutionTypeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InstitutionType

    locale = KyrgyzLocale()
    name = factory.Sequence(lambda n: f"Түр {n}")
    slug = factory.Sequence(lambda n: f"type-{n}")


class QualificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Qualification

    locale = KyrgyzLocale()
    name = factory.Sequence(lambda n: f"Квалификация {n}")
    code = factory.Sequence(lambda n: f"Q-{n}")
    level = Qualification.Level.VOCATIONAL_SECONDARY


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "Ачык билим"
    locale = KyrgyzLocale()


class InstitutionIndexPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InstitutionIndexPage

    title = "Билим берүү уюмдары"
    slug = "institutions"
    locale = KyrgyzLocale()


class InstitutionPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = InstitutionPage

    title = factory.Sequence(lambda n: f"№{n} орто мектеби")
    slug = factory.Sequence(lambda n: f"school-{n}")
    locale = KyrgyzLocale()
    institution_type = factory.SubFactory(InstitutionTypeFactory)
    district = factory.SubFactory(DistrictFactory)
    region = factory.SelfAttribute("district.region")
    ownership = InstitutionPage.Ownership.STATE
    latitude = "42.874600"
    longitude = "74.569800"
    year_founded = 1965
    mission = "<p>Ар бир окуучуга сапаттуу билим берүү.</p>"
    mission_updated = factory.LazyFunction(date.today)


class ProgrammePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = ProgrammePage

    title = factory.Sequence(lambda n: f"Программа {n}")
    slug = factory.Sequence(lambda n: f"programme-{n}")
    locale = KyrgyzLocale()
    code = factory.Sequence(lambda n: f"P-{n}")
    qualification = factory.SubFactory(QualificationFactory)
    duration_months = 24
