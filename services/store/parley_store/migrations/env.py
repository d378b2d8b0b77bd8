"""Alembic environment: runs on the connection :func:`parley_store.db.migrate` passes in.

``migrate()`` holds the migration lock and the transaction; this module only runs the revisions on it.
Offline (``--sql``) mode is not supported: the migrations are always applied by the services.
"""

from __future__ import annotations

from alembic import context
from parley_store.orm import Base
from sqlalchemy import Connection

connection = context.config.attributes.get("connection")
if not isinstance(connection, Connection):
    raise RuntimeError("run migrations through parley_store.db.migrate(database_url)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    transactional_ddl=True,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
