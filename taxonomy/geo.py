"""Geographic bounds of the Kyrgyz Republic, used to reject coordinates outside it."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# A bounding box a little larger than the country (about 39.1–43.3 N, 69.2–80.3 E).
LATITUDE_RANGE = (Decimal("39.1"), Decimal("43.3"))
LONGITUDE_RANGE = (Decimal("69.2"), Decimal("80.3"))


def validate_latitude(value):
    if value is not None and not (LATITUDE_RANGE[0] <= Decimal(value) <= LATITUDE_RANGE[1]):
        raise ValidationError(
            _("Latitude %(value)s is outside Kyrgyzstan (between %(low)s and %(high)s degrees north)."),
            code="latitude_outside_country",
            params={"value": value, "low": LATITUDE_RANGE[0], "high": LATITUDE_RANGE[1]},
        )


def validate_longitude(value):
    if value is not None and not (LONGITUDE_RANGE[0] <= Decimal(value) <= LONGITUDE_RANGE[1]):
        raise ValidationError(
            _("Longitude %(value)s is outside Kyrgyzstan (between %(low)s and %(high)s degrees east)."),
            code="longitude_outside_country",
            params={"value": value, "low": LONGITUDE_RANGE[0], "high": LONGITUDE_RANGE[1]},
        )
