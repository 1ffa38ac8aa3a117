from django.core.management.base import BaseCommand

from hizdamnut.demo.core import DEMO_PASSWORD, ROLE_USERS


class Command(BaseCommand):
    help = "Print the demo log-ins, one user per role."

    def handle(self, *args, **options):
        self.stdout.write(f"\nDemo log-ins (password for every user: {DEMO_PASSWORD}):")
        for username, role in ROLE_USERS:
            self.stdout.write(f"  {username:<14} {role.label}")
        self.stdout.write(
            "Managers, national viewers and admins set up an authenticator app (TOTP) on their first sign-in."
        )
