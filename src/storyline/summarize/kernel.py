"""The optional C kernel (``_kernel.c``) and the switch between it and pure Python.

``KERNEL`` is the compiled module, or None when it is not built (a source checkout run
without installing) or when ``STORYLINE_PURE_PYTHON=1`` is set. Both paths give the same
summaries; tests/test_kernel.py checks it, and that a dev install has the kernel.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType

try:
    from storyline.summarize import _kernel as _compiled
except ImportError:  # not built: the pure-Python path does the same work, ~3x slower
    _compiled = None

KERNEL: ModuleType | None = None if os.environ.get("STORYLINE_PURE_PYTHON") == "1" else _compiled


def available() -> bool:
    """Whether the compiled kernel was built and imports."""
    return _compiled is not None


@contextmanager
def pure_python() -> Iterator[None]:
    """Run the block without the kernel (tests compare the two paths)."""
    global KERNEL
    saved, KERNEL = KERNEL, None
    try:
        yield
    finally:
        KERNEL = saved
