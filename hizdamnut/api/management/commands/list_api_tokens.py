from django.core.management.base import BaseCommand
from django.utils import timezone

from hizdamnut.api.models import ApiToken


class Command(BaseCommand):
    help = "List API tokens (all, or one user's): id, user, name, prefix, created, expires, last used, state."

    def add_arguments(self, parser):
        parser.add_argument("username", nargs="?", help="only this user's tokens")

    def handle(self, username, **options):
        tokens = ApiToken.objects.select_related("user").order_by("user__username", "pk")
        if username:
            tokens = tokens.filter(user__username=username)
        now = timezone.now()
        self.stdout.write("id\tuser\tname\tprefix\tcreated\texpires\tlast_used\tstate")
        for token in tokens:
            state = "revoked" if token.revoked else "expired" if token.expires_at <= now else "active"
            last_used = f"{token.last_used_at:%Y-%m-%d}" if token.last_used_at else "-"
            self.stdout.write(
                f"{token.pk}\t{token.user.username}\t{token.name or '-'}\t{token.prefix}\t"
                f"{token.created_at:%Y-%m-%d}\t{token.expires_at:%Y-%m-%d}\t{last_used}\t{state}"
            )
