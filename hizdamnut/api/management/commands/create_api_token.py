from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from hizdamnut.api.services import issue_api_token
from hizdamnut.bulk import active_user


class Command(BaseCommand):
    help = "Issue an API token for a staff member and print it once (it expires after API_TOKEN_DAYS days)."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="", help="what the token is for")
        parser.add_argument("--days", type=int, default=None, help="days until it expires (default API_TOKEN_DAYS)")
        parser.add_argument("--as-user", default=None, help="the staff member issuing it, for the audit log")

    def handle(self, username, name, days, as_user, **options):
        user = active_user(username, option="username")
        issued_by = active_user(as_user) if as_user else None
        try:
            token, key = issue_api_token(user=user, name=name, days=days, issued_by=issued_by)
        except ValidationError as error:
            raise CommandError("; ".join(error.messages)) from None
        self.stdout.write(key)
        self.stderr.write(f"token {token.pk} for {username}, expires {token.expires_at:%Y-%m-%d %H:%M %Z}")
