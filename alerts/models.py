"""Alert subscriptions: an e-mail address and its choices, nothing else; deleted on unsubscribe.

What is followed is named by the translation key of an institution, region, district or institution
type, so a subscription made on the Russian page also hears about the Kyrgyz decision.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Subscription(models.Model):
    class Target(models.TextChoices):
        INSTITUTION = "institution", _("Institution")
        REGION = "region", _("Region")
        DISTRICT = "district", _("District")
        TYPE = "type", _("Institution type")

    class Frequency(models.TextChoices):
        IMMEDIATE = "immediate", _("At once, one e-mail per event")
        DAILY = "daily", _("Once a day, a digest")

    email = models.EmailField(_("e-mail"))
    language = models.CharField(_("language"), max_length=5)
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices, default=Frequency.IMMEDIATE)
    target = models.CharField(_("follows"), max_length=20, choices=Target.choices)
    target_key = models.UUIDField(_("followed item"))
    created_at = models.DateTimeField(auto_now_add=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("alert subscription")
        verbose_name_plural = _("alert subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["email", "target", "target_key"], name="one_subscription_per_target"),
        ]
        indexes = [models.Index(fields=["target", "target_key"], name="alerts_target_idx")]

    def __str__(self):
        return f"{self.email} → {self.target}"


class PendingAlert(models.Model):
    """An event waiting for a daily subscriber's next digest; goes with the subscription."""

    subscription = models.ForeignKey(Subscription, on_delete=models.CASCADE, related_name="pending")
    event = models.CharField(max_length=20)
    object_id = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]


class AnnouncedEvent(models.Model):
    """An event already announced (its key names the decision or report and what was said), so the
    daily check and a re-publish without change do not announce it twice."""

    key = models.CharField(max_length=120, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key
