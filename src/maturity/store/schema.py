"""The tables of the current schema, as SQLAlchemy Core objects used to query them.

The tables are created and changed only by the migrations in `migrations.py` (frozen DDL, one
step per schema version); a test checks that a migrated database matches these definitions.
Timestamps are ISO 8601 text in UTC with microseconds, dates ISO text, documents JSON text.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, ForeignKeyConstraint, Integer, MetaData, Table, Text

metadata = MetaData()

meta = Table(
    "maturity_meta",
    metadata,
    Column("key", Text, primary_key=True),
    Column("value", Text, nullable=False),
)

orgs = Table(
    "orgs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("name", Text, nullable=False, unique=True),
    Column("created", Text, nullable=False),
)

assessments = Table(
    "assessments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", Integer, ForeignKey("orgs.id"), nullable=False),
    Column("status", Text, nullable=False),
    Column("created", Text, nullable=False),
    Column("updated", Text, nullable=False),
    Column("completed", Text),
    Column("profile", Text, nullable=False),
    Column("questionnaires", Text, nullable=False),
    Column("versions", Text, nullable=False),
    Column("plugin_versions", Text, nullable=False),
    Column("result", Text),
    Column("content_hash", Text),
    Column("position", Text),
)

answers = Table(
    "answers",
    metadata,
    Column("assessment_id", Integer, ForeignKey("assessments.id"), primary_key=True),
    Column("question_id", Text, primary_key=True),
    Column("answer", Text, nullable=False),
    Column("updated", Text, nullable=False),
)

#: who answered an assessment (none: one unnamed respondent), in the order they are listed
respondents = Table(
    "respondents",
    metadata,
    Column("assessment_id", Integer, ForeignKey("assessments.id"), primary_key=True),
    Column("name", Text, primary_key=True),
    Column("position", Integer, nullable=False),
    Column("role", Text, nullable=False),
    Column("deciding", Integer, nullable=False),
)

#: each respondent's own answers; `answers` holds the assessment's, merged from these
respondent_answers = Table(
    "respondent_answers",
    metadata,
    Column("assessment_id", Integer, primary_key=True),
    Column("respondent", Text, primary_key=True),
    Column("question_id", Text, primary_key=True),
    Column("answer", Text, nullable=False),
    Column("updated", Text, nullable=False),
    ForeignKeyConstraint(["assessment_id", "respondent"], ["respondents.assessment_id", "respondents.name"]),
)

investments = Table(
    "investments",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("org_id", Integer, ForeignKey("orgs.id"), nullable=False),
    Column("capability_id", Text, nullable=False),
    Column("planned_cost", Float, nullable=False),
    Column("start_on", Text),
    Column("end_on", Text),
    Column("kpi", Text, nullable=False),
    Column("unit", Text, nullable=False),
    Column("baseline", Float),
    Column("target", Float),
    Column("target_on", Text),
    Column("hourly_rate", Float),
    Column("notes", Text, nullable=False),
    Column("created", Text, nullable=False),
    Column("before_id", Integer, ForeignKey("assessments.id")),
    Column("after_id", Integer, ForeignKey("assessments.id")),
    Column("closed_on", Text),
    Column("withdrawn", Text),
    Column("withdrawn_reason", Text, nullable=False),
)

withdrawals = Table(
    "withdrawals",
    metadata,
    Column("assessment_id", Integer, ForeignKey("assessments.id"), primary_key=True),
    Column("withdrawn", Text, nullable=False),
    Column("reason", Text, nullable=False),
)

costs = Table(
    "investment_costs",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("investment_id", Integer, ForeignKey("investments.id"), nullable=False),
    Column("kind", Text, nullable=False),
    Column("amount", Float, nullable=False),
    Column("on_date", Text, nullable=False),
    Column("note", Text, nullable=False),
)

measurements = Table(
    "kpi_measurements",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("investment_id", Integer, ForeignKey("investments.id"), nullable=False),
    Column("value", Float, nullable=False),
    Column("on_date", Text, nullable=False),
    Column("note", Text, nullable=False),
)

benefits = Table(
    "investment_benefits",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("investment_id", Integer, ForeignKey("investments.id"), nullable=False),
    Column("amount", Float, nullable=False),
    Column("on_date", Text, nullable=False),
    Column("note", Text, nullable=False),
)
