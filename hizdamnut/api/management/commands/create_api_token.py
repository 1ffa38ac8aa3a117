from django.core.management.base import BaseCommand

from hizdamnut.api.models import ApiToken
from hizdamnut.bulk import active_user


class Command(BaseCommand):
    help = "Issue an API token for a staff member and print it once."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")

    def handle(self, username, name, **options):
        user = active_user(username, option="username")
        _token, key = ApiToken.issue(user, name=name)
        self.stdout.write(key)
