import pytest


@pytest.fixture
def show_tiny_groups(settings):
    """For tests whose hand-worked numbers come from fewer responses than the minimum group size (5 by
    default): they check the arithmetic, not the suppression, so every group is shown."""
    settings.SURVEY_MIN_GROUP = 1
