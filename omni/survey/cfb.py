"""A small, bounded reader for OLE2 compound files (legacy .xls, password-protected .xlsx).

Only what intake needs: the names of the streams (a password-protected Office file is a
compound file holding `EncryptionInfo` and `EncryptedPackage`) and the bytes of one stream
(the `Workbook` stream of an .xls, to check its cells before a parser sees them). Every chain
is followed with a step limit, so a looping or lying file raises `CompoundFileError`.
"""

from __future__ import annotations

import struct

MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_FREE, _END_OF_CHAIN = 0xFFFFFFFF, 0xFFFFFFFE
_MAX_REGULAR = 0xFFFFFFFA


class CompoundFileError(ValueError):
    """The compound file is damaged (or built to mislead a reader)."""


class CompoundFile:
    """Directory and streams of a compound file held in memory."""

    def __init__(self, data: bytes) -> None:
        try:
            self._read(data)
        except (struct.error, IndexError, OverflowError, MemoryError) as exc:
            raise CompoundFileError("damaged compound file") from exc

    def _read(self, data: bytes) -> None:
        if len(data) < 512 or not data.startswith(MAGIC):
            raise CompoundFileError("not a compound file")
        self.data = data
        (self.sector_shift, self.mini_shift) = struct.unpack_from("<HH", data, 0x1E)
        if self.sector_shift not in (9, 12) or self.mini_shift != 6:
            raise CompoundFileError("unusual sector size")
        self.sector_size = 1 << self.sector_shift
        n_fat, first_dir, _, self.mini_cutoff, first_mini_fat, n_mini_fat, first_difat, n_difat = (
            struct.unpack_from("<IIIIIIII", data, 0x2C))
        self._max_sectors = len(data) // self.sector_size + 1
        fat_sectors = [s for s in struct.unpack_from("<109I", data, 0x4C) if s <= _MAX_REGULAR]
        sector, steps = first_difat, 0
        while sector <= _MAX_REGULAR and steps <= min(n_difat, self._max_sectors):
            entries = struct.unpack_from(f"<{self.sector_size // 4}I", self._sector(sector))
            fat_sectors += [s for s in entries[:-1] if s <= _MAX_REGULAR]
            sector, steps = entries[-1], steps + 1
        if len(fat_sectors) > self._max_sectors:
            raise CompoundFileError("allocation table larger than the file")
        fat = b"".join(self._sector(s) for s in fat_sectors[:n_fat or len(fat_sectors)])
        self.fat = struct.unpack(f"<{len(fat) // 4}I", fat)
        self.entries = self._directory(first_dir)
        root = self.entries[0] if self.entries else None
        if root is None or root[1] != 5:
            raise CompoundFileError("no root entry")
        self._mini_stream = self._chain(root[2], root[3]) if root[3] else b""
        mini_fat = self._chain(first_mini_fat, n_mini_fat * self.sector_size) if n_mini_fat else b""
        self.mini_fat = struct.unpack(f"<{len(mini_fat) // 4}I", mini_fat)

    def _sector(self, sector: int) -> bytes:
        start = (sector + 1) * self.sector_size
        if sector > _MAX_REGULAR or start + self.sector_size > len(self.data) + self.sector_size:
            raise CompoundFileError("sector outside the file")
        block = self.data[start:start + self.sector_size]
        return block.ljust(self.sector_size, b"\0")

    def _chain(self, first: int, size: int | None = None) -> bytes:
        parts, sector, seen = [], first, 0
        while sector not in (_END_OF_CHAIN, _FREE):
            if sector >= len(self.fat) or seen > self._max_sectors:
                raise CompoundFileError("broken sector chain")
            parts.append(self._sector(sector))
            sector, seen = self.fat[sector], seen + 1
            if size is not None and seen * self.sector_size >= size:
                break
        data = b"".join(parts)
        return data if size is None else data[:size]

    def _directory(self, first: int) -> list[tuple[str, int, int, int]]:
        raw = self._chain(first)
        entries = []
        for offset in range(0, len(raw) - 127, 128):
            name_len, kind = struct.unpack_from("<HB", raw, offset + 64)
            name = raw[offset:offset + max(0, min(name_len, 64) - 2)].decode("utf-16-le", "replace")
            start, size = struct.unpack_from("<IQ", raw, offset + 116)
            if self.sector_size == 512:
                size &= 0xFFFFFFFF
            entries.append((name, kind, start, size))
        return entries

    @property
    def stream_names(self) -> list[str]:
        return [name for name, kind, _, _ in self.entries if kind == 2]

    def stream(self, name: str, max_bytes: int) -> bytes:
        """The bytes of the first stream called `name` (case-insensitive), at most `max_bytes`."""
        for entry_name, kind, start, size in self.entries:
            if kind == 2 and entry_name.lower() == name.lower():
                if size > max_bytes:
                    raise CompoundFileError(f"stream {name} is larger than allowed")
                if size < self.mini_cutoff:
                    return self._mini(start, size)
                return self._chain(start, size)
        raise KeyError(name)

    def _mini(self, first: int, size: int) -> bytes:
        parts, sector, seen, step = [], first, 0, 1 << self.mini_shift
        while sector not in (_END_OF_CHAIN, _FREE) and seen * step < size:
            if sector >= len(self.mini_fat) or seen > len(self.mini_fat):
                raise CompoundFileError("broken mini sector chain")
            parts.append(self._mini_stream[sector * step:(sector + 1) * step])
            sector, seen = self.mini_fat[sector], seen + 1
        return b"".join(parts)[:size]
