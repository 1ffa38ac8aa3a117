"""The API's page-numbered lists: ninja's paginator with the page number bounded.

Without a bound, `?page=` past about 10**17 made an OFFSET beyond PostgreSQL's bigint: a server error the fuzzer
found (tests/test_fuzz_api.py). Now such a page is refused (422) like any other out-of-range parameter.
"""

from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

MAX_PAGE = 1_000_000


class Pages(PageNumberPagination):
    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE)
        page_size: int | None = Field(None, ge=1)
