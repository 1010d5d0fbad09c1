"""Invitations to a survey round: invitees (name, e-mail, role), their personal links, reminder schedules.

Revision ID: 0010
Revises: 0008 (the lead relinks the chain after 0009 at merge)
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "round_invitees",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(200), nullable=False, server_default=""),
        sa.Column("email", sa.String(320), nullable=False),
        sa.Column("email_key", sa.String(320), nullable=False),
        sa.Column("role", sa.String(200), nullable=False, server_default=""),
        sa.Column("department", sa.String(200), nullable=False, server_default=""),
        sa.Column("language", sa.String(8), nullable=False),
        sa.Column("respondent_id", sa.Integer()),
        sa.Column("mail_status", sa.String(16), nullable=False),
        sa.Column("mail_error", sa.Text(), nullable=False, server_default=""),
        sa.Column("invited_at", sa.DateTime(timezone=True)),
        sa.Column("opened_at", sa.DateTime(timezone=True)),
        sa.Column("reminded_at", sa.DateTime(timezone=True)),
        sa.Column("reminders", sa.Integer(), nullable=False, server_default="0"),
        sa.Column("unsubscribed_at", sa.DateTime(timezone=True)),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_round_invitees"),
        sa.ForeignKeyConstraint(["round_id"], ["survey_rounds.id"], ondelete="CASCADE",
                                name="fk_round_invitees_round_id_survey_rounds"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name="fk_round_invitees_organisation_id_organisations"),
        sa.ForeignKeyConstraint(["respondent_id"], ["round_respondents.id"], ondelete="SET NULL",
                                name="fk_round_invitees_respondent_id_round_respondents"),
        sa.UniqueConstraint("round_id", "email_key", name="uq_round_invitees_round_id_email_key"),
    )
    op.create_index("ix_round_invitees_respondent_id", "round_invitees", ["respondent_id"])
    op.create_table(
        "invitation_links",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("invitee_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name="pk_invitation_links"),
        sa.ForeignKeyConstraint(["invitee_id"], ["round_invitees.id"], ondelete="CASCADE",
                                name="fk_invitation_links_invitee_id_round_invitees"),
    )
    op.create_index("ix_invitation_links_invitee_id", "invitation_links", ["invitee_id"])
    op.create_table(
        "round_reminder_schedules",
        sa.Column("round_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("days_before", sa.String(100), nullable=False),
        sa.Column("done", sa.String(100), nullable=False, server_default=""),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("round_id", name="pk_round_reminder_schedules"),
        sa.ForeignKeyConstraint(["round_id"], ["survey_rounds.id"], ondelete="CASCADE",
                                name="fk_round_reminder_schedules_round_id_survey_rounds"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name="fk_round_reminder_schedules_organisation_id_organisations"),
    )
    if op.get_bind().dialect.name == "postgresql":
        # The same wall as the other organisation tables (0003, 0007): other organisations' invitees,
        # their addresses included, are invisible and cannot be written, even by a query without filter.
        _protect("round_invitees", "omni_org_visible(organisation_id)")
        _protect("round_reminder_schedules", "omni_org_visible(organisation_id)")
        _protect("invitation_links", "EXISTS (SELECT 1 FROM round_invitees i WHERE i.id = invitee_id)")


def _protect(table: str, condition: str) -> None:
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY omni_org_scope ON {table} USING ({condition}) WITH CHECK ({condition})")


def downgrade() -> None:
    op.drop_table("round_reminder_schedules")
    op.drop_table("invitation_links")
    op.drop_table("round_invitees")
