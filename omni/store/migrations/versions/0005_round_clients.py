"""Survey rounds: who started each respondent (keyed hashes of the browser's cookie and the address),
for the per-client flood limits and the manager's list of suspect respondents (issue 15, finding 5).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("round_respondents") as batch:
        batch.add_column(sa.Column("client_key", sa.String(64)))
        batch.add_column(sa.Column("address_key", sa.String(64)))
    op.create_index("ix_round_respondents_round_client", "round_respondents", ["round_id", "client_key"])
    op.create_index("ix_round_respondents_round_address", "round_respondents", ["round_id", "address_key"])


def downgrade() -> None:
    op.drop_index("ix_round_respondents_round_address", table_name="round_respondents")
    op.drop_index("ix_round_respondents_round_client", table_name="round_respondents")
    with op.batch_alter_table("round_respondents") as batch:
        batch.drop_column("address_key")
        batch.drop_column("client_key")
