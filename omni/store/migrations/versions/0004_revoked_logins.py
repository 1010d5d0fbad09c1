"""Sign-out ends a login on the server: the logins that were signed out (issue 15, finding 9).

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "revoked_logins",
        sa.Column("login_key", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer()),
        sa.Column("issued_at", sa.DateTime(timezone=True)),
        sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("login_key", name="pk_revoked_logins"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE", name="fk_revoked_logins_user_id_users"),
    )
    op.create_index("ix_revoked_logins_revoked_at", "revoked_logins", ["revoked_at"])


def downgrade() -> None:
    op.drop_index("ix_revoked_logins_revoked_at", table_name="revoked_logins")
    op.drop_table("revoked_logins")
