"""archiver: clean scraped articles into archival records.

The public API: ``load`` and ``iter_records`` read records (fixity verified),
``clean_text`` cleans text in memory, ``Record`` is the typed record.
"""

from archiver._version import __version__
from archiver.api import clean_text, iter_records, load
from archiver.errors import DocumentError, InputError, RecordError
from archiver.record import Record

__all__ = ["DocumentError", "InputError", "Record", "RecordError", "__version__", "clean_text", "iter_records", "load"]
