"""Schema migrations: one frozen step per schema version, run on open in one transaction.

Never edit a released step: a database written by any earlier release must open in a later one
with nothing lost. Add a new step instead, append it to `MIGRATIONS`, keep a fixture database
of the new version in `tests/fixtures/db/`, and update `schema.py` to match.

Two backends, one history. Steps 1 and 2 were written for SQLite only (AUTOINCREMENT,
COLLATE NOCASE, SQLite triggers) and stay as they are, so that every old file keeps opening. A
PostgreSQL database is never taken through them: `POSTGRESQL_BASELINE` creates, in one go, the
structure SQLite has at schema 2 (`_postgresql_v2`, frozen as well). The rule for every later
step:

- it runs on both backends: write it with SQLAlchemy Core (`Table(...).create(conn)`,
  `Index(...).create(conn)`, `insert`/`update`) or with SQL both accept (`ALTER TABLE t ADD
  COLUMN c TEXT NOT NULL DEFAULT ''`, `CREATE INDEX`); no AUTOINCREMENT, no REAL (single
  precision in PostgreSQL: use DOUBLE PRECISION or `Float`), no PRAGMA;
- where the backends must differ (a trigger, rebuilding a table SQLite cannot alter), branch on
  ``conn.dialect.name`` inside the step and give both the same names: the damage check expects
  every table, column, index and trigger SQLite has at that schema on PostgreSQL too;
- a table whose completed rows are guarded (assessments, answers) that is rebuilt must get its
  guards back: `_GUARDS` lists them per backend;
- the store suite runs every step on both (the `database` fixture in `tests/conftest.py`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from sqlalchemy import Connection, inspect, text

from ..common.errors import StoreError

APPLICATION = "maturity"
META_TABLE = "maturity_meta"


@dataclass(frozen=True)
class Migration:
    version: int
    description: str
    apply: Callable[[Connection], None]


_V1_TABLES = [
    f"""CREATE TABLE {META_TABLE} (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE orgs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        created TEXT NOT NULL
    )""",
    """CREATE TABLE assessments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        org_id INTEGER NOT NULL REFERENCES orgs(id),
        status TEXT NOT NULL CHECK (status IN ('draft', 'completed')),
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        completed TEXT,
        profile TEXT NOT NULL,
        questionnaires TEXT NOT NULL,
        versions TEXT NOT NULL,
        plugin_versions TEXT NOT NULL,
        result TEXT,
        content_hash TEXT,
        position TEXT,
        CHECK (status = 'draft' OR (completed IS NOT NULL AND result IS NOT NULL AND content_hash IS NOT NULL))
    )""",
    "CREATE INDEX assessments_by_org ON assessments (org_id, status, completed)",
    "CREATE UNIQUE INDEX one_draft_per_org ON assessments (org_id) WHERE status = 'draft'",
    """CREATE TABLE answers (
        assessment_id INTEGER NOT NULL REFERENCES assessments(id),
        question_id TEXT NOT NULL,
        answer TEXT NOT NULL,
        updated TEXT NOT NULL,
        PRIMARY KEY (assessment_id, question_id)
    )""",
    """CREATE TABLE investments (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        org_id INTEGER NOT NULL REFERENCES orgs(id),
        capability_id TEXT NOT NULL,
        planned_cost REAL NOT NULL,
        start_on TEXT,
        end_on TEXT,
        kpi TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        baseline REAL,
        target REAL,
        target_on TEXT,
        hourly_rate REAL,
        notes TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        before_id INTEGER REFERENCES assessments(id),
        after_id INTEGER REFERENCES assessments(id)
    )""",
    "CREATE INDEX investments_by_org ON investments (org_id)",
    """CREATE TABLE investment_costs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        investment_id INTEGER NOT NULL REFERENCES investments(id),
        kind TEXT NOT NULL CHECK (kind IN ('one_off', 'yearly', 'internal_hours')),
        amount REAL NOT NULL,
        on_date TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX costs_by_investment ON investment_costs (investment_id)",
    """CREATE TABLE kpi_measurements (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        investment_id INTEGER NOT NULL REFERENCES investments(id),
        value REAL NOT NULL,
        on_date TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX measurements_by_investment ON kpi_measurements (investment_id)",
    """CREATE TABLE investment_benefits (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        investment_id INTEGER NOT NULL REFERENCES investments(id),
        amount REAL NOT NULL,
        on_date TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX benefits_by_investment ON investment_benefits (investment_id)",
]

