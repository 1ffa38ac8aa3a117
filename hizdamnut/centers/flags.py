"""Switches that hold for one block of code, in this thread or async task only (context variables)."""

import contextlib


@contextlib.contextmanager
def raised(flag, value=True):
    """Sets the ContextVar `flag` to `value` (True) inside the block, and back to what it was after it."""
    token = flag.set(value)
    try:
        yield
    finally:
        flag.reset(token)
