-- Incentives.PostgreSql ledger schema, version 1.
-- Run by PostgreSqlLedgerSchema.MigrateAsync, which replaces the schema name "incentives" by the one you choose
-- and records the version in "incentives".schema_version. DBAs who run migrations themselves can run this file
-- as is (after a search-and-replace of "incentives" if they want another schema) and then insert version 1.
CREATE SCHEMA IF NOT EXISTS "incentives";

CREATE TABLE IF NOT EXISTS "incentives".schema_version (
    version    integer PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);

-- One row per budget tree; locked FOR UPDATE by every ledger write, which orders the writers of one tree.
CREATE TABLE IF NOT EXISTS "incentives".trees (
    tree_id    text PRIMARY KEY,
    definition text NOT NULL,          -- canonical text of the tree, to refuse a changed tree under the same id
    currency   text NOT NULL,
    now_ticks  bigint NOT NULL,        -- the ledger's latest instant (Unix ticks)
    last_id    bigint NOT NULL DEFAULT 0
);

-- Per node totals; the CHECK makes the database itself refuse any write that would exceed a limit.
CREATE TABLE IF NOT EXISTS "incentives".nodes (
    tree_id    text NOT NULL REFERENCES "incentives".trees (tree_id),
    node_index integer NOT NULL,
    path       text NOT NULL,
    limit_units bigint NOT NULL,
    reserved   bigint NOT NULL DEFAULT 0,
    committed  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tree_id, node_index),
    CHECK (reserved >= 0 AND committed >= 0 AND reserved + committed <= limit_units)
);

-- Per node and campaign day (paced trees only).
CREATE TABLE IF NOT EXISTS "incentives".node_days (
    tree_id    text NOT NULL,
    node_index integer NOT NULL,
    day_index  integer NOT NULL,
    reserved   bigint NOT NULL DEFAULT 0,
    committed  bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (tree_id, node_index, day_index),
    CHECK (reserved >= 0 AND committed >= 0)
);

-- Participant usage per capped node: day_index -1 is the whole campaign.
CREATE TABLE IF NOT EXISTS "incentives".cap_usage (
    tree_id     text NOT NULL,
    participant text NOT NULL,
    node_index  integer NOT NULL,
    day_index   integer NOT NULL,
    amount      bigint NOT NULL DEFAULT 0,
    grants      integer NOT NULL DEFAULT 0,
    PRIMARY KEY (tree_id, participant, node_index, day_index),
    CHECK (amount >= 0 AND grants >= 0)
);

-- state (Incentives.Budgets.ReservationState): 1 held, 2 committed, 3 released, 4 expired.
CREATE TABLE IF NOT EXISTS "incentives".reservations (
    tree_id     text NOT NULL,
    id          bigint NOT NULL,
    idem_key    text NOT NULL,
    participant text NOT NULL,
    node_index  integer NOT NULL,
    day_index   integer NOT NULL,
    reserved    bigint NOT NULL,
    committed   bigint NOT NULL DEFAULT 0,
    refunded    bigint NOT NULL DEFAULT 0,
    state       smallint NOT NULL DEFAULT 1,
    reserved_at bigint NOT NULL,
    expires_at  bigint NOT NULL,
    settled_at  bigint,
    PRIMARY KEY (tree_id, id),
    CHECK (committed >= 0 AND refunded >= 0 AND committed + refunded <= reserved)
);

CREATE INDEX IF NOT EXISTS reservations_held_by_expiry
    ON "incentives".reservations (tree_id, expires_at) WHERE state = 1;

-- Idempotency keys: the primary key makes a second reservation under one key impossible.
-- kind: 0 reserve, 1 refund. A granted reservation has reservation_id set and no denial.
CREATE TABLE IF NOT EXISTS "incentives".idempotency_keys (
    tree_id          text NOT NULL,
    idem_key         text NOT NULL,
    kind             smallint NOT NULL,
    reservation_id   bigint NOT NULL,
    node_path        text,
    participant      text,
    amount           bigint NOT NULL,
    result_amount    bigint NOT NULL DEFAULT 0,
    result_returned  bigint NOT NULL DEFAULT 0,
    day_number       integer NOT NULL DEFAULT 0,
    denial_code      integer,
    denial_message   text,
    denial_node      text,
    denial_cap       integer,
    denial_remaining bigint,
    denial_grants    integer,
    decided_at       bigint NOT NULL,
    PRIMARY KEY (tree_id, idem_key)
);