# A completed assessment is immutable: the database refuses any change to it or its answers,
# whatever program writes to the file.
_V1_SQLITE_TRIGGERS = [
    """CREATE TRIGGER completed_assessment_update BEFORE UPDATE ON assessments
       WHEN OLD.status = 'completed'
       BEGIN SELECT RAISE(ABORT, 'a completed assessment cannot be changed'); END""",
    """CREATE TRIGGER completed_assessment_delete BEFORE DELETE ON assessments
       WHEN OLD.status = 'completed'
       BEGIN SELECT RAISE(ABORT, 'a completed assessment cannot be deleted'); END""",
    """CREATE TRIGGER completed_answer_insert BEFORE INSERT ON answers
       WHEN (SELECT status FROM assessments WHERE id = NEW.assessment_id) = 'completed'
       BEGIN SELECT RAISE(ABORT, 'a completed assessment cannot be changed'); END""",
    """CREATE TRIGGER completed_answer_update BEFORE UPDATE ON answers
       WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'completed'
       BEGIN SELECT RAISE(ABORT, 'a completed assessment cannot be changed'); END""",
    """CREATE TRIGGER completed_answer_delete BEFORE DELETE ON answers
       WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'completed'
       BEGIN SELECT RAISE(ABORT, 'a completed assessment cannot be changed'); END""",
]


def _v1(conn: Connection) -> None:
    for statement in _V1_TABLES:
        conn.exec_driver_sql(statement)
    if conn.dialect.name == "sqlite":
        for statement in _V1_SQLITE_TRIGGERS:
            conn.exec_driver_sql(statement)
    conn.execute(
        text(f"INSERT INTO {META_TABLE} (key, value) VALUES ('application', :app), ('schema_version', '0')"),
        {"app": APPLICATION},
    )


_V2_STATEMENTS = [
    # a withdrawn assessment stays as it was sealed; the mark lives beside it, so withdrawing
    # changes nothing the content hash covers and can be undone
    """CREATE TABLE withdrawals (
        assessment_id INTEGER PRIMARY KEY REFERENCES assessments(id),
        withdrawn TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT ''
    )""",
    "ALTER TABLE investments ADD COLUMN closed_on TEXT",
    "ALTER TABLE investments ADD COLUMN withdrawn TEXT",
    "ALTER TABLE investments ADD COLUMN withdrawn_reason TEXT NOT NULL DEFAULT ''",
]

# A completed assessment can still never be deleted on its own; only deleting its whole
# organisation (whose row goes first, in the same transaction) takes it away.
_V2_SQLITE_TRIGGERS = [
    "DROP TRIGGER completed_assessment_delete",
    "DROP TRIGGER completed_answer_delete",
    """CREATE TRIGGER completed_assessment_delete BEFORE DELETE ON assessments
       WHEN OLD.status = 'completed' AND EXISTS (SELECT 1 FROM orgs WHERE id = OLD.org_id)
       BEGIN SELECT RAISE(ABORT, 'a completed assessment cannot be deleted'); END""",
    """CREATE TRIGGER completed_answer_delete BEFORE DELETE ON answers
       WHEN (SELECT status FROM assessments WHERE id = OLD.assessment_id) = 'completed'
        AND EXISTS (SELECT 1 FROM orgs JOIN assessments ON assessments.org_id = orgs.id
                    WHERE assessments.id = OLD.assessment_id)
       BEGIN SELECT RAISE(ABORT, 'a completed assessment cannot be changed'); END""",
]


def _v2(conn: Connection) -> None:
    for statement in _V2_STATEMENTS:
        conn.exec_driver_sql(statement)
    if conn.dialect.name == "sqlite":
        for statement in _V2_SQLITE_TRIGGERS:
            conn.exec_driver_sql(statement)


