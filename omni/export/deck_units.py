"""The deck's "units compared" slide (#19): per unit its current score on each dimension and its
respondents, the group's roll-up beneath, and per dimension which unit leads and which lags.
Added only when the survey names at least two units; units under min_group are merged like every
breakdown (omni.confidentiality)."""

from __future__ import annotations

import math

from pptx.util import Inches

from omni.format import number
from omni.i18n import t
from omni.unit_admin import UnitWord
from omni.units import WEIGHTING_LABELS, roll_up, unit_view

UNITS_NOTE = "Units note"  # the slide's line on the roll-up and on merged units


def units_slide(deck) -> None:
    """`deck` is omni.export.deck's _Deck (its slide, table and text_box helpers)."""
    a, lang = deck.a, deck.lang
    fw = a.framework
    dims = [d.id for d in fw.dimensions]
    view = unit_view(a, deck.o.min_group)
    word = UnitWord(deck.o.unit_label)
    group = roll_up(view, a, "respondents")
    cells = view.scores.set_index(["unit", "dimension"])["current"]
    rows = [[view.label(u, lang), *[float(cells.get((u, d), math.nan)) for d in dims], size]
            for u, size in view.breakdown.sizes.items()]
    rolled = group.dimension_scores.set_index("dimension")["current"]
    rows.append([t("units.group", lang), *[float(rolled.get(d, math.nan)) for d in dims], a.respondent_count])
    spread = view.spread.set_index("dimension")
    widest = spread["range"].dropna()
    if len(widest):
        d = widest.idxmax()
        title = t("deck.units_title", lang, dimension=fw.dimension(d).name(lang),
                  leader=view.label(spread.loc[d, "leader"], lang), lagger=view.label(spread.loc[d, "lagger"], lang))
    else:
        title = word.heading("unitadmin.compared", lang)
    note = " ".join(filter(None, [t("units.rollup_says", lang, n=len(view.units),
                                    weighting=t(WEIGHTING_LABELS["respondents"], lang)),
                                  view.breakdown.note(lang)]))
    slide = deck.slide(title, note, kicker=word.heading("unitadmin.compared", lang))
    deck.table(slide, [word.column(lang), *[fw.dimension(d).name(lang) for d in dims], "n"], rows,
               deck.margin, deck.body_top, deck.body_width, [2.4, *[1.3] * len(dims), 0.6], size=11)
    box = deck.text_box(slide, deck.margin, deck.height - Inches(0.9), deck.body_width, Inches(0.6),
                        [note + " " + t("deck.units_index", lang, index=number(group.current, lang))], size=11)
    box.name = UNITS_NOTE
