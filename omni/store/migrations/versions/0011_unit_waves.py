"""Saved waves of one unit (#19): version numbers per organisation, unit and wave name, so that "Q1 2027"
of unit "NL" and "Q1 2027" of the whole group are both version 1; and a unit with saved waves cannot be
deleted into the group's waves (the foreign key no longer sets the unit to NULL).

The uniqueness is one index on (organisation, COALESCE(unit_id, 0), wave, version): a plain unique
constraint would let two group-level versions with the same number in, because NULLs never collide.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None

INDEX = "uq_assessments_organisation_id_unit_wave_version"
FK = "fk_assessments_unit_id_units"


def upgrade() -> None:
    with op.batch_alter_table("assessments") as batch:
        batch.drop_constraint("uq_assessments_organisation_id_wave_version", type_="unique")
        batch.drop_constraint(FK, type_="foreignkey")
        batch.create_foreign_key(FK, "units", ["unit_id"], ["id"])
    op.create_index(INDEX, "assessments", ["organisation_id", sa.text("coalesce(unit_id, 0)"), "wave", "version"],
                    unique=True)


def downgrade() -> None:
    op.drop_index(INDEX, table_name="assessments")
    with op.batch_alter_table("assessments") as batch:
        batch.drop_constraint(FK, type_="foreignkey")
        batch.create_foreign_key(FK, "units", ["unit_id"], ["id"], ondelete="SET NULL")
        batch.create_unique_constraint("uq_assessments_organisation_id_wave_version",
                                       ["organisation_id", "wave", "version"])
