"""Peer entries keep the framework version their scores were computed with.

Saved waves and survey rounds already store `framework_version`; peer entries stored only the
framework id. Rows that exist before this migration were all made with version 1.0 (the only
version shipped until 2.0 became the default), so they get '1.0'.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("peer_entries") as batch:
        batch.add_column(sa.Column("framework_version", sa.String(32), nullable=False, server_default="1.0"))


def downgrade() -> None:
    with op.batch_alter_table("peer_entries") as batch:
        batch.drop_column("framework_version")
