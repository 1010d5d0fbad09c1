"""Limits on what an upload may cost: checked before parsing, enforced while parsing.

Every limit has a sensible default and can be set from the environment (for a hosted server),
e.g. ``OMNI_INTAKE_MAX_FILE_MB=10``; the messages a user sees name the limit that was hit.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass, fields

ENV_PREFIX = "OMNI_INTAKE_"


@dataclass(frozen=True)
class IntakeLimits:
    """What one upload may cost. Sizes in MB (2**20 bytes)."""

    max_files: int = 50  # files read in one upload
    max_file_mb: float = 25.0  # bytes of one file as uploaded (Streamlit's maxUploadSize is 25)
    max_zip_members: int = 1000  # parts inside an .xlsx/.ods package
    max_uncompressed_mb: float = 300.0  # all parts together, unpacked
    max_compression_ratio: float = 100.0  # unpacked / packed, for parts over 1 MB unpacked
    max_rows: int = 100_000  # last row with content on any sheet
    max_columns: int = 1_000  # last column with content on any sheet
    max_cells: int = 5_000_000  # rows x columns of a sheet's used area
    parse_seconds: float = 60.0  # wall-clock time to read one file
    parse_memory_mb: int = 1024  # address space a parser process may add to what it starts with
    isolate: bool = True  # parse in a separate, limited process (switch off only for debugging)
    scan_before_parse: bool = False  # .xlsx: finish the cell scan before the parser starts (slower)
    workers: int = 2  # parser processes kept ready

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> IntakeLimits:
        """Defaults, overridden by OMNI_INTAKE_<FIELD> variables (e.g. OMNI_INTAKE_MAX_ROWS)."""
        environ = os.environ if environ is None else environ
        changes: dict[str, object] = {}
        for f in fields(cls):
            raw = environ.get(ENV_PREFIX + f.name.upper())
            if raw is None or not raw.strip():
                continue
            kind = type(f.default)
            try:
                if kind is bool:
                    changes[f.name] = raw.strip().lower() in ("1", "true", "yes", "on")
                else:
                    changes[f.name] = kind(raw.strip())
            except ValueError:
                raise ValueError(f"{ENV_PREFIX}{f.name.upper()} must be a {kind.__name__}, not {raw!r}") from None
        return dataclasses.replace(cls(), **changes)

    @property
    def max_file_bytes(self) -> int:
        return int(self.max_file_mb * 2**20)

    @property
    def max_uncompressed_bytes(self) -> int:
        return int(self.max_uncompressed_mb * 2**20)


DEFAULT_LIMITS = IntakeLimits()
