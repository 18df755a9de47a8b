"""Refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) on the audit table.

The application never updates or deletes an audit record; these triggers make the
database refuse it too, so only someone who drops the triggers first can tamper,
and verify_audit then finds the broken chain.
"""

from django.db import migrations

SQLITE = [
    """CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only'); END;""",
    """CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, 'audit_auditevent is append-only'); END;""",
]
SQLITE_REVERSE = ["DROP TRIGGER audit_event_no_update;", "DROP TRIGGER audit_event_no_delete;"]

POSTGRES = [
    """CREATE FUNCTION audit_event_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN RAISE EXCEPTION 'audit_auditevent is append-only'; END; $$;""",
    """CREATE TRIGGER audit_event_no_update_delete BEFORE UPDATE OR DELETE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION audit_event_append_only();""",
    """CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION audit_event_append_only();""",
]
POSTGRES_REVERSE = [
    "DROP TRIGGER audit_event_no_truncate ON audit_auditevent;",
    "DROP TRIGGER audit_event_no_update_delete ON audit_auditevent;",
    "DROP FUNCTION audit_event_append_only();",
]


def _run(statements):
    def run(apps, schema_editor):
        vendor = schema_editor.connection.vendor
        for sql in statements.get(vendor, []):
            schema_editor.execute(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]

    operations = [
        migrations.RunPython(
            _run({"sqlite": SQLITE, "postgresql": POSTGRES}),
            _run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRES_REVERSE}),
        )
    ]
