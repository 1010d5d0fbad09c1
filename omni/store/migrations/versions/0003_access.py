"""Hosting: users (by issuer and subject), memberships, an append-only audit log, row-level security.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Tables holding one organisation's data, and how a row finds its organisation (PostgreSQL RLS).
_DIRECT = {"organisations": "id", "assessments": "organisation_id", "survey_rounds": "organisation_id"}
_THROUGH = {
    "assessment_respondents": "EXISTS (SELECT 1 FROM assessments a WHERE a.id = assessment_id)",
    "assessment_answers": "EXISTS (SELECT 1 FROM assessments a WHERE a.id = assessment_id)",
    "dimension_scores": "EXISTS (SELECT 1 FROM assessments a WHERE a.id = assessment_id)",
    "round_respondents": "EXISTS (SELECT 1 FROM survey_rounds r WHERE r.id = round_id)",
    "round_answers": "EXISTS (SELECT 1 FROM survey_rounds r WHERE r.id = round_id)",
}


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("issuer", sa.String(500), nullable=False),
        sa.Column("subject", sa.String(255), nullable=False),
        sa.Column("email", sa.String(320), nullable=False, server_default=""),
        sa.Column("name", sa.String(200), nullable=False, server_default=""),
        sa.Column("is_admin", sa.Boolean(), nullable=False, server_default="0"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_login_at", sa.DateTime(timezone=True)),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("issuer", "subject", name="uq_users_issuer_subject"),
    )
    op.create_table(
        "memberships",
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("organisation_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("user_id", "organisation_id", name="pk_memberships"),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE", name="fk_memberships_user_id_users"),
        sa.ForeignKeyConstraint(["organisation_id"], ["organisations.id"], ondelete="CASCADE",
                                name="fk_memberships_organisation_id_organisations"),
    )
    op.create_table(
        "audit_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(600), nullable=False),
        sa.Column("issuer", sa.String(500), nullable=False, server_default=""),
        sa.Column("subject", sa.String(255), nullable=False, server_default=""),
        sa.Column("organisation_id", sa.Integer()),
        sa.Column("organisation", sa.String(200), nullable=False, server_default=""),
        sa.Column("action", sa.String(32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False, server_default=""),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_at", "audit_log", ["at"])
    op.create_index("ix_audit_log_organisation_id_at", "audit_log", ["organisation_id", "at"])

    if op.get_bind().dialect.name == "postgresql":
        _postgresql_upgrade()
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER audit_log_no_{event.lower()} BEFORE {event} ON audit_log "
                       "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END")


def _postgresql_upgrade() -> None:
    op.execute("""
        CREATE FUNCTION omni_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$""")
    op.execute("CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
               "FOR EACH ROW EXECUTE FUNCTION omni_audit_append_only()")
    op.execute("CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log "
               "FOR EACH STATEMENT EXECUTE FUNCTION omni_audit_append_only()")
    # "*": every organisation (the system, administrators); "1,2": those; unset or "": none.
    op.execute("""
        CREATE FUNCTION omni_org_visible(org integer) RETURNS boolean LANGUAGE sql STABLE AS $$
        SELECT CASE coalesce(current_setting('omni.org_ids', true), '')
            WHEN '*' THEN true
            WHEN '' THEN false
            ELSE org = ANY (string_to_array(current_setting('omni.org_ids', true), ',')::integer[]) END
        $$""")
    for table, column in _DIRECT.items():
        _protect(table, f"omni_org_visible({column})")
    for table, condition in _THROUGH.items():
        _protect(table, condition)


def _protect(table: str, condition: str) -> None:
    # FORCE: the policies bind the tables' owner too (the app usually connects as the owner).
    op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
    op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(f"CREATE POLICY omni_org_scope ON {table} USING ({condition}) WITH CHECK ({condition})")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for table in [*_DIRECT, *_THROUGH]:
            op.execute(f"DROP POLICY IF EXISTS omni_org_scope ON {table}")
            op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
            op.execute(f"ALTER TABLE {table} DISABLE ROW LEVEL SECURITY")
        op.execute("DROP FUNCTION IF EXISTS omni_org_visible(integer)")
    for table in ("audit_log", "memberships", "users"):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS omni_audit_append_only()")
