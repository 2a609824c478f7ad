-- Incentives.PostgreSql ledger schema, version 2: one round trip per ledger operation.
-- Run by PostgreSqlLedgerSchema.MigrateAsync after 001 (same schema renaming, recorded as version 2). DBAs who run
-- migrations themselves run 001 then this file, and insert versions 1 and 2 into "incentives".schema_version.
-- Running this file again changes nothing (every step checks what is already there).
--
-- What changes from version 1:
-- * Balances keep only the guarded quantity: used = reserved + committed (per node, per node and day). What is
--   reserved is derived from the held reservations, committed = used - reserved. A FULL commit therefore changes no
--   balance row: it only marks its reservation committed, and never waits on a hot node row.
-- * Each ledger operation is one server-side function called in autocommit (one round trip), see below.
-- * Locks are taken in one order by every function: the tree's root node row (which also carries the id counter), then
--   reservation rows, then the path's node rows below the root, root to leaf, then their day rows, then the
--   participant's cap rows, then one clock shard row. A full commit takes only its reservation row and a clock shard. No cycle is possible.
-- * The ledger's clock (the latest instant seen) is the maximum of the root row's now_ticks and 16 shard rows in tree_clock;
--   an operation advances the shard of its backend (pg_backend_pid() % 16), so commits do not share one row.
-- * The root row's next_expiry is a lower bound of the earliest expiry of a held reservation: an operation returns expired
--   holds only when that instant is due (no scan of the reservations otherwise).

ALTER TABLE "incentives".nodes ADD COLUMN IF NOT EXISTS used bigint;
ALTER TABLE "incentives".nodes ADD COLUMN IF NOT EXISTS ancestors integer[];          -- path node indices, root to leaf
ALTER TABLE "incentives".nodes ADD COLUMN IF NOT EXISTS capped_ancestors integer[];   -- those of them with participant caps
-- Only while the version 1 columns exist (a second run of this file finds them dropped).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = '"incentives".nodes'::regclass AND attname = 'reserved' AND NOT attisdropped) THEN
        UPDATE "incentives".nodes SET used = reserved + committed WHERE used IS NULL;
    END IF;
END
$$;
ALTER TABLE "incentives".nodes DROP COLUMN IF EXISTS reserved;
ALTER TABLE "incentives".nodes DROP COLUMN IF EXISTS committed;
ALTER TABLE "incentives".nodes ALTER COLUMN used SET DEFAULT 0;
ALTER TABLE "incentives".nodes ALTER COLUMN used SET NOT NULL;

ALTER TABLE "incentives".node_days ADD COLUMN IF NOT EXISTS used bigint;
-- Only while the version 1 columns exist (a second run of this file finds them dropped).
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_attribute WHERE attrelid = '"incentives".node_days'::regclass AND attname = 'reserved' AND NOT attisdropped) THEN
        UPDATE "incentives".node_days SET used = reserved + committed WHERE used IS NULL;
    END IF;
END
$$;
ALTER TABLE "incentives".node_days DROP COLUMN IF EXISTS reserved;
ALTER TABLE "incentives".node_days DROP COLUMN IF EXISTS committed;
ALTER TABLE "incentives".node_days ALTER COLUMN used SET DEFAULT 0;
ALTER TABLE "incentives".node_days ALTER COLUMN used SET NOT NULL;
-- Constraints are added only when missing, so that running this file twice changes nothing.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'nodes_used_within_limit'
                   AND conrelid = '"incentives".nodes'::regclass) THEN
        ALTER TABLE "incentives".nodes ADD CONSTRAINT nodes_used_within_limit CHECK (used >= 0 AND used <= limit_units);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'node_days_used_not_negative'
                   AND conrelid = '"incentives".node_days'::regclass) THEN
        ALTER TABLE "incentives".node_days ADD CONSTRAINT node_days_used_not_negative CHECK (used >= 0);
    END IF;
END
$$;

