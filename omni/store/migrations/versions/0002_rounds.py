"""Survey rounds answered in the browser: rounds, their respondents (resume tokens) and answers.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "survey_rounds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("wave", sa.String(100), nullable=False),
        sa.Column("framework_id", sa.String(64), nullable=False),
        sa.Column("framework_version", sa.String(32), nullable=False),
        sa.Column("languages", sa.String(32), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("max_respondents", sa.Integer(), nullable=False),
        sa.Column("closes_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_survey_rounds"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name="fk_survey_rounds_organisation_id_organisations"),
        sa.UniqueConstraint("token_hash", name="uq_survey_rounds_token_hash"),
    )
    op.create_index("ix_survey_rounds_organisation_id_wave", "survey_rounds", ["organisation_id", "wave"])
    op.create_table(
        "round_respondents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("language", sa.String(8), nullable=False),
        *[sa.Column(name, sa.Text(), nullable=False, server_default="") for name in ("name", "role", "department")],
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_round_respondents"),
        sa.ForeignKeyConstraint(["round_id"], ["survey_rounds.id"], ondelete="CASCADE",
                                name="fk_round_respondents_round_id_survey_rounds"),
        sa.UniqueConstraint("token_hash", name="uq_round_respondents_token_hash"),
    )
    op.create_index("ix_round_respondents_round_id_created_at", "round_respondents", ["round_id", "created_at"])
    op.create_table(
        "round_answers",
        sa.Column("respondent_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(32), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(64), nullable=False),
        sa.Column("current", sa.Float()),
        sa.Column("target", sa.Float()),
        sa.Column("current_na", sa.Boolean(), nullable=False),
        sa.Column("target_na", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("respondent_id", "question", name="pk_round_answers"),
        sa.ForeignKeyConstraint(["respondent_id"], ["round_respondents.id"], ondelete="CASCADE",
                                name="fk_round_answers_respondent_id_round_respondents"),
        sa.ForeignKeyConstraint(["round_id"], ["survey_rounds.id"], ondelete="CASCADE",
                                name="fk_round_answers_round_id_survey_rounds"),
    )
    op.create_index("ix_round_answers_round_id", "round_answers", ["round_id"])


def downgrade() -> None:
    for table in ("round_answers", "round_respondents", "survey_rounds"):
        op.drop_table(table)
