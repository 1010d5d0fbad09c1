"""The tables of the store (SQLAlchemy Core). The migrations in omni/store/migrations create them.

Saved assessments keep the raw answers and respondent facts (so they can be re-scored when the
framework changes) beside the scores computed when they were saved. Peer entries are anonymous:
attributes, a year and dimension scores, never a name, a respondent or an answer.
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    func,
)

# Named constraints: Alembic's batch mode on SQLite recreates tables and needs the names.
NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
metadata = MetaData(naming_convention=NAMING)

APPROVED, PENDING, REJECTED = "approved", "pending", "rejected"
PEER_STATUSES = (APPROVED, PENDING, REJECTED)

settings = Table(
    "settings", metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)

organisations = Table(
    "organisations", metadata,
    Column("id", Integer, primary_key=True),
    Column("name", String(200), nullable=False),
    Column("name_key", String(200), nullable=False, unique=True),  # normalised name: one row per organisation
    Column("sector", String(64), nullable=False, server_default=""),
    Column("size_band", String(64), nullable=False, server_default=""),
    Column("channel_model", String(64), nullable=False, server_default=""),
    Column("country", String(64), nullable=False, server_default=""),
    Column("peer_opt_in", Boolean, nullable=False, server_default="0"),
    Column("unit_label", String(64), nullable=False, server_default=""),  # what its units are called (#19)
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)

assessments = Table(
    "assessments", metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("wave", String(100), nullable=False),
    Column("wave_date", Date, nullable=False),
    Column("version", Integer, nullable=False),  # re-saving a wave adds a version, never overwrites
    Column("framework_id", String(64), nullable=False),
    Column("framework_version", String(32), nullable=False),
    Column("sector", String(64), nullable=False, server_default=""),
    Column("size_band", String(64), nullable=False, server_default=""),
    Column("channel_model", String(64), nullable=False, server_default=""),
    Column("country", String(64), nullable=False, server_default=""),
    Column("respondents", Integer, nullable=False),
    Column("coverage", Float),
    Column("overall_current", Float),
    Column("overall_target", Float),
    Column("overall_gap", Float),
    Column("overall_level", Integer),
    Column("source", Text, nullable=False, server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    # A wave of one unit (#19); NULL: the whole organisation (group). No ON DELETE: a unit with saved waves
    # cannot be deleted into the group's waves (migration 0011).
    Column("unit_id", Integer, ForeignKey("units.id")),
    Index(None, "organisation_id", "wave_date"),
)
# Version numbers per organisation, unit and wave name; COALESCE because NULLs (group waves) never collide.
Index("uq_assessments_organisation_id_unit_wave_version", assessments.c.organisation_id,
      func.coalesce(assessments.c.unit_id, 0), assessments.c.wave, assessments.c.version, unique=True)

assessment_respondents = Table(
    "assessment_respondents", metadata,
    Column("assessment_id", Integer, ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True),
    Column("respondent", String(64), primary_key=True),
    Column("name", Text, nullable=False, server_default=""),
    Column("role", Text, nullable=False, server_default=""),
    Column("department", Text, nullable=False, server_default=""),
    Column("organisation", Text, nullable=False, server_default=""),
    Column("sector", Text, nullable=False, server_default=""),
    Column("size_band", Text, nullable=False, server_default=""),
    Column("channel_model", Text, nullable=False, server_default=""),
    Column("date", Text, nullable=False, server_default=""),
    Column("source", Text, nullable=False, server_default=""),
    Column("unit", Text, nullable=False, server_default=""),
)

assessment_answers = Table(
    "assessment_answers", metadata,
    Column("assessment_id", Integer, ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True),
    Column("respondent", String(64), primary_key=True),
    Column("question", String(32), primary_key=True),
    Column("dimension", String(64), nullable=False),
    Column("current", Float),
    Column("target", Float),
    Column("current_na", Boolean, nullable=False),
    Column("target_na", Boolean, nullable=False),
    Column("comment", Text, nullable=False, server_default=""),
)

dimension_scores = Table(
    "dimension_scores", metadata,
    Column("assessment_id", Integer, ForeignKey("assessments.id", ondelete="CASCADE"), primary_key=True),
    Column("dimension", String(64), primary_key=True),
    Column("position", Integer, nullable=False),
    Column("current", Float),
    Column("target", Float),
    Column("gap", Float),
    Column("median", Float),
    Column("std", Float),
    Column("level", Integer),
    Column("n", Integer, nullable=False),
    Column("coverage", Float),
    Column("weight", Float, nullable=False),
    Column("agreement", String(16), nullable=False, server_default=""),
)

peer_entries = Table(
    "peer_entries", metadata,
    Column("id", Integer, primary_key=True),
    Column("org_key", String(64), nullable=False),  # keyed hash of the organisation; never its name
    Column("peer_set", String(100), nullable=False),
    Column("framework_id", String(64), nullable=False),
    # the version the scores were computed with (migration 0004; rows from before it: 1.0)
    Column("framework_version", String(32), nullable=False, server_default="1.0"),
    Column("sector", String(64), nullable=False),
    Column("size_band", String(64), nullable=False),
    Column("channel_model", String(64), nullable=False),
    Column("country", String(64), nullable=False, server_default=""),
    Column("year", Integer, nullable=False),
    Column("status", String(16), nullable=False),
    Column("synthetic", Boolean, nullable=False, server_default="0"),
    # Scores as little-endian uint16 hundredths (0 = no score) in the order of `dimensions`
    # ("vision,...,_overall"): a group of 100,000 peers is fetched as one column (see omni.benchmark).
    Column("dimensions", Text, nullable=False),
    Column("scores", LargeBinary, nullable=False),
    # The year of this organisation's next approved entry: an entry is the organisation's latest
    # in a year window [y0, y1] when y0 <= year <= y1 and (superseded_year is null or > y1).
    Column("superseded_year", Integer),
    Column("source_assessment_id", Integer, ForeignKey("assessments.id", ondelete="CASCADE")),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index(None, "sector", "size_band", "channel_model", "year"),
    Index(None, "org_key", "year"),
    Index(None, "peer_set"),
    # No index on status or framework_id: without table statistics SQLite would take one for a
    # selective index and read a large group row by row instead of in one scan.
)

# --- survey rounds answered in the browser (migration 0002) -------------------------------------
# Only SHA-256 hashes of the link and resume tokens are stored, never the tokens themselves.
ROUND_OPEN, ROUND_CLOSED = "open", "closed"

survey_rounds = Table(
    "survey_rounds", metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("wave", String(100), nullable=False),
    Column("framework_id", String(64), nullable=False),
    Column("framework_version", String(32), nullable=False),
    Column("languages", String(32), nullable=False),  # "nl,en"
    Column("status", String(16), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # the shared link's token
    Column("max_respondents", Integer, nullable=False),
    Column("closes_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("closed_at", DateTime(timezone=True)),
    Column("unit_id", Integer, ForeignKey("units.id", ondelete="SET NULL")),  # a round of one unit (#19)
    Index(None, "organisation_id", "wave"),
)

round_respondents = Table(
    "round_respondents", metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("survey_rounds.id", ondelete="CASCADE"), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),  # the personal resume link's token
    Column("language", String(8), nullable=False),
    Column("name", Text, nullable=False, server_default=""),
    Column("role", Text, nullable=False, server_default=""),
    Column("department", Text, nullable=False, server_default=""),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("submitted_at", DateTime(timezone=True)),
    Column("unit", Text, nullable=False, server_default=""),  # the unit the respondent chose (#19)
    # who started this respondent, as keyed hashes (migration 0004): the browser's cookie (None when
    # it sent none) and the address (from a trusted proxy's header only); see omni.rounds.Client
    Column("client_key", String(64)),
    Column("address_key", String(64)),
    Index(None, "round_id", "created_at"),
    Index("ix_round_respondents_round_client", "round_id", "client_key"),
    Index("ix_round_respondents_round_address", "round_id", "address_key"),
)

round_answers = Table(
    "round_answers", metadata,
    Column("respondent_id", Integer, ForeignKey("round_respondents.id", ondelete="CASCADE"), primary_key=True),
    Column("question", String(32), primary_key=True),
    Column("round_id", Integer, ForeignKey("survey_rounds.id", ondelete="CASCADE"), nullable=False),
    Column("dimension", String(64), nullable=False),
    Column("current", Float),
    Column("target", Float),
    Column("current_na", Boolean, nullable=False),
    Column("target_na", Boolean, nullable=False),
    Column("comment", Text, nullable=False, server_default=""),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Index(None, "round_id"),
)

# --- hosting: users, memberships, audit log (migration 0003) ------------------------------------
# A user is the identity provider's issuer and subject (never the e-mail claim, which can be
# unverified or change); e-mail and name are kept only to show who is who.
users = Table(
    "users", metadata,
    Column("id", Integer, primary_key=True),
    Column("issuer", String(500), nullable=False),
    Column("subject", String(255), nullable=False),
    Column("email", String(320), nullable=False, server_default=""),
    Column("name", String(200), nullable=False, server_default=""),
    Column("is_admin", Boolean, nullable=False, server_default="0"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("last_login_at", DateTime(timezone=True)),
    UniqueConstraint("issuer", "subject"),
)

memberships = Table(
    "memberships", metadata,
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE"), primary_key=True),
    Column("created_at", DateTime(timezone=True), nullable=False),
)

# Sign-ins that ended (signed out) before their identity cookie expired: the cookie names the login by
# a hash of its ID token's issuer, subject, issued-at and nonce, and a revoked one never signs in again.
revoked_logins = Table(
    "revoked_logins", metadata,
    Column("login_key", String(64), primary_key=True),  # sha256 hex, see omni.store.logins.login_key
    Column("user_id", Integer, ForeignKey("users.id", ondelete="CASCADE")),
    Column("issued_at", DateTime(timezone=True)),
    Column("revoked_at", DateTime(timezone=True), nullable=False),
    Index(None, "revoked_at"),
)

# Append-only (triggers refuse UPDATE and DELETE). No foreign key: the log outlives what it names.
audit_log = Table(
    "audit_log", metadata,
    Column("id", Integer, primary_key=True),
    Column("at", DateTime(timezone=True), nullable=False),  # UTC
    Column("actor", String(600), nullable=False),
    Column("issuer", String(500), nullable=False, server_default=""),
    Column("subject", String(255), nullable=False, server_default=""),
    Column("organisation_id", Integer),
    Column("organisation", String(200), nullable=False, server_default=""),
    Column("action", String(32), nullable=False),
    Column("detail", Text, nullable=False, server_default=""),
    Index(None, "at"),
    Index(None, "organisation_id", "at"),
)

# --- the action plan (migration 0004) -----------------------------------------------------------
# An action belongs to an organisation and the wave it was planned in (the wave's label: an action
# outlives re-saved versions of its wave). `version` rises with every change; an edit names the
# version it was based on, so a stale edit is refused (omni.store.actions).
actions = Table(
    "actions", metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("wave", String(100), nullable=False),
    Column("framework_id", String(64), nullable=False),
    Column("title", String(300), nullable=False),
    Column("dimension", String(64), nullable=False),
    Column("questions", String(400), nullable=False, server_default=""),  # "D1.Q1,D1.Q3"
    Column("target_level", Integer),
    Column("owner_name", String(200), nullable=False, server_default=""),
    Column("owner_role", String(200), nullable=False, server_default=""),
    Column("start_date", Date),
    Column("due_date", Date),
    Column("status", String(16), nullable=False),
    Column("notes", Text, nullable=False, server_default=""),
    Column("version", Integer, nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(600), nullable=False, server_default=""),
    Index(None, "organisation_id", "wave"),
)

action_status_history = Table(
    "action_status_history", metadata,
    Column("id", Integer, primary_key=True),
    Column("action_id", Integer, ForeignKey("actions.id", ondelete="CASCADE"), nullable=False),
    Column("status", String(16), nullable=False),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("actor", String(600), nullable=False),
    Index(None, "action_id", "at"),
)

# --- saved column mappings (migration 0008) -----------------------------------------------------
# A user's correction of how a file's columns are read (omni.survey.mapping), saved under a name per
# organisation; `headers_key` (a hash of the file's headers, see omni.store.mappings) finds it again
# for the next file with the same headers.
column_mappings = Table(
    "column_mappings", metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("headers_key", String(64), nullable=False),
    Column("mapping", Text, nullable=False),  # the YAML `omni score --mapping` takes
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(600), nullable=False, server_default=""),
    UniqueConstraint("organisation_id", "name"),
    Index(None, "headers_key"),
)

# The units of a group organisation (#19): one level, named by the organisation (organisations.unit_label).
units = Table(
    "units", metadata,
    Column("id", Integer, primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False),
    Column("name_key", String(200), nullable=False),  # normalised: one unit per name in an organisation
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("organisation_id", "name_key"),
)


# --- invitations to a survey round (migration 0010) ---------------------------------------------
# Invitees of a round: the manager's list (name, e-mail, role). The e-mail address is kept only
# for mailing the personal link and reminders; it belongs to the organisation (row-level security
# on PostgreSQL) and goes with the round (ON DELETE CASCADE). A personal link is a token whose
# SHA-256 is in `invitation_links`: every mail carries a fresh token (the store cannot mail a
# token it only knows the hash of), and every one of a person's tokens keeps working. Once the
# invitee starts, their respondent row is linked (`respondent_id`) and the same tokens resume it.
round_invitees = Table(
    "round_invitees", metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", Integer, ForeignKey("survey_rounds.id", ondelete="CASCADE"), nullable=False),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("name", String(200), nullable=False, server_default=""),
    Column("email", String(320), nullable=False),
    Column("email_key", String(320), nullable=False),  # lower case: one invitation per address and round
    Column("role", String(200), nullable=False, server_default=""),
    Column("department", String(200), nullable=False, server_default=""),
    Column("language", String(8), nullable=False),
    Column("respondent_id", Integer, ForeignKey("round_respondents.id", ondelete="SET NULL")),
    Column("mail_status", String(16), nullable=False),  # pending / sent / failed (the last mail)
    Column("mail_error", Text, nullable=False, server_default=""),
    Column("invited_at", DateTime(timezone=True)),  # first mail that left
    Column("opened_at", DateTime(timezone=True)),  # first time one of the links was opened
    Column("reminded_at", DateTime(timezone=True)),
    Column("reminders", Integer, nullable=False, server_default="0"),
    Column("unsubscribed_at", DateTime(timezone=True)),
    Column("created_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("round_id", "email_key"),
    Index(None, "respondent_id"),
)

invitation_links = Table(
    "invitation_links", metadata,
    Column("token_hash", String(64), primary_key=True),
    Column("invitee_id", Integer, ForeignKey("round_invitees.id", ondelete="CASCADE"), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Index(None, "invitee_id"),
)

# A round's reminder schedule: days before the closing date ("7,2"), and the ones already sent.
round_reminder_schedules = Table(
    "round_reminder_schedules", metadata,
    Column("round_id", Integer, ForeignKey("survey_rounds.id", ondelete="CASCADE"), primary_key=True),
    Column("organisation_id", Integer, ForeignKey("organisations.id", ondelete="CASCADE"), nullable=False),
    Column("days_before", String(100), nullable=False),
    Column("done", String(100), nullable=False, server_default=""),
    Column("updated_at", DateTime(timezone=True), nullable=False),
)
