"""E-mail sent from a background task: an e-mail backend that queues instead of connecting.

Every message Django or Wagtail sends (workflow notifications, password resets, editor invitations)
goes through settings.EMAIL_BACKEND; with this one the request only enqueues the message, and the
worker hands it to settings.EMAIL_DELIVERY_BACKEND (SMTP in production), retrying a failed delivery.
"""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend

from .tasks import enqueue_after_commit, retried_task


def message_to_dict(message):
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [[str(content), mimetype] for content, mimetype in getattr(message, "alternatives", [])],
    }


@retried_task(attempts=5, retry_after_seconds=60)
def deliver_email(data):
    message = EmailMultiAlternatives(**{key: value for key, value in data.items() if key != "alternatives"})
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
        connection.send_messages([message])


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        queued = 0
        for message in email_messages:
            if message.attachments:
                # Files do not fit a task's JSON arguments; the rare message with one is sent at once.
                with get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=self.fail_silently) as connection:
                    queued += connection.send_messages([message]) or 0
            else:
                enqueue_after_commit(deliver_email, message_to_dict(message))
                queued += 1
        return queued
