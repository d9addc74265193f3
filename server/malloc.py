"""Give freed image memory back to the operating system (glibc only; elsewhere a no-op).

Pillow holds a decoded photo in 16 MB blocks. glibc serves a large block with mmap at
first, but after the first such block is freed it raises its threshold (up to 32 MB) and
serves later ones from the heap of whichever request thread asked, and a thread's heap
keeps what it freed. With a thread per request, every upload then leaves its peak behind
in its own heap and the process grows far past what the decode slots allow at once.
Fixing the threshold at 1 MB (setting it turns glibc's adjustment off) keeps every image
block in its own mapping, returned the moment Pillow frees it.
"""

import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)

M_MMAP_THRESHOLD = -3  # from glibc's <malloc.h>
THRESHOLD = 1024 * 1024


def return_large_blocks():
    """Serve allocations of THRESHOLD and more with mmap; whether it took effect."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
        mallopt = getattr(libc, "mallopt", None)
    except OSError:
        mallopt = None
    if mallopt is None:  # not glibc (musl, macOS): nothing to tune
        return False
    ok = bool(mallopt(M_MMAP_THRESHOLD, THRESHOLD))
    if not ok:
        log.warning("mallopt(M_MMAP_THRESHOLD) refused; freed image memory may stay in heaps")
    return ok
