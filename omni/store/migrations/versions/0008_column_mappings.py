"""Saved column mappings: a user's correction of how a file's columns are read, per organisation.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "column_mappings",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("headers_key", sa.String(64), nullable=False),
        sa.Column("mapping", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(600), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_column_mappings"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name="fk_column_mappings_organisation_id_organisations"),
        sa.UniqueConstraint("organisation_id", "name", name="uq_column_mappings_organisation_id_name"),
    )
    op.create_index("ix_column_mappings_headers_key", "column_mappings", ["headers_key"])
    if op.get_bind().dialect.name == "postgresql":
        # The same wall as the other organisation tables (0003, 0007): other organisations' rows are
        # invisible and cannot be written, even by a query that forgot its filter.
        condition = "omni_org_visible(organisation_id)"
        op.execute("ALTER TABLE column_mappings ENABLE ROW LEVEL SECURITY")
        op.execute("ALTER TABLE column_mappings FORCE ROW LEVEL SECURITY")
        op.execute(f"CREATE POLICY omni_org_scope ON column_mappings USING ({condition}) WITH CHECK ({condition})")


def downgrade() -> None:
    op.drop_table("column_mappings")