# Several respondents per assessment. New tables only, in SQL both backends accept, so no table
# is rebuilt: `answers` keeps the assessment's (merged) answer per question, as every earlier
# schema has it, and these tables keep who answered what, when. An assessment with no rows here
# had one unnamed respondent. Foreign keys are deferrable as on PostgreSQL's baseline, so that
# deleting an organisation can take its row first.
_V3_STATEMENTS = [
    """CREATE TABLE respondents (
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) DEFERRABLE INITIALLY IMMEDIATE,
        name TEXT NOT NULL,
        position INTEGER NOT NULL,
        role TEXT NOT NULL DEFAULT '',
        deciding INTEGER NOT NULL DEFAULT 0 CHECK (deciding IN (0, 1)),
        PRIMARY KEY (assessment_id, name)
    )""",
    """CREATE TABLE respondent_answers (
        assessment_id INTEGER NOT NULL,
        respondent TEXT NOT NULL,
        question_id TEXT NOT NULL,
        answer TEXT NOT NULL,
        updated TEXT NOT NULL,
        PRIMARY KEY (assessment_id, respondent, question_id),
        FOREIGN KEY (assessment_id, respondent) REFERENCES respondents(assessment_id, name) DEFERRABLE INITIALLY IMMEDIATE
    )""",
]

_V3_GUARDED = ("respondents", "respondent_answers")


def _v3_sqlite_triggers(table: str) -> list[str]:
    # the guards of `answers` (schema 2), for the rows of who answered what
    owner = {"INSERT": "NEW", "UPDATE": "OLD", "DELETE": "OLD"}
    out = []
    for op, row in owner.items():
        condition = f"(SELECT status FROM assessments WHERE id = {row}.assessment_id) = 'completed'"
        if op == "DELETE":
            condition += (f" AND EXISTS (SELECT 1 FROM orgs JOIN assessments ON assessments.org_id = orgs.id"
                          f" WHERE assessments.id = {row}.assessment_id)")
        out.append(f"""CREATE TRIGGER completed_{table}_{op.lower()} BEFORE {op} ON {table}
       WHEN {condition}
       BEGIN SELECT RAISE(ABORT, 'a completed assessment cannot be changed'); END""")
    return out


def _v3(conn: Connection) -> None:
    for statement in _V3_STATEMENTS:
        conn.exec_driver_sql(statement)
    for table in _V3_GUARDED:
        if conn.dialect.name == "sqlite":
            statements = _v3_sqlite_triggers(table)
        else:
            # the guard function of `answers`, created with PostgreSQL's baseline; same names
            statements = [
                f"CREATE TRIGGER completed_{table}_{op.lower()} BEFORE {op} ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION maturity_guard_answer()"
                for op in ("INSERT", "UPDATE", "DELETE")
            ]
        for statement in statements:
            conn.exec_driver_sql(statement)

# -- PostgreSQL: schema 2 in one step ----------------------------------------------------------

#: the schema a new PostgreSQL database is created at; the steps after it run on both backends
POSTGRESQL_BASELINE = 2

