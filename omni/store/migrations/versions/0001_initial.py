"""Saved assessments (organisation, wave, raw answers, scores), peer entries and settings.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _stamp() -> list[sa.Column]:
    return [sa.Column("created_at", sa.DateTime(timezone=True), nullable=False)]


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.String(64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key", name="pk_settings"),
    )
    op.create_table(
        "organisations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("name_key", sa.String(200), nullable=False),
        sa.Column("sector", sa.String(64), nullable=False, server_default=""),
        sa.Column("size_band", sa.String(64), nullable=False, server_default=""),
        sa.Column("channel_model", sa.String(64), nullable=False, server_default=""),
        sa.Column("country", sa.String(64), nullable=False, server_default=""),
        sa.Column("peer_opt_in", sa.Boolean(), nullable=False, server_default="0"),
        *_stamp(),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_organisations"),
        sa.UniqueConstraint("name_key", name="uq_organisations_name_key"),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("wave", sa.String(100), nullable=False),
        sa.Column("wave_date", sa.Date(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("framework_id", sa.String(64), nullable=False),
        sa.Column("framework_version", sa.String(32), nullable=False),
        sa.Column("sector", sa.String(64), nullable=False, server_default=""),
        sa.Column("size_band", sa.String(64), nullable=False, server_default=""),
        sa.Column("channel_model", sa.String(64), nullable=False, server_default=""),
        sa.Column("country", sa.String(64), nullable=False, server_default=""),
        sa.Column("respondents", sa.Integer(), nullable=False),
        sa.Column("coverage", sa.Float()),
        sa.Column("overall_current", sa.Float()),
        sa.Column("overall_target", sa.Float()),
        sa.Column("overall_gap", sa.Float()),
        sa.Column("overall_level", sa.Integer()),
        sa.Column("source", sa.Text(), nullable=False, server_default=""),
        *_stamp(),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name="fk_assessments_organisation_id_organisations"),
        sa.UniqueConstraint("organisation_id", "wave", "version",
                            name="uq_assessments_organisation_id_wave_version"),
    )
    op.create_index("ix_assessments_organisation_id_wave_date", "assessments", ["organisation_id", "wave_date"])
    op.create_table(
        "assessment_respondents",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("respondent", sa.String(64), nullable=False),
        *[sa.Column(name, sa.Text(), nullable=False, server_default="")
          for name in ("name", "role", "department", "organisation", "sector", "size_band", "channel_model",
                       "date", "source")],
        sa.PrimaryKeyConstraint("assessment_id", "respondent", name="pk_assessment_respondents"),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"], ondelete="CASCADE",
                                name="fk_assessment_respondents_assessment_id_assessments"),
    )
    op.create_table(
        "assessment_answers",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("respondent", sa.String(64), nullable=False),
        sa.Column("question", sa.String(32), nullable=False),
        sa.Column("dimension", sa.String(64), nullable=False),
        sa.Column("current", sa.Float()),
        sa.Column("target", sa.Float()),
        sa.Column("current_na", sa.Boolean(), nullable=False),
        sa.Column("target_na", sa.Boolean(), nullable=False),
        sa.Column("comment", sa.Text(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("assessment_id", "respondent", "question", name="pk_assessment_answers"),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"], ondelete="CASCADE",
                                name="fk_assessment_answers_assessment_id_assessments"),
    )
    op.create_table(
        "dimension_scores",
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("dimension", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        *[sa.Column(name, sa.Float()) for name in ("current", "target", "gap", "median", "std")],
        sa.Column("level", sa.Integer()),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("coverage", sa.Float()),
        sa.Column("weight", sa.Float(), nullable=False),
        sa.Column("agreement", sa.String(16), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("assessment_id", "dimension", name="pk_dimension_scores"),
        sa.ForeignKeyConstraint(["assessment_id"], ["assessments.id"], ondelete="CASCADE",
                                name="fk_dimension_scores_assessment_id_assessments"),
    )
    op.create_table(
        "peer_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("org_key", sa.String(64), nullable=False),
        sa.Column("peer_set", sa.String(100), nullable=False),
        sa.Column("framework_id", sa.String(64), nullable=False),
        sa.Column("sector", sa.String(64), nullable=False),
        sa.Column("size_band", sa.String(64), nullable=False),
        sa.Column("channel_model", sa.String(64), nullable=False),
        sa.Column("country", sa.String(64), nullable=False, server_default=""),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("synthetic", sa.Boolean(), nullable=False, server_default="0"),
        sa.Column("dimensions", sa.Text(), nullable=False),
        sa.Column("scores", sa.LargeBinary(), nullable=False),
        sa.Column("superseded_year", sa.Integer()),
        sa.Column("source_assessment_id", sa.Integer()),
        *_stamp(),
        sa.PrimaryKeyConstraint("id", name="pk_peer_entries"),
        sa.ForeignKeyConstraint(["source_assessment_id"], ["assessments.id"], ondelete="CASCADE",
                                name="fk_peer_entries_source_assessment_id_assessments"),
    )
    op.create_index("ix_peer_entries_sector_size_band_channel_model_year", "peer_entries",
                    ["sector", "size_band", "channel_model", "year"])
    op.create_index("ix_peer_entries_org_key_year", "peer_entries", ["org_key", "year"])
    op.create_index("ix_peer_entries_peer_set", "peer_entries", ["peer_set"])


def downgrade() -> None:
    for table in ("peer_entries", "dimension_scores", "assessment_answers", "assessment_respondents",
                  "assessments", "organisations", "settings"):
        op.drop_table(table)
