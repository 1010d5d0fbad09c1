"""Units of a group (#19): an organisation's units (one level, named by the organisation), a saved
wave or survey round of one unit, and each saved or web respondent's `unit` fact.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "units",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_units"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name="fk_units_organisation_id_organisations"),
        sa.UniqueConstraint("organisation_id", "name_key", name="uq_units_organisation_id_name_key"),
    )
    with op.batch_alter_table("organisations") as batch:
        batch.add_column(sa.Column("unit_label", sa.String(64), nullable=False, server_default=""))
    for table in ("assessment_respondents", "round_respondents"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("unit", sa.Text(), nullable=False, server_default=""))
    for table in ("assessments", "survey_rounds"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("unit_id", sa.Integer(), nullable=True))
            batch.create_foreign_key(f"fk_{table}_unit_id_units", "units", ["unit_id"], ["id"], ondelete="SET NULL")
    if op.get_bind().dialect.name == "postgresql":
        # The same wall as the other organisation tables (0003, 0007, 0008).
        condition = "omni_org_visible(organisation_id)"
        op.execute("ALTER TABLE units ENABLE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE units FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY omni_org_scope ON units USING ({condition}) WITH CHECK ({condition})")


def downgrade() -> None:
    for table in ("survey_rounds", "assessments"):
        with op.batch_alter_table(table) as batch:
            batch.drop_constraint(f"fk_{table}_unit_id_units", type_="foreignkey")
            batch.drop_column("unit_id")
    for table in ("round_respondents", "assessment_respondents"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("unit")
    with op.batch_alter_table("organisations") as batch:
        batch.drop_column("unit_label")
    op.drop_table("units")
