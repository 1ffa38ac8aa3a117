from django.core.management.base import BaseCommand

from hizdamnut.jobs.services import prune_jobs


class Command(BaseCommand):
    help = "Delete background jobs and their files older than JOB_RETENTION_HOURS (default 24)."

    def handle(self, *args, **options):
        self.stdout.write(f"{prune_jobs()} job(s) deleted")
