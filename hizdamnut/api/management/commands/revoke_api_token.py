from django.core.management.base import BaseCommand, CommandError

from hizdamnut.api.models import ApiToken
from hizdamnut.api.services import revoke_api_tokens
from hizdamnut.bulk import active_user


class Command(BaseCommand):
    help = "Revoke one API token by id, or every token of a user (--user)."

    def add_arguments(self, parser):
        target = parser.add_mutually_exclusive_group(required=True)
        target.add_argument("id", nargs="?", type=int, help="the token's id (see list_api_tokens)")
        target.add_argument("--user", help="revoke all of this user's tokens")
        parser.add_argument("--as-user", default=None, help="the staff member revoking, for the audit log")

    def handle(self, id, user, as_user, **options):
        revoked_by = active_user(as_user) if as_user else None
        if user:
            tokens = ApiToken.objects.filter(user__username=user)
        else:
            tokens = ApiToken.objects.filter(pk=id)
            if not tokens.exists():
                raise CommandError(f"no API token with id {id}")
        revoked = revoke_api_tokens(tokens=tokens, revoked_by=revoked_by)
        self.stdout.write(f"revoked {len(revoked)} token(s)")
