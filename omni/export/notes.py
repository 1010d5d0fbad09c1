"""Speaker notes on the deck's slides: the parts python-pptx writes, made at a fraction of its cost.

python-pptx makes each notes slide afresh: it walks every part of the package for a free part name
and clones the notes master's placeholders one by one - about an eighth of a deck's build (py-spy,
2026-12-02). Every notes slide of a deck starts the same (the master's slide image, body and slide
number placeholders, nothing else), so the first is made by python-pptx and the others are copies of
it, under the part name python-pptx would choose, related to the master and the slide as it relates
them. `tests/unit/export/test_export_cells.py` holds the result to python-pptx's own, part for part.
"""

from __future__ import annotations

import copy

from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.parts.slide import NotesSlidePart

TEMPLATE = "/ppt/notesSlides/notesSlide%d.xml"
PREFIX = TEMPLATE[:TEMPLATE.index("%")]


class NotesWriter:
    """Writes the notes of one deck's slides; one writer per presentation."""

    def __init__(self) -> None:
        self._blank = None  # the first notes slide's element before its text was set
        self._master = None
        self._names: set[str] = set()

    def write(self, slide, text: str) -> None:
        part = slide.part
        if self._blank is None:
            notes = slide.notes_slide  # python-pptx: a notes master if the template has none, placeholders cloned
            self._blank = copy.deepcopy(notes._element)  # noqa: SLF001 - the element is python-pptx's own
            self._master = notes.part.part_related_by(RT.NOTES_MASTER)
            self._names = {str(p.partname) for p in part.package.iter_parts() if p.partname.startswith(PREFIX)}
        else:
            notes_part = NotesSlidePart(self._next_name(), CT.PML_NOTES_SLIDE, part.package,
                                        copy.deepcopy(self._blank))
            notes_part.relate_to(self._master, RT.NOTES_MASTER)
            notes_part.relate_to(part, RT.SLIDE)
            part.relate_to(notes_part, RT.NOTES_SLIDE)
            notes = notes_part.notes_slide
            self._names.add(str(notes_part.partname))
        notes.notes_text_frame.text = text

    def _next_name(self) -> PackURI:
        """python-pptx's choice (Package.next_partname): from one past the count downward, the first free."""
        for n in range(len(self._names) + 1, 0, -1):
            candidate = TEMPLATE % n
            if candidate not in self._names:
                return PackURI(candidate)
        raise AssertionError("no free notes slide name")  # pragma: no cover - n = 1..count+1 has one