-- The root node row (node_index 0), which every reservation locks anyway, also carries the tree's reservation id
-- counter, the part of the clock that reservations advance, and next_expiry (trees.last_id and trees.now_ticks are no
-- longer written). Trees start "due" so that their first operation computes the true earliest held expiry.
ALTER TABLE "incentives".nodes ADD COLUMN IF NOT EXISTS last_id bigint NOT NULL DEFAULT 0;
ALTER TABLE "incentives".nodes ADD COLUMN IF NOT EXISTS now_ticks bigint NOT NULL DEFAULT (-9223372036854775807);
ALTER TABLE "incentives".nodes ADD COLUMN IF NOT EXISTS next_expiry bigint NOT NULL DEFAULT (-9223372036854775807);
-- greatest(): version 2 no longer writes trees.last_id, so a second run must never move the counter or the clock back.
UPDATE "incentives".nodes n SET last_id = greatest(n.last_id, t.last_id), now_ticks = greatest(n.now_ticks, t.now_ticks)
FROM "incentives".trees t WHERE n.tree_id = t.tree_id AND n.node_index = 0;

CREATE TABLE IF NOT EXISTS "incentives".tree_clock (
    tree_id   text NOT NULL,
    shard     smallint NOT NULL,
    now_ticks bigint NOT NULL,
    PRIMARY KEY (tree_id, shard)
);

INSERT INTO "incentives".tree_clock (tree_id, shard, now_ticks)
SELECT t.tree_id, s.shard, t.now_ticks FROM "incentives".trees t CROSS JOIN generate_series(0, 15) AS s(shard)
ON CONFLICT DO NOTHING;

-- The ledger's time of a tree: the latest instant any operation brought (Unix ticks).
CREATE OR REPLACE FUNCTION "incentives".ledger_now(p_tree text) RETURNS bigint
LANGUAGE sql STABLE AS $$
    SELECT greatest(n.now_ticks, (SELECT max(c.now_ticks) FROM "incentives".tree_clock c WHERE c.tree_id = p_tree))
    FROM "incentives".nodes n WHERE n.tree_id = p_tree AND n.node_index = 0
$$;

-- Moves the guarded balance of a node's path (and the day, and the participant's caps) by a delta. Callers hold the
-- root row lock; rows are updated root to leaf.
CREATE OR REPLACE FUNCTION "incentives".move_used(
    p_tree text, p_path integer[], p_capped integer[], p_day integer, p_participant text,
    p_used bigint, p_cap_amount bigint, p_cap_grants integer) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    v_i integer;