# Names compare without regard to case, as SQLite's COLLATE NOCASE does: an ICU collation that
# is not deterministic (PostgreSQL 12 and later, built with ICU as every common build is).
_POSTGRESQL_V2 = [
    "CREATE COLLATION maturity_nocase (provider = icu, locale = 'und-u-ks-level2', deterministic = false)",
    f"""CREATE TABLE {META_TABLE} (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
    )""",
    """CREATE TABLE orgs (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE maturity_nocase,
        created TEXT NOT NULL
    )""",
    # foreign keys are deferrable so that deleting an organisation can take its row first
    """CREATE TABLE assessments (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        org_id INTEGER NOT NULL REFERENCES orgs(id) DEFERRABLE INITIALLY IMMEDIATE,
        status TEXT NOT NULL CHECK (status IN ('draft', 'completed')),
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        completed TEXT,
        profile TEXT NOT NULL,
        questionnaires TEXT NOT NULL,
        versions TEXT NOT NULL,
        plugin_versions TEXT NOT NULL,
        result TEXT,
        content_hash TEXT,
        position TEXT,
        CHECK (status = 'draft' OR (completed IS NOT NULL AND result IS NOT NULL AND content_hash IS NOT NULL))
    )""",
    "CREATE INDEX assessments_by_org ON assessments (org_id, status, completed)",
    "CREATE UNIQUE INDEX one_draft_per_org ON assessments (org_id) WHERE status = 'draft'",
    """CREATE TABLE answers (
        assessment_id INTEGER NOT NULL REFERENCES assessments(id) DEFERRABLE INITIALLY IMMEDIATE,
        question_id TEXT NOT NULL,
        answer TEXT NOT NULL,
        updated TEXT NOT NULL,
        PRIMARY KEY (assessment_id, question_id)
    )""",
    """CREATE TABLE investments (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        org_id INTEGER NOT NULL REFERENCES orgs(id) DEFERRABLE INITIALLY IMMEDIATE,
        capability_id TEXT NOT NULL,
        planned_cost DOUBLE PRECISION NOT NULL,
        start_on TEXT,
        end_on TEXT,
        kpi TEXT NOT NULL DEFAULT '',
        unit TEXT NOT NULL DEFAULT '',
        baseline DOUBLE PRECISION,
        target DOUBLE PRECISION,
        target_on TEXT,
        hourly_rate DOUBLE PRECISION,
        notes TEXT NOT NULL DEFAULT '',
        created TEXT NOT NULL,
        before_id INTEGER REFERENCES assessments(id) DEFERRABLE INITIALLY IMMEDIATE,
        after_id INTEGER REFERENCES assessments(id) DEFERRABLE INITIALLY IMMEDIATE,
        closed_on TEXT,
        withdrawn TEXT,
        withdrawn_reason TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX investments_by_org ON investments (org_id)",
    """CREATE TABLE investment_costs (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        investment_id INTEGER NOT NULL REFERENCES investments(id) DEFERRABLE INITIALLY IMMEDIATE,
        kind TEXT NOT NULL CHECK (kind IN ('one_off', 'yearly', 'internal_hours')),
        amount DOUBLE PRECISION NOT NULL,
        on_date TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX costs_by_investment ON investment_costs (investment_id)",
    """CREATE TABLE kpi_measurements (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        investment_id INTEGER NOT NULL REFERENCES investments(id) DEFERRABLE INITIALLY IMMEDIATE,
        value DOUBLE PRECISION NOT NULL,
        on_date TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX measurements_by_investment ON kpi_measurements (investment_id)",
    """CREATE TABLE investment_benefits (
        id INTEGER GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
        investment_id INTEGER NOT NULL REFERENCES investments(id) DEFERRABLE INITIALLY IMMEDIATE,
        amount DOUBLE PRECISION NOT NULL,
        on_date TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    )""",
    "CREATE INDEX benefits_by_investment ON investment_benefits (investment_id)",
    """CREATE TABLE withdrawals (
        assessment_id INTEGER PRIMARY KEY REFERENCES assessments(id) DEFERRABLE INITIALLY IMMEDIATE,
        withdrawn TEXT NOT NULL,
        reason TEXT NOT NULL DEFAULT ''
    )""",
]

# The same guards as SQLite's triggers of schema 2, with the same names; raised as integrity
# violations, as SQLite's RAISE(ABORT) is.
_POSTGRESQL_GUARDS = [
    """CREATE FUNCTION maturity_guard_assessment() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF OLD.status = 'completed' THEN
            IF TG_OP = 'UPDATE' THEN
                RAISE EXCEPTION 'a completed assessment cannot be changed' USING ERRCODE = 'integrity_constraint_violation';
            ELSIF EXISTS (SELECT 1 FROM orgs WHERE id = OLD.org_id) THEN
                RAISE EXCEPTION 'a completed assessment cannot be deleted' USING ERRCODE = 'integrity_constraint_violation';
            END IF;
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$""",
    """CREATE FUNCTION maturity_guard_answer() RETURNS trigger LANGUAGE plpgsql AS $$
    DECLARE
        owner INTEGER;
    BEGIN
        IF TG_OP = 'INSERT' THEN owner := NEW.assessment_id; ELSE owner := OLD.assessment_id; END IF;
        IF (SELECT status FROM assessments WHERE id = owner) = 'completed'
           AND (TG_OP <> 'DELETE' OR EXISTS (SELECT 1 FROM orgs JOIN assessments ON assessments.org_id = orgs.id
                                             WHERE assessments.id = owner)) THEN
            RAISE EXCEPTION 'a completed assessment cannot be changed' USING ERRCODE = 'integrity_constraint_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
    END $$""",
    "CREATE TRIGGER completed_assessment_update BEFORE UPDATE ON assessments FOR EACH ROW EXECUTE FUNCTION maturity_guard_assessment()",
    "CREATE TRIGGER completed_assessment_delete BEFORE DELETE ON assessments FOR EACH ROW EXECUTE FUNCTION maturity_guard_assessment()",
    "CREATE TRIGGER completed_answer_insert BEFORE INSERT ON answers FOR EACH ROW EXECUTE FUNCTION maturity_guard_answer()",
    "CREATE TRIGGER completed_answer_update BEFORE UPDATE ON answers FOR EACH ROW EXECUTE FUNCTION maturity_guard_answer()",
    "CREATE TRIGGER completed_answer_delete BEFORE DELETE ON answers FOR EACH ROW EXECUTE FUNCTION maturity_guard_answer()",
]

#: the statements that (re)install the guards of completed assessments, per backend, for a
#: later step that rebuilds the assessments or answers table (drop the old triggers first)
_GUARDS = {"sqlite": _V2_SQLITE_TRIGGERS[2:], "postgresql": _POSTGRESQL_GUARDS[2:]}


def _postgresql_v2(conn: Connection) -> None:
    for statement in _POSTGRESQL_V2 + _POSTGRESQL_GUARDS:
        conn.exec_driver_sql(statement)
    conn.execute(
        text(f"INSERT INTO {META_TABLE} (key, value) VALUES ('application', :app), ('schema_version', '0')"),
        {"app": APPLICATION},
    )


#: the key of the PostgreSQL advisory lock that one migration (and one writer) holds at a time
POSTGRESQL_LOCK = 0x6D61747572697479 & 0x7FFFFFFFFFFFFFFF  # "maturity"


MIGRATIONS: list[Migration] = [
    Migration(1, "organisations, assessments, answers, investments", _v1),
    Migration(2, "withdrawn assessments and investments, closed investments, deleting organisations", _v2),
    Migration(3, "several respondents per assessment: who answered what, when", _v3),
]


def latest_version() -> int:
    return MIGRATIONS[-1].version


def read_version(conn: Connection) -> int | None:
    """The schema version recorded in the database; None for an empty database."""
    if not inspect(conn).has_table(META_TABLE):
        return None
    row = conn.exec_driver_sql(f"SELECT value FROM {META_TABLE} WHERE key = 'schema_version'").first()
    return int(row[0]) if row else None


def migrate(conn: Connection, migrations: list[Migration] | None = None) -> list[int]:
    """Bring the database up to the latest schema inside the caller's write transaction.

    Returns the versions applied (none when it was already current). The caller has already
    refused foreign and newer databases; the version is read again here, under the write lock,
    so two processes opening a new database at once do not both create it.
    """
    steps = MIGRATIONS if migrations is None else migrations
    postgresql = conn.dialect.name == "postgresql"
    if postgresql:
        # SQLite's BEGIN IMMEDIATE has already serialised this; the server needs a lock
        conn.exec_driver_sql(f"SELECT pg_advisory_xact_lock({POSTGRESQL_LOCK})")
    version = read_version(conn)
    if version is None and inspect(conn).get_table_names():
        raise StoreError("the database holds tables of another program; it was left untouched")
    current = version or 0
    applied = []
    if postgresql and current < POSTGRESQL_BASELINE:
        if current:
            raise StoreError(f"the database records schema {current}, which no PostgreSQL database has; it was left untouched")
        _postgresql_v2(conn)
        current = POSTGRESQL_BASELINE
        conn.execute(
            text(f"UPDATE {META_TABLE} SET value = :v WHERE key = 'schema_version'"), {"v": str(current)}
        )
        applied = [m.version for m in steps if m.version <= current]
    for step in steps:
        if step.version <= current:
            continue
        step.apply(conn)
        conn.execute(
            text(f"UPDATE {META_TABLE} SET value = :v WHERE key = 'schema_version'"), {"v": str(step.version)}
        )
        applied.append(step.version)
    return applied
