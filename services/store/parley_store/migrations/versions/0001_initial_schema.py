"""Initial schema: reports, merged engagements, their participants, actors and articles.

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


def _timestamp(name: str) -> sa.Column[object]:
    return sa.Column(name, sa.DateTime(timezone=True), nullable=False)


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("url", sa.Text()),
        sa.Column("title", sa.Text()),
        sa.Column("published_at", sa.String(40)),
        _timestamp("first_seen"),
    )
    op.create_table(
        "engagements",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("subtype", sa.Text()),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("date_start", sa.Date()),
        sa.Column("date_end", sa.Date()),
        sa.Column("date_precision", sa.String(8)),
        sa.Column("date_text", sa.Text()),
        sa.Column("location_name", sa.Text()),
        sa.Column("location_country", sa.String(8)),
        sa.Column("location_lat", sa.Float()),
        sa.Column("location_lon", sa.Float()),
        sa.Column("forum_name", sa.Text()),
        sa.Column("forum_org", sa.Text()),
        sa.Column("topics", sa.JSON(), nullable=False),
        sa.Column("evidence", sa.JSON(), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("languages", sa.JSON(), nullable=False),
        sa.Column("report_count", sa.Integer(), nullable=False),
        _timestamp("first_seen"),
        _timestamp("last_seen"),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("search_text", sa.Text(), nullable=False),
    )
    op.create_index("ix_engagements_date_order", "engagements", ["date_start", "last_seen"])
    op.create_index("ix_engagements_date_end", "engagements", ["date_end"])
    op.create_index("ix_engagements_type", "engagements", ["type"])
    op.create_index("ix_engagements_status", "engagements", ["status"])
    op.create_index("ix_engagements_last_seen", "engagements", ["last_seen"])

    op.create_table(
        "engagement_participants",
        sa.Column(
            "merged_id", sa.String(64), sa.ForeignKey("engagements.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("actor_key", sa.String(300), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("search_name", sa.Text(), nullable=False),
        sa.Column("actor_id", sa.String(300)),
        sa.Column("country", sa.String(8)),
        sa.Column("role", sa.Text()),
    )
    op.create_index("ix_engagement_participants_actor_key", "engagement_participants", ["actor_key"])
    op.create_index("ix_engagement_participants_actor_id", "engagement_participants", ["actor_id"])
    op.create_index("ix_engagement_participants_country", "engagement_participants", ["country"])

    op.create_table(
        "reports",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("article_id", sa.String(200), sa.ForeignKey("articles.id"), nullable=False),
        sa.Column("merged_id", sa.String(64), sa.ForeignKey("engagements.id"), nullable=False),
        sa.Column("type", sa.String(16), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("language", sa.String(16), nullable=False),
        sa.Column("confidence", sa.Float(), nullable=False),
        sa.Column("date_start", sa.Date()),
        sa.Column("date_end", sa.Date()),
        sa.Column("payload", sa.JSON(), nullable=False),
        _timestamp("received_at"),
        sa.Column("kafka_topic", sa.String(249)),
        sa.Column("kafka_partition", sa.Integer()),
        sa.Column("kafka_offset", sa.BigInteger()),
    )
    op.create_index("ix_reports_merged_id", "reports", ["merged_id"])
    op.create_index("ix_reports_article_id", "reports", ["article_id"])
    op.create_index("ix_reports_language_merged_id", "reports", ["language", "merged_id"])

    op.create_table(
        "actors",
        sa.Column("key", sa.String(300), primary_key=True),
        sa.Column("actor_id", sa.String(300)),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("search_name", sa.Text(), nullable=False),
        sa.Column("country", sa.String(8)),
        sa.Column("role", sa.Text()),
        _timestamp("first_seen"),
        _timestamp("last_seen"),
        sa.Column("engagement_count", sa.Integer(), nullable=False),
    )
    op.create_index("ix_actors_country", "actors", ["country"])
    op.create_index("ix_actors_engagement_count", "actors", ["engagement_count"])


def downgrade() -> None:
    for table in ("actors", "reports", "engagement_participants", "engagements", "articles"):
        op.drop_table(table)