BEGIN
    IF p_used <> 0 THEN
        FOREACH v_i IN ARRAY p_path LOOP
            UPDATE "incentives".nodes SET used = used + p_used WHERE tree_id = p_tree AND node_index = v_i;
        END LOOP;
        IF p_day >= 0 THEN
            FOREACH v_i IN ARRAY p_path LOOP
                UPDATE "incentives".node_days SET used = used + p_used WHERE tree_id = p_tree AND node_index = v_i AND day_index = p_day;
            END LOOP;
        END IF;
    END IF;

    IF (p_cap_amount <> 0 OR p_cap_grants <> 0) AND cardinality(p_capped) > 0 THEN
        FOREACH v_i IN ARRAY p_capped LOOP
            IF p_cap_amount >= 0 AND p_cap_grants >= 0 THEN
                INSERT INTO "incentives".cap_usage AS u (tree_id, participant, node_index, day_index, amount, grants)
                VALUES (p_tree, p_participant, v_i, -1, p_cap_amount, p_cap_grants)
                ON CONFLICT (tree_id, participant, node_index, day_index)
                DO UPDATE SET amount = u.amount + excluded.amount, grants = u.grants + excluded.grants;
                IF p_day >= 0 THEN
                    INSERT INTO "incentives".cap_usage AS u (tree_id, participant, node_index, day_index, amount, grants)
                    VALUES (p_tree, p_participant, v_i, p_day, p_cap_amount, p_cap_grants)
                    ON CONFLICT (tree_id, participant, node_index, day_index)
                    DO UPDATE SET amount = u.amount + excluded.amount, grants = u.grants + excluded.grants;
                END IF;
            ELSE
                -- A give-back always finds its rows (PostgreSQL would check an upsert's proposed negative row first).
                UPDATE "incentives".cap_usage SET amount = amount + p_cap_amount, grants = grants + p_cap_grants
                WHERE tree_id = p_tree AND participant = p_participant AND node_index = v_i AND day_index = -1;
                IF p_day >= 0 THEN
                    UPDATE "incentives".cap_usage SET amount = amount + p_cap_amount, grants = grants + p_cap_grants
                    WHERE tree_id = p_tree AND participant = p_participant AND node_index = v_i AND day_index = p_day;
                END IF;
            END IF;
        END LOOP;
    END IF;
END
$$;

-- Locks the tree's root row: every operation that changes a balance takes it first, which orders them.
CREATE OR REPLACE FUNCTION "incentives".lock_tree(p_tree text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM 1 FROM "incentives".nodes WHERE tree_id = p_tree AND node_index = 0 FOR UPDATE;
    IF NOT FOUND THEN
        RAISE EXCEPTION 'The tree ''%'' is not in the database; open the ledger with PostgreSqlBudgetLedger.OpenAsync.', p_tree
            USING ERRCODE = 'P0002';
    END IF;
END
$$;

-- Advances the clock shard of this backend to p_now (never backwards). Called last: a shard row is never held while
-- waiting for another lock.
CREATE OR REPLACE FUNCTION "incentives".advance_clock(p_tree text, p_now bigint) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE "incentives".tree_clock SET now_ticks = p_now
    WHERE tree_id = p_tree AND shard = pg_backend_pid() % 16 AND now_ticks < p_now;
END
$$;

-- Returns every hold due by p_now to its budget (state 4 expired, settled at its own expiry) and recomputes
-- the root row's next_expiry. Takes the root row lock first; returns how many holds expired.
CREATE OR REPLACE FUNCTION "incentives".expire_due(p_tree text, p_now bigint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_nodes integer[];
    v_days integer[];
    v_participants text[];
    v_amounts bigint[];
    v_path integer[];
    v_capped integer[];
    v_k integer;
BEGIN
    PERFORM "incentives".lock_tree(p_tree);
    WITH e AS (
        UPDATE "incentives".reservations SET state = 4, settled_at = expires_at
        WHERE tree_id = p_tree AND state = 1 AND expires_at <= p_now
        RETURNING id, node_index, day_index, participant, reserved)
    SELECT array_agg(node_index ORDER BY id), array_agg(day_index ORDER BY id), array_agg(participant ORDER BY id), array_agg(reserved ORDER BY id)
    INTO v_nodes, v_days, v_participants, v_amounts FROM e;

    FOR v_k IN 1 .. coalesce(cardinality(v_nodes), 0) LOOP
        SELECT ancestors, capped_ancestors INTO v_path, v_capped FROM "incentives".nodes WHERE tree_id = p_tree AND node_index = v_nodes[v_k];
        PERFORM "incentives".move_used(p_tree, v_path, v_capped, v_days[v_k], v_participants[v_k], -v_amounts[v_k], -v_amounts[v_k], -1);
    END LOOP;

    UPDATE "incentives".nodes
    SET next_expiry = coalesce((SELECT min(expires_at) FROM "incentives".reservations WHERE tree_id = p_tree AND state = 1), 9223372036854775807)
    WHERE tree_id = p_tree AND node_index = 0;
    RETURN coalesce(cardinality(v_nodes), 0);
END
$$;

-- Reserve. status: 0 reserved (id), 1 the key exists (the caller reads it and replays or refuses), 2 refused by a
-- node limit, the day's release or a cap (the caller computes the precise reason and records it), 3 the expiry is
-- not after the ledger's time, 4 outside the campaign window (the caller records the denial).
-- p_path: the node's path root to leaf; p_capped: those nodes with caps, with their limits in the p_cap_* arrays;
-- p_paced: the path nodes with pacing, p_rollover for each, p_released their released amount for every day
-- (p_paced length x days, row-major) computed by the caller at the request's instant or later. Releases grow with
-- time, so a grant checked against an instant before the ledger's time is safe; a refusal is re-checked by the caller
-- at the ledger's time. Nothing is locked before the root row's guarded update.
CREATE OR REPLACE FUNCTION "incentives".ledger_reserve(
    p_tree text, p_key text, p_participant text, p_node integer, p_day integer, p_amount bigint,
    p_instant bigint, p_expires bigint, p_outside boolean,
    p_path integer[], p_paced integer[], p_rollover boolean[], p_released bigint[], p_days integer,
    p_capped integer[], p_cap_amount bigint[], p_cap_grants integer[], p_cap_day_amount bigint[], p_cap_day_grants integer[],
    p_node_path text,
    OUT status integer, OUT reservation_id bigint, OUT now_ticks bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_next bigint;
    v_exists boolean;
    v_used bigint;
    v_cum_used bigint;
    v_cum_released bigint;
    v_headroom bigint;
    v_amount bigint;
    v_grants integer;
    v_done integer := 0;
    v_k integer;
    v_d record;
BEGIN
    -- Nothing is locked yet: the ledger's time, whether holds are due, whether the key is known.
    SELECT greatest(p_instant, n.now_ticks, (SELECT max(c.now_ticks) FROM "incentives".tree_clock c WHERE c.tree_id = p_tree)), n.next_expiry,
           EXISTS (SELECT 1 FROM "incentives".idempotency_keys k WHERE k.tree_id = p_tree AND k.idem_key = p_key)
    INTO now_ticks, v_next, v_exists
    FROM "incentives".nodes n WHERE n.tree_id = p_tree AND n.node_index = 0;
    IF NOT FOUND THEN
        PERFORM "incentives".lock_tree(p_tree); -- raises: the tree is not in the database
    END IF;
    IF v_next <= now_ticks THEN
        PERFORM "incentives".expire_due(p_tree, now_ticks);
    END IF;

    status := 0;
    IF v_exists THEN
        status := 1;
    ELSIF p_expires <= now_ticks THEN
        status := 3;
    ELSIF p_outside THEN
        status := 4;
    ELSE
        -- Guarded updates root to leaf: the root row's lock is the point where reservations of one tree are ordered;
        -- everything read after it (days, caps) is current.
        FOREACH v_k IN ARRAY p_path LOOP
            IF v_k = 0 THEN
                -- The root row: also the id counter, the clock and the earliest held expiry, in the same update.
                UPDATE "incentives".nodes n
                SET used = n.used + p_amount, last_id = n.last_id + 1, next_expiry = least(n.next_expiry, p_expires),
                    now_ticks = greatest(n.now_ticks, ledger_reserve.now_ticks)
                WHERE n.tree_id = p_tree AND n.node_index = 0 AND n.used + p_amount <= n.limit_units
                RETURNING n.last_id INTO reservation_id;
            ELSE
                UPDATE "incentives".nodes SET used = used + p_amount
                WHERE tree_id = p_tree AND node_index = v_k AND used + p_amount <= limit_units;
            END IF;
            IF NOT FOUND THEN
                status := 2;
                EXIT;
            END IF;
            v_done := v_done + 1;
        END LOOP;
    END IF;

    FOR v_k IN 1 .. coalesce(cardinality(p_paced), 0) LOOP
        EXIT WHEN status <> 0;
        IF p_rollover[v_k] THEN
            v_cum_used := 0;
            v_cum_released := 0;
            v_headroom := 9223372036854775807;
            FOR v_d IN SELECT d.day_index, d.used FROM "incentives".node_days d
                       WHERE d.tree_id = p_tree AND d.node_index = p_paced[v_k] ORDER BY d.day_index LOOP
                v_cum_used := v_cum_used + v_d.used;
                v_cum_released := v_cum_released + p_released[(v_k - 1) * p_days + v_d.day_index + 1];
                IF v_d.day_index >= p_day THEN
                    v_headroom := least(v_headroom, v_cum_released - v_cum_used);
                END IF;
            END LOOP;
        ELSE
            SELECT d.used INTO v_used FROM "incentives".node_days d WHERE d.tree_id = p_tree AND d.node_index = p_paced[v_k] AND d.day_index = p_day;
            v_headroom := p_released[(v_k - 1) * p_days + p_day + 1] - v_used;
        END IF;
        IF p_amount > v_headroom THEN
            status := 2;
        END IF;
    END LOOP;

    FOR v_k IN 1 .. coalesce(cardinality(p_capped), 0) LOOP
        EXIT WHEN status <> 0;
        SELECT u.amount, u.grants INTO v_amount, v_grants FROM "incentives".cap_usage u
        WHERE u.tree_id = p_tree AND u.participant = p_participant AND u.node_index = p_capped[v_k] AND u.day_index = -1;
        IF p_amount > p_cap_amount[v_k] - coalesce(v_amount, 0) OR coalesce(v_grants, 0) >= p_cap_grants[v_k] THEN
            status := 2;
        ELSIF p_day >= 0 THEN
            SELECT u.amount, u.grants INTO v_amount, v_grants FROM "incentives".cap_usage u
            WHERE u.tree_id = p_tree AND u.participant = p_participant AND u.node_index = p_capped[v_k] AND u.day_index = p_day;
            IF p_amount > p_cap_day_amount[v_k] - coalesce(v_amount, 0) OR coalesce(v_grants, 0) >= p_cap_day_grants[v_k] THEN
                status := 2;
            END IF;
        END IF;
    END LOOP;

    IF status = 2 AND v_done > 0 THEN
        -- Refused after some nodes took the amount: give it back (the rows are still locked by this transaction).
        UPDATE "incentives".nodes SET used = used - p_amount, last_id = last_id - CASE WHEN node_index = 0 THEN 1 ELSE 0 END
        WHERE tree_id = p_tree AND node_index = ANY (p_path[1:v_done]);
        reservation_id := NULL;
    END IF;

    IF status = 0 THEN
        IF p_day >= 0 THEN
            FOREACH v_k IN ARRAY p_path LOOP
                UPDATE "incentives".node_days SET used = used + p_amount WHERE tree_id = p_tree AND node_index = v_k AND day_index = p_day;
            END LOOP;
        END IF;
        IF cardinality(p_capped) > 0 THEN
            PERFORM "incentives".move_used(p_tree, '{}', p_capped, p_day, p_participant, 0, p_amount, 1);
        END IF;
        INSERT INTO "incentives".reservations (tree_id, id, idem_key, participant, node_index, day_index, reserved, reserved_at, expires_at)
        VALUES (p_tree, reservation_id, p_key, p_participant, p_node, p_day, p_amount, p_instant, p_expires);
        INSERT INTO "incentives".idempotency_keys (tree_id, idem_key, kind, reservation_id, node_path, participant, amount, result_amount, day_number, decided_at)
        VALUES (p_tree, p_key, 0, reservation_id, p_node_path, p_participant, p_amount, p_amount, p_day + 1, now_ticks)
        ON CONFLICT DO NOTHING;
        IF NOT FOUND THEN
            -- The same key was taken at the same moment (a retry, or a refund): undo everything; the retry replays or refuses.
            RAISE EXCEPTION 'The idempotency key ''%'' was taken concurrently.', p_key USING ERRCODE = '40001';
        END IF;
    ELSE
        PERFORM "incentives".advance_clock(p_tree, now_ticks);
    END IF;
END
$$;

-- Commit. applied: the reservation was held and is now committed with p_units. Otherwise the reservation as it is
-- (is_found = false when there is none; last_id tells a pruned id from one never issued). A full commit changes no
-- balance row; a partial one gives the rest back (root row lock first).
CREATE OR REPLACE FUNCTION "incentives".ledger_commit(
    p_tree text, p_id bigint, p_units bigint, p_instant bigint,
    OUT applied boolean, OUT is_found boolean, OUT last_id bigint, OUT now_ticks bigint,
    OUT node_index integer, OUT day_index integer, OUT participant text, OUT reserved bigint, OUT committed bigint,
    OUT refunded bigint, OUT state smallint, OUT expires_at bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_next bigint;
    v_path integer[];
    v_capped integer[];
BEGIN
    applied := false;
    SELECT greatest(p_instant, n.now_ticks, (SELECT max(c.now_ticks) FROM "incentives".tree_clock c WHERE c.tree_id = p_tree)), n.next_expiry, n.last_id
    INTO now_ticks, v_next, last_id
    FROM "incentives".nodes n WHERE n.tree_id = p_tree AND n.node_index = 0;
    IF NOT FOUND THEN
        PERFORM "incentives".lock_tree(p_tree); -- raises: the tree is not in the database
    END IF;
    IF v_next <= now_ticks THEN
        PERFORM "incentives".expire_due(p_tree, now_ticks);
    END IF;

    -- A full commit of a held reservation: its own row only, no balance row (used = reserved + committed is unchanged).
    UPDATE "incentives".reservations r SET state = 2, committed = p_units, settled_at = now_ticks
    WHERE r.tree_id = p_tree AND r.id = p_id AND r.state = 1 AND r.reserved = p_units
    RETURNING r.node_index, r.day_index, r.participant, r.reserved, r.committed, r.refunded, r.state, r.expires_at
    INTO node_index, day_index, participant, reserved, committed, refunded, state, expires_at;
    IF FOUND THEN
        applied := true;
        is_found := true;
    ELSE
        LOOP
            SELECT r.node_index, r.day_index, r.participant, r.reserved, r.committed, r.refunded, r.state, r.expires_at
            INTO node_index, day_index, participant, reserved, committed, refunded, state, expires_at
            FROM "incentives".reservations r WHERE r.tree_id = p_tree AND r.id = p_id;
            is_found := FOUND;
            EXIT WHEN NOT is_found OR state <> 1 OR p_units > reserved;
            -- A partial commit gives the rest back: root row lock first, then this reservation, then the path.
            PERFORM "incentives".lock_tree(p_tree);
            UPDATE "incentives".reservations r SET state = 2, committed = p_units, settled_at = now_ticks
            WHERE r.tree_id = p_tree AND r.id = p_id AND r.state = 1;
            IF FOUND THEN
                SELECT n.ancestors, n.capped_ancestors INTO v_path, v_capped
                FROM "incentives".nodes n WHERE n.tree_id = p_tree AND n.node_index = ledger_commit.node_index;
                PERFORM "incentives".move_used(p_tree, v_path, v_capped, day_index, participant, p_units - reserved, p_units - reserved, 0);
                applied := true;
                EXIT;
            END IF;
            -- It changed under us (expired or released at the same moment): look again.
        END LOOP;
    END IF;

    UPDATE "incentives".tree_clock c SET now_ticks = ledger_commit.now_ticks
    WHERE c.tree_id = p_tree AND c.shard = pg_backend_pid() % 16 AND c.now_ticks < ledger_commit.now_ticks;
END
$$;

-- Release: gives a held reservation back. Same outputs as commit.
CREATE OR REPLACE FUNCTION "incentives".ledger_release(
    p_tree text, p_id bigint, p_instant bigint,
    OUT applied boolean, OUT is_found boolean, OUT last_id bigint, OUT now_ticks bigint,
    OUT node_index integer, OUT day_index integer, OUT participant text, OUT reserved bigint, OUT committed bigint,
    OUT refunded bigint, OUT state smallint, OUT expires_at bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_next bigint;
    v_path integer[];
    v_capped integer[];
BEGIN
    applied := false;
    PERFORM "incentives".lock_tree(p_tree);
    SELECT greatest(p_instant, "incentives".ledger_now(p_tree)), n.next_expiry, n.last_id INTO now_ticks, v_next, last_id
    FROM "incentives".nodes n WHERE n.tree_id = p_tree AND n.node_index = 0;
    IF v_next <= now_ticks THEN
        PERFORM "incentives".expire_due(p_tree, now_ticks);
    END IF;

    SELECT r.node_index, r.day_index, r.participant, r.reserved, r.committed, r.refunded, r.state, r.expires_at
    INTO node_index, day_index, participant, reserved, committed, refunded, state, expires_at
    FROM "incentives".reservations r WHERE r.tree_id = p_tree AND r.id = p_id FOR UPDATE;
    is_found := FOUND;
    IF is_found AND state = 1 THEN
        UPDATE "incentives".reservations r SET state = 3, settled_at = now_ticks WHERE r.tree_id = p_tree AND r.id = p_id;
        SELECT n.ancestors, n.capped_ancestors INTO v_path, v_capped
        FROM "incentives".nodes n WHERE n.tree_id = p_tree AND n.node_index = ledger_release.node_index;
        PERFORM "incentives".move_used(p_tree, v_path, v_capped, day_index, participant, -reserved, -reserved, -1);
        applied := true;
    END IF;

    PERFORM "incentives".advance_clock(p_tree, now_ticks);
END
$$;

-- Refund. status: 0 refunded (and the key recorded), 1 the key exists (the caller replays or refuses), 2 refused
-- (the caller records the denial; is_found/state/committed say why).
CREATE OR REPLACE FUNCTION "incentives".ledger_refund(
    p_tree text, p_key text, p_id bigint, p_units bigint, p_instant bigint,
    OUT status integer, OUT is_found boolean, OUT last_id bigint, OUT now_ticks bigint,
    OUT node_index integer, OUT day_index integer, OUT participant text, OUT reserved bigint, OUT committed bigint,
    OUT refunded bigint, OUT state smallint, OUT expires_at bigint)
LANGUAGE plpgsql AS $$
DECLARE
    v_next bigint;
    v_path integer[];
    v_capped integer[];
BEGIN
    PERFORM "incentives".lock_tree(p_tree);
    SELECT greatest(p_instant, "incentives".ledger_now(p_tree)), n.next_expiry, n.last_id INTO now_ticks, v_next, last_id
    FROM "incentives".nodes n WHERE n.tree_id = p_tree AND n.node_index = 0;
    IF v_next <= now_ticks THEN
        PERFORM "incentives".expire_due(p_tree, now_ticks);
    END IF;

    status := 2;
    is_found := false;
    IF EXISTS (SELECT 1 FROM "incentives".idempotency_keys k WHERE k.tree_id = p_tree AND k.idem_key = p_key) THEN
        status := 1;
    ELSE
        SELECT r.node_index, r.day_index, r.participant, r.reserved, r.committed, r.refunded, r.state, r.expires_at
        INTO node_index, day_index, participant, reserved, committed, refunded, state, expires_at
        FROM "incentives".reservations r WHERE r.tree_id = p_tree AND r.id = p_id FOR UPDATE;
        is_found := FOUND;
        IF is_found AND state = 2 AND p_units <= committed THEN
            UPDATE "incentives".reservations r SET committed = r.committed - p_units, refunded = r.refunded + p_units, settled_at = now_ticks
            WHERE r.tree_id = p_tree AND r.id = p_id;
            SELECT n.ancestors, n.capped_ancestors INTO v_path, v_capped
            FROM "incentives".nodes n WHERE n.tree_id = p_tree AND n.node_index = ledger_refund.node_index;
            PERFORM "incentives".move_used(p_tree, v_path, v_capped, day_index, participant, -p_units, -p_units,
                CASE WHEN committed = p_units THEN -1 ELSE 0 END);
            INSERT INTO "incentives".idempotency_keys (tree_id, idem_key, kind, reservation_id, amount, result_amount, result_returned, day_number, decided_at)
            VALUES (p_tree, p_key, 1, p_id, p_units, p_units, p_units, day_index + 1, now_ticks)
            ON CONFLICT DO NOTHING;
            IF NOT FOUND THEN
                RAISE EXCEPTION 'The idempotency key ''%'' was taken concurrently.', p_key USING ERRCODE = '40001';
            END IF;
            status := 0;
        END IF;
    END IF;

    PERFORM "incentives".advance_clock(p_tree, now_ticks);
END
$$;

-- The expiry sweep: advances the ledger's time to p_now and returns every hold due by then.
CREATE OR REPLACE FUNCTION "incentives".ledger_expire(p_tree text, p_now bigint) RETURNS integer
LANGUAGE plpgsql AS $$
DECLARE
    v_now bigint;
    v_count integer;
BEGIN
    PERFORM "incentives".lock_tree(p_tree);
    v_now := greatest(p_now, "incentives".ledger_now(p_tree));
    v_count := "incentives".expire_due(p_tree, v_now);
    PERFORM "incentives".advance_clock(p_tree, v_now);
    RETURN v_count;
END
$$;

-- Grant: reserve and commit in full in one transaction, for a grant that needs no hold. Same inputs and statuses as
-- ledger_reserve; on status 0 the reservation is already committed (its own row only: no balance row moves twice).
CREATE OR REPLACE FUNCTION "incentives".ledger_grant(
    p_tree text, p_key text, p_participant text, p_node integer, p_day integer, p_amount bigint,
    p_instant bigint, p_expires bigint, p_outside boolean,
    p_path integer[], p_paced integer[], p_rollover boolean[], p_released bigint[], p_days integer,
    p_capped integer[], p_cap_amount bigint[], p_cap_grants integer[], p_cap_day_amount bigint[], p_cap_day_grants integer[],
    p_node_path text,
    OUT status integer, OUT reservation_id bigint, OUT now_ticks bigint)
LANGUAGE plpgsql AS $$
BEGIN
    SELECT r.status, r.reservation_id, r.now_ticks INTO status, reservation_id, now_ticks
    FROM "incentives".ledger_reserve(p_tree, p_key, p_participant, p_node, p_day, p_amount, p_instant, p_expires, p_outside,
        p_path, p_paced, p_rollover, p_released, p_days, p_capped, p_cap_amount, p_cap_grants, p_cap_day_amount, p_cap_day_grants, p_node_path) r;
    IF status = 0 THEN
        UPDATE "incentives".reservations r SET state = 2, committed = r.reserved, settled_at = now_ticks
        WHERE r.tree_id = p_tree AND r.id = reservation_id;
    END IF;
END
$$;
