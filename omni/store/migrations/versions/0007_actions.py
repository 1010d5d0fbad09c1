"""The action plan: improvement actions per organisation and wave, with their status history.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "actions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("wave", sa.String(100), nullable=False),
        sa.Column("framework_id", sa.String(64), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("dimension", sa.String(64), nullable=False),
        sa.Column("questions", sa.String(400), nullable=False, server_default=""),
        sa.Column("target_level", sa.Integer()),
        sa.Column("owner_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("owner_role", sa.String(200), nullable=False, server_default=""),
        sa.Column("start_date", sa.Date()),
        sa.Column("due_date", sa.Date()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False, server_default=""),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(600), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_actions"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name="fk_actions_organisation_id_organisations"),
    )
    op.create_index("ix_actions_organisation_id_wave", "actions", ["organisation_id", "wave"])
    op.create_table(
        "action_status_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(600), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_action_status_history"),
        sa.ForeignKeyConstraint(["action_id"], ["actions.id"], ondelete="CASCADE",
                                name="fk_action_status_history_action_id_actions"),
    )
    op.create_index("ix_action_status_history_action_id_at", "action_status_history", ["action_id", "at"])
    if op.get_bind().dialect.name == "postgresql":
        # The same wall as the other organisation tables (0003): other organisations' rows are
        # invisible and cannot be written, even by a query that forgot its filter.
        _protect("actions", "omni_org_visible(organisation_id)")
        _protect("action_status_history", "EXISTS (SELECT 1 FROM actions a WHERE a.id = action_id)")


def _protect(table: str, condition: str) -> None:
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY omni_org_scope ON {table} USING ({condition}) WITH CHECK ({condition})")


def downgrade() -> None:
    op.drop_table("action_status_history")
    op.drop_table("actions")
