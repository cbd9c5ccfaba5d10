"""Event log and the projections derived from it.

Revision ID: 0001
Revises:
Create Date: 2026-11-27
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "events",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("type", sa.String(64), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("corrects", sa.Integer(), nullable=True),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["corrects"], ["events.seq"], name="fk_events_corrects_events"),
        sa.PrimaryKeyConstraint("seq", name="pk_events"),
        sa.UniqueConstraint("hash", name="uq_events_hash"),
    )
    op.create_index("ix_events_type", "events", ["type"])
    op.create_index("ix_events_key", "events", ["key"])
    op.create_table(
        "facts",
        sa.Column("kind", sa.String(32), nullable=False),
        sa.Column("key", sa.String(255), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("event_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_seq"], ["events.seq"], name="fk_facts_event_seq_events"),
        sa.PrimaryKeyConstraint("kind", "key", name="pk_facts"),
    )
    op.create_table(
        "persons",
        sa.Column("list_kind", sa.String(16), nullable=False),
        sa.Column("party", sa.String(8), nullable=False),
        sa.Column("person_id", sa.String(255), nullable=False),
        sa.Column("family_name", sa.Text(), nullable=False),
        sa.Column("given_name", sa.Text(), nullable=False),
        sa.Column("patronymic", sa.Text(), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("sex", sa.String(1), nullable=True),
        sa.Column("military_unit", sa.Text(), nullable=True),
        sa.Column("category", sa.String(16), nullable=False),
        sa.Column("seriously_wounded", sa.Boolean(), nullable=False),
        sa.Column("seriously_ill", sa.Boolean(), nullable=False),
        sa.Column("consent", sa.String(8), nullable=False),
        sa.Column("captured_on", sa.Date(), nullable=True),
        sa.Column("extra", sa.JSON(), nullable=False),
        sa.Column("event_seq", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["event_seq"], ["events.seq"], name="fk_persons_event_seq_events"),
        sa.PrimaryKeyConstraint("list_kind", "party", "person_id", name="pk_persons"),
    )


def downgrade() -> None:
    op.drop_table("persons")
    op.drop_table("facts")
    op.drop_index("ix_events_key", table_name="events")
    op.drop_index("ix_events_type", table_name="events")
    op.drop_table("events")
