import pytest
from django.utils import translation

from hizdamnut.centers.roles import Role


@pytest.fixture
def lead(staff):
    """The home center's employer-relations lead, "lead" (the import commands act --as-user lead)."""
    return staff(Role.EMPLOYER_LEAD, username="lead")


@pytest.fixture
def lead_client(client, staff):
    client.force_login(staff(Role.EMPLOYER_LEAD))
    return client


@pytest.fixture
def english():
    """Matching reasons in English, whatever the default language."""
    with translation.override("en"):
        yield
