from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from hizdamnut.api.models import ApiToken


class Command(BaseCommand):
    help = "Issue an API token for a staff member and print it once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")

    def handle(self, username, name, **options):
        try:
            user = get_user_model().objects.get(username=username, is_active=True)
        except get_user_model().DoesNotExist:
            raise CommandError(f"username: no active user named {username!r}")
        _token, key = ApiToken.issue(user, name=name)
        self.stdout.write(key)
