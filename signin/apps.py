from django.apps import AppConfig


class SigninConfig(AppConfig):
    """Throttled sign-in: django-axes locks a username at one address out after repeated failures; this
    app adds the per-address ceiling, the page and document password forms, password-reset mail, the
    translated lockout page and the admin's list of failed attempts."""

    name = "signin"
    verbose_name = "Sign-in"

    def ready(self):
        from django.contrib.auth.signals import user_login_failed

        from .throttle import count_failure

        user_login_failed.connect(count_failure, dispatch_uid="signin.count_failure")
