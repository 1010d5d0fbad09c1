"""What a dimension's level means for that dimension: the framework's level descriptors next to
the scores (plain Python, shown by the Overview and Dimensions pages)."""

from __future__ import annotations

import math
from dataclasses import dataclass

from omni.scoring import Assessment


@dataclass(frozen=True)
class LevelLine:
    dimension: str
    name: str  # the dimension's name
    level: int
    level_name: str
    descriptor: str  # what this level looks like for this dimension ("" when the file gives none)
    next_descriptor: str  # the same for the next level up ("" at level 5)


def level_lines(assessment: Assessment, lang: str) -> list[LevelLine]:
    """One line per scored dimension, in framework order."""
    fw = assessment.framework
    rows = assessment.dimension_scores.set_index("dimension")
    lines = []
    for dimension in fw.dimensions:
        level = rows.loc[dimension.id, "level"] if dimension.id in rows.index else None
        if level is None or (isinstance(level, float) and math.isnan(level)) or not level:
            continue
        level = int(level)
        here = dimension.level_descriptor(level)
        ahead = dimension.level_descriptor(level + 1) if level < 5 else None
        lines.append(LevelLine(dimension.id, dimension.name(lang), level, fw.level(level).name(lang),
                               here(lang) if here else "", ahead(lang) if ahead else ""))
    return lines


def level_line(assessment: Assessment, dimension_id: str, lang: str) -> LevelLine | None:
    return next((line for line in level_lines(assessment, lang) if line.dimension == dimension_id), None)
