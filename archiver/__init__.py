"""archiver: clean scraped articles into archival records (public API)."""

from archiver._version import __version__
from archiver.model import Record

__all__ = ["Record", "__version__"]
