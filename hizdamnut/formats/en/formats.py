"""The English interface of an Israeli service keeps Israeli dates (31/12/2026) and money (₪5,525)."""

from hizdamnut.formats.he.formats import *  # noqa: F403

MONTH_DAY_FORMAT = "j F"
