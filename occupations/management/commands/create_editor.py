import getpass
import os
import sys

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from occupations.roles import sync_editors_group

PASSWORD_VARIABLE = "CAREERS_EDITOR_PASSWORD"


class Command(BaseCommand):
    help = (
        "Create a staff account in the Editors group: it can add, change and view content "
        f"in the admin, and nothing else. The password is asked for, or read from "
        f"{PASSWORD_VARIABLE} when set."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--email", default="")

    def handle(self, *args, username, email, **options):
        User = get_user_model()
        if User.objects.filter(username=username).exists():
            raise CommandError(f"A user called “{username}” already exists.")
        password = os.environ.get(PASSWORD_VARIABLE) or self._ask_password()
        user = User(username=username, email=email, is_staff=True)
        try:
            validate_password(password, user)
        except ValidationError as error:
            raise CommandError("Password refused: " + " ".join(error.messages)) from None
        user.set_password(password)
        user.save()
        user.groups.add(sync_editors_group())
        admin = reverse("admin:index")
        if settings.SITE_URL_IS_SET:
            where = settings.SITE_URL + admin
        else:  # `serve --bind` may have put the site anywhere
            where = f"{admin} on the site ({settings.SITE_URL}{admin} at serve's default address)"
        self.stdout.write(f"Created editor “{username}”. Sign in at {where} to edit content.")

    def _ask_password(self):
        if not sys.stdin.isatty():
            raise CommandError(f"No terminal to ask for a password: set {PASSWORD_VARIABLE}.")
        first = getpass.getpass("Password: ")
        if first != getpass.getpass("Password (again): "):
            raise CommandError("The two passwords did not match.")
        return first
