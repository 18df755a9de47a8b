"""Exit 0 when the PostgreSQL server in DATABASE_URL answers, else 1."""

import sys

import psycopg

url = sys.argv[1].rsplit("/", 1)[0] + "/postgres"
try:
    psycopg.connect(url, connect_timeout=3).close()
except psycopg.Error as exc:
    print(f"PostgreSQL: {exc}".strip(), file=sys.stderr)
    sys.exit(1)
