import pytest

from hizdamnut.programs.catalog import load_catalog, read_catalog


@pytest.fixture(autouse=True)
def catalog(db):
    """The seeded catalog (a data migration), reloaded because a transactional test elsewhere may have flushed it."""
    load_catalog(read_catalog())
