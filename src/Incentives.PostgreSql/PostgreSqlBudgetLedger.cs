using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Incentives.Budgets;
using NodaTime;
using Npgsql;
using NpgsqlTypes;

namespace Incentives.PostgreSql;

/// <summary>
/// An <see cref="IBudgetLedger"/> stored in PostgreSQL, shared by every process and server that opens the same tree id:
/// the same semantics as <see cref="InMemoryBudgetLedger"/> (it passes the same contract, model and concurrency suites).
/// </summary>
/// <remarks>
/// Every operation is one call of a server-side function (schema version 2) in autocommit: one round trip, one
/// transaction, all or nothing. Reservations, releases, refunds, partial commits and expiry lock the tree's root node
/// row first and then only the rows they touch, in one global order (reservation rows, the path root to leaf, its days,
/// the participant's caps, a clock shard), so they can never deadlock; a full commit changes no balance
/// row (a node keeps only <c>used = reserved + committed</c>) and locks only its reservation. Every check (each node on
/// the path, the day's released amount, every participant cap) is a guarded update or a read under the root row's lock.
/// The database also refuses on its own any node total above its limit (a CHECK constraint) and a second use of an
/// idempotency key (the primary key). Denials carry exactly the in-memory ledger's codes and words: on a refusal the
/// ledger reads the state once more and names the node, day or cap and what is left. Expired holds are returned by the
/// next operation on the tree (its instant moves the ledger's clock) or by <see cref="ExpireDueAsync"/>. Serialization
/// failures, deadlocks and lost connections are retried (<see cref="PostgreSqlLedgerOptions.MaxAttempts"/>); every
/// operation is safe to retry (keys and ids replay), and a retry that finds its own earlier success reports it as a
/// replay. When retries run out a <see cref="PostgreSqlLedgerException"/> says so. The root row is the throughput limit
/// of a tree's reservations: for hot budgets see <see cref="BudgetLease"/>, and <see cref="GrantAsync"/> for grants that
/// need no hold.
/// </remarks>
/// <threadsafety>All members are thread-safe and may be called from any number of processes at once.</threadsafety>
public sealed class PostgreSqlBudgetLedger : IBudgetLedger
{
    private const short Held = (short)ReservationState.Held;

    private readonly NpgsqlDataSource dataSource;
    private readonly PostgreSqlLedgerOptions options;
    private readonly string s;
    private readonly int dayCount;
    private readonly NodePlan[] plans;
    private readonly string reserveSql;
    private readonly string grantSql;
    private readonly string commitSql;
    private readonly string releaseSql;
    private readonly string refundSql;

    private PostgreSqlBudgetLedger(NpgsqlDataSource dataSource, BudgetTree tree, string treeId, PostgreSqlLedgerOptions options)
    {
        this.dataSource = dataSource;
        this.options = options;
        Tree = tree;
        TreeId = treeId;
        s = PostgreSqlLedgerSchema.Quote(options.Schema);
        dayCount = tree.DayCount;
        plans = [.. tree.Nodes.Select(n => new NodePlan(tree, n))];
        const string Reserve = "SELECT status, reservation_id, now_ticks FROM {0}.{1}($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)";
        const string Settlement = "SELECT {2}, is_found, last_id, now_ticks, node_index, day_index, participant, reserved, committed, refunded, state, expires_at FROM {0}.{1}";
        reserveSql = string.Format(CultureInfo.InvariantCulture, Reserve, s, "ledger_reserve");
        grantSql = string.Format(CultureInfo.InvariantCulture, Reserve, s, "ledger_grant");
        commitSql = string.Format(CultureInfo.InvariantCulture, Settlement, s, "ledger_commit", "applied") + "($1, $2, $4, $3)";
        releaseSql = string.Format(CultureInfo.InvariantCulture, Settlement, s, "ledger_release", "applied") + "($1, $2, $3)";
        refundSql = string.Format(CultureInfo.InvariantCulture, Settlement, s, "ledger_refund", "status") + "($1, $2, $3, $4, $5)";
    }

    /// <inheritdoc />
    public BudgetTree Tree { get; }

    /// <summary>The id under which the tree is stored in the database.</summary>
    public string TreeId { get; }

    /// <summary>
    /// Opens the ledger of <paramref name="tree"/> under <paramref name="treeId"/>: registers the tree on first use, and
    /// checks that a tree already stored under that id is the same tree. The schema must exist (see
    /// <see cref="PostgreSqlLedgerSchema.MigrateAsync"/>).
    /// </summary>
    /// <param name="dataSource">The database.</param>
    /// <param name="treeId">A stable id for the tree, e.g. the campaign id.</param>
    /// <param name="tree">The budget tree.</param>
    /// <param name="options">Schema and retry options; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ledger.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="treeId"/> is empty.</exception>
    /// <exception cref="PostgreSqlLedgerException">The database is unreachable, the schema is missing or older than
    /// <see cref="PostgreSqlLedgerSchema.CurrentVersion"/>, or a different tree is stored under <paramref name="treeId"/>.</exception>
    public static async Task<PostgreSqlBudgetLedger> OpenAsync(
        NpgsqlDataSource dataSource, string treeId, BudgetTree tree, PostgreSqlLedgerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        ArgumentException.ThrowIfNullOrEmpty(treeId);
        ArgumentNullException.ThrowIfNull(tree);
        options ??= new PostgreSqlLedgerOptions();
        PostgreSqlLedgerSchema.CheckSchema(options.Schema);
        var ledger = new PostgreSqlBudgetLedger(dataSource, tree, treeId, options);
        try
        {
            // Fail fast and clearly when the server cannot be reached or refuses the login (no retries at start).
            var probe = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await probe.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException)
        {
            throw PostgreSqlLedgerException.Unreachable(dataSource, e);
        }

        try
        {
            await ledger.EnsureTreeAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable || e.SqlState == PostgresErrorCodes.InvalidSchemaName)
        {
            throw new PostgreSqlLedgerException(
                $"The ledger schema \"{options.Schema}\" is missing: call PostgreSqlLedgerSchema.MigrateAsync (or run the package's sql/*.sql in order) first.", e);
        }

        return ledger;
    }

    /// <summary>The canonical text of a tree, stored with it to recognise a changed tree under the same id.</summary>
    /// <param name="tree">The tree.</param>
    /// <returns>One line per node with its limit, pacing and caps, after a line with the currency and window days.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> is null.</exception>
    public static string Describe(BudgetTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var text = new StringBuilder();
        text.Append(tree.Currency.Code);
        if (tree.Window is { } window)
        {
            foreach (var day in window.Days)
            {
                text.Append(CultureInfo.InvariantCulture, $" {day.Interval.Start}/{day.Interval.End}");
            }
        }

        foreach (var node in tree.Nodes)
        {
            text.Append('\n').Append(node.Path).Append(' ').Append(node.Limit.MinorUnits.ToString(CultureInfo.InvariantCulture));
            if (node.Pacing is { } pacing)
            {
                text.Append(CultureInfo.InvariantCulture, $" pacing rollOver={pacing.RollOver} within={pacing.WithinDay.Kind} days=");
                text.AppendJoin(',', node.DayAmountUnits);
                if (node.StepCumulativeUnits is { } steps)
                {
                    foreach (var day in steps)
                    {
                        text.Append(" steps=").AppendJoin(',', day);
                    }
                }
            }

            if (node.Caps is { } caps)
            {
                text.Append(CultureInfo.InvariantCulture, $" caps={caps.MaxAmountPerCampaign?.MinorUnits}/{caps.MaxGrantsPerCampaign}/{caps.MaxAmountPerDay?.MinorUnits}/{caps.MaxGrantsPerDay}");
            }
        }

        return text.ToString();
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The key or participant is empty, or the path is not in the tree.</exception>
    /// <exception cref="CurrencyMismatchException">The amount is not in the tree's currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not positive, or the expiry is not after the instant.</exception>
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<ReserveResult> ReserveAsync(ReserveRequest request, CancellationToken cancellationToken = default)
    {
        var node = LedgerArguments.CheckReserve(Tree, request);
        return new(Run((c, _, ct) => Reserve(c, request, node, reserveSql, ct), cancellationToken));
    }

    /// <summary>
    /// Reserves and commits in full in one transaction and one database round trip, for a grant that needs no hold (the
    /// money is paid out at once): the same checks, denials and idempotency as <see cref="ReserveAsync"/> followed by
    /// <see cref="CommitAsync"/> of the whole amount. Not part of <see cref="IBudgetLedger"/>.
    /// </summary>
    /// <remarks>
    /// A granted result's reservation is already committed (refund it like any commit). A retry with the same key replays
    /// the first outcome; use a key with one kind of call only (a key first used by <see cref="ReserveAsync"/> replays that
    /// reservation, held or not). <see cref="ReserveRequest.ExpiresAt"/> must still be after the instant: a request whose
    /// expiry is not after the ledger's time is refused as with <see cref="ReserveAsync"/>.
    /// </remarks>
    /// <param name="request">The grant: key, node, participant, amount, instant and expiry.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome: reserved (and committed) or denied with the reason.</returns>
    /// <exception cref="ArgumentException">The key or participant is empty, or the path is not in the tree.</exception>
    /// <exception cref="CurrencyMismatchException">The amount is not in the tree's currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not positive, or the expiry is not after the instant.</exception>
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<ReserveResult> GrantAsync(ReserveRequest request, CancellationToken cancellationToken = default)
    {
        var node = LedgerArguments.CheckReserve(Tree, request);
        return new(Run((c, _, ct) => Reserve(c, request, node, grantSql, ct), cancellationToken));
    }

    /// <inheritdoc />
    /// <exception cref="CurrencyMismatchException">The amount is not in the tree's currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not positive.</exception>
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<LedgerResult> CommitAsync(ReservationId id, Money amount, Instant instant, CancellationToken cancellationToken = default)
    {
        LedgerArguments.CheckAmount(Tree, amount, nameof(amount));
        return new(Run((c, _, ct) => Commit(c, id, amount, instant, ct), cancellationToken));
    }

    /// <inheritdoc />
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<LedgerResult> ReleaseAsync(ReservationId id, Instant instant, CancellationToken cancellationToken = default) =>
        new(Run((c, _, ct) => Release(c, id, instant, ct), cancellationToken));

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The key is empty.</exception>
    /// <exception cref="CurrencyMismatchException">The amount is not in the tree's currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not positive.</exception>
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<LedgerResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default)
    {
        LedgerArguments.CheckRefund(Tree, request);
        return new(Run((c, _, ct) => Refund(c, request, ct), cancellationToken));
    }

    /// <inheritdoc />
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<int> ExpireDueAsync(Instant now, CancellationToken cancellationToken = default) =>
        new(Run((c, _, ct) => Expire(c, now, ct), cancellationToken));

    /// <inheritdoc />
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<ReservationInfo?> GetReservationAsync(ReservationId id, CancellationToken cancellationToken = default) =>
        new(Run((c, t, ct) => GetReservation(c, t, id, ct), cancellationToken, readOnly: true));

    /// <inheritdoc />
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<LedgerSnapshot> GetSnapshotAsync(Instant at, CancellationToken cancellationToken = default) =>
        new(Run((c, t, ct) => GetSnapshot(c, t, at, ct), cancellationToken, readOnly: true));

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="participantId"/> is null.</exception>
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<IReadOnlyList<ParticipantCapUsage>> GetParticipantUsageAsync(string participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(participantId);
        return new(Run((c, t, ct) => GetParticipantUsage(c, t, participantId, ct), cancellationToken, readOnly: true));
    }

    /// <summary>
    /// Deletes what is only needed for retries of old requests, with the semantics of
    /// <see cref="InMemoryBudgetLedger.PruneSettled"/>: reservations settled (committed, released, expired or last
    /// refunded) before <paramref name="settledBefore"/>, their idempotency keys and successful refund keys, and the keys
    /// of reservations and refunds that were refused before it. Balances, days and participant caps do not change.
    /// </summary>
    /// <remarks>
    /// Held reservations are never deleted. A retried refund of a pruned reservation is refused as
    /// <see cref="BudgetDenialCode.UnknownReservation"/> (the message says it was pruned), so money is never refunded twice;
    /// a refused reservation whose key is pruned is decided afresh. A retry with the key of a pruned granted reservation
    /// is taken as a new request: choose a retention longer than any client retries and than the refund period. One
    /// statement, safe to run from any server at any time (e.g. nightly with <c>now - 30 days</c>).
    /// </remarks>
    /// <param name="settledBefore">The cut-off: records settled or refused strictly before it are deleted.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many reservations and idempotency records were deleted.</returns>
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<LedgerPruneResult> PruneSettledAsync(Instant settledBefore, CancellationToken cancellationToken = default) =>
        new(Run(
            async (c, _, ct) =>
            {
                await using var prune = Command(
                    c,
                    null,
                    $"WITH r AS (DELETE FROM {s}.reservations WHERE tree_id = @t AND state <> {Held} AND settled_at < @cut RETURNING id), " +
                    $"k AS (DELETE FROM {s}.idempotency_keys k WHERE k.tree_id = @t AND CASE WHEN k.denial_code IS NULL " +
                    $"THEN k.reservation_id IN (SELECT id FROM r) OR NOT EXISTS (SELECT 1 FROM {s}.reservations x WHERE x.tree_id = @t AND x.id = k.reservation_id) " +
                    "ELSE k.decided_at < @cut END RETURNING 1) " +
                    "SELECT (SELECT count(*) FROM r)::integer, (SELECT count(*) FROM k)::integer");
                prune.Parameters.AddWithValue("cut", settledBefore.ToUnixTimeTicks());
                await using var reader = await prune.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await reader.ReadAsync(ct).ConfigureAwait(false);
                return new LedgerPruneResult(reader.GetInt32(0), reader.GetInt32(1));
            },
            cancellationToken));

    private static bool IsTransient(Exception e) => e switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException n => n.IsTransient,
        TimeoutException => true,
        _ => false,
    };

    // Writes run in autocommit: each server-side function call is its own transaction (one round trip). Reads that need
    // one consistent view (snapshots) run in a repeatable-read transaction.
    private async Task<T> Run<T>(Func<NpgsqlConnection, NpgsqlTransaction?, CancellationToken, Task<T>> operation, CancellationToken cancellationToken, bool readOnly = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var sent = false;
            try
            {
                var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    if (!readOnly)
                    {
                        sent = true;
                        return await operation(connection, null, cancellationToken).ConfigureAwait(false);
                    }

                    var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
                    await using (transaction.ConfigureAwait(false))
                    {
                        var result = await operation(connection, transaction, cancellationToken).ConfigureAwait(false);
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        return result;
                    }
                }
            }
            catch (PostgresException e) when (e.SqlState == "P0002")
            {
                throw new PostgreSqlLedgerException(e.MessageText, e);
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                // A statement that was sent may have committed before the connection was lost.
                var unknown = sent && e is not PostgresException;
                if (attempt >= options.MaxAttempts)
                {
                    throw new PostgreSqlLedgerException(
                        $"The ledger operation on tree '{TreeId}' failed {attempt.ToString(CultureInfo.InvariantCulture)} times with a transient database error ({e.Message}); it was not applied{(unknown ? " unless its commit reached the server (retry with the same key or id: it replays)" : string.Empty)}.",
                        e) { OutcomeUnknown = unknown };
                }

                if (e is NpgsqlException { IsTransient: true } && e is not PostgresException)
                {
                    // After a lost connection (server restart, failover) other idle connections of the pool may be dead too.
                    dataSource.Clear();
                }

                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(200, 5 << attempt)), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("t", TreeId);
        return command;
    }

    private async Task EnsureTreeAsync(CancellationToken cancellationToken)
    {
        var definition = Describe(Tree);
        await Run(
            async (c, _, ct) =>
            {
                var transaction = await c.BeginTransactionAsync(ct).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    await using (var version = new NpgsqlCommand($"SELECT coalesce(max(version), 0) FROM {s}.schema_version", c, transaction))
                    {
                        var found = (int)(await version.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                        if (found < PostgreSqlLedgerSchema.CurrentVersion)
                        {
                            throw new PostgreSqlLedgerException(
                                $"The ledger schema \"{options.Schema}\" is at version {found.ToString(CultureInfo.InvariantCulture)}, older than this package's {PostgreSqlLedgerSchema.CurrentVersion.ToString(CultureInfo.InvariantCulture)}: call PostgreSqlLedgerSchema.MigrateAsync (or run the package's sql/*.sql in order) first.");
                        }
                    }

                    var created = false;
                    await using (var insert = Command(c, transaction, $"INSERT INTO {s}.trees (tree_id, definition, currency, now_ticks) VALUES (@t, @d, @cur, @now) ON CONFLICT (tree_id) DO NOTHING"))
                    {
                        insert.Parameters.AddWithValue("d", definition);
                        insert.Parameters.AddWithValue("cur", Tree.Currency.Code);
                        insert.Parameters.AddWithValue("now", Instant.MinValue.ToUnixTimeTicks());
                        created = await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
                    }

                    if (!created)
                    {
                        await using var read = Command(c, transaction, $"SELECT definition FROM {s}.trees WHERE tree_id = @t");
                        var stored = (string)(await read.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                        if (!string.Equals(stored, definition, StringComparison.Ordinal))
                        {
                            throw new PostgreSqlLedgerException(
                                $"A different budget tree is already stored under the id '{TreeId}'. A tree cannot change once it has a ledger; use a new tree id for a new tree.\nStored:\n{stored}\nGiven:\n{definition}");
                        }
                    }

                    var batch = new NpgsqlBatch(c, transaction);
                    await using (batch.ConfigureAwait(false))
                    {
                        foreach (var node in Tree.Nodes)
                        {
                            // A tree stored by schema version 1 gets its paths filled in on its first open under version 2.
                            var row = new NpgsqlBatchCommand(created
                                ? $"INSERT INTO {s}.nodes (tree_id, node_index, path, limit_units, ancestors, capped_ancestors) VALUES (@t, @i, @p, @l, @a, @c)"
                                : $"UPDATE {s}.nodes SET ancestors = @a, capped_ancestors = @c WHERE tree_id = @t AND node_index = @i AND ancestors IS NULL");
                            row.Parameters.AddWithValue("t", TreeId);
                            row.Parameters.AddWithValue("i", node.Index);
                            row.Parameters.AddWithValue("p", node.Path);
                            row.Parameters.AddWithValue("l", node.Limit.MinorUnits);
                            row.Parameters.AddWithValue("a", node.PathIndices);
                            row.Parameters.AddWithValue("c", plans[node.Index].Capped);
                            batch.BatchCommands.Add(row);
                        }

                        if (created && dayCount > 0)
                        {
                            var days = new NpgsqlBatchCommand($"INSERT INTO {s}.node_days (tree_id, node_index, day_index) SELECT @t, n, d FROM generate_series(0, @nodes - 1) n, generate_series(0, @days - 1) d");
                            days.Parameters.AddWithValue("t", TreeId);
                            days.Parameters.AddWithValue("nodes", Tree.Nodes.Count);
                            days.Parameters.AddWithValue("days", dayCount);
                            batch.BatchCommands.Add(days);
                        }

                        var clock = new NpgsqlBatchCommand(
                            $"INSERT INTO {s}.tree_clock (tree_id, shard, now_ticks) SELECT @t, g, @now FROM generate_series(0, 15) g ON CONFLICT DO NOTHING");
                        clock.Parameters.AddWithValue("t", TreeId);
                        clock.Parameters.AddWithValue("now", Instant.MinValue.ToUnixTimeTicks());
                        batch.BatchCommands.Add(clock);
                        await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    }

                    await transaction.CommitAsync(ct).ConfigureAwait(false);
                }

                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    private async Task<ReserveResult> Reserve(NpgsqlConnection c, ReserveRequest request, BudgetNode node, string sql, CancellationToken ct)
    {
        var amount = request.Amount.MinorUnits;
        var plan = plans[node.Index];
        var dayIndex = Tree.DayIndexOf(request.Instant);
        var pacedAt = request.Instant;
        for (var round = 1; ; round++)
        {
            int status;
            long id;
            Instant now;
            await using (var call = new NpgsqlCommand(sql, c))
            {
                var p = call.Parameters;
                p.Add(new NpgsqlParameter<string> { TypedValue = TreeId });
                p.Add(new NpgsqlParameter<string> { TypedValue = request.IdempotencyKey });
                p.Add(new NpgsqlParameter<string> { TypedValue = request.ParticipantId });
                p.Add(new NpgsqlParameter<int> { TypedValue = node.Index });
                p.Add(new NpgsqlParameter<int> { TypedValue = dayIndex });
                p.Add(new NpgsqlParameter<long> { TypedValue = amount });
                p.Add(new NpgsqlParameter<long> { TypedValue = request.Instant.ToUnixTimeTicks() });
                p.Add(new NpgsqlParameter<long> { TypedValue = request.ExpiresAt.ToUnixTimeTicks() });
                p.Add(new NpgsqlParameter<bool> { TypedValue = Tree.Window is not null && dayIndex < 0 });
                p.Add(new NpgsqlParameter<int[]> { TypedValue = node.PathIndices });
                p.Add(new NpgsqlParameter<int[]> { TypedValue = plan.Paced });
                p.Add(new NpgsqlParameter<bool[]> { TypedValue = plan.RollOver });
                p.Add(new NpgsqlParameter<long[]> { TypedValue = Released(plan, pacedAt) });
                p.Add(new NpgsqlParameter<int> { TypedValue = dayCount });
                p.Add(new NpgsqlParameter<int[]> { TypedValue = plan.Capped });
                p.Add(new NpgsqlParameter<long[]> { TypedValue = plan.CapAmount });
                p.Add(new NpgsqlParameter<int[]> { TypedValue = plan.CapGrants });
                p.Add(new NpgsqlParameter<long[]> { TypedValue = plan.CapDayAmount });
                p.Add(new NpgsqlParameter<int[]> { TypedValue = plan.CapDayGrants });
                p.Add(new NpgsqlParameter<string> { TypedValue = node.Path });
                await using var reader = await call.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await reader.ReadAsync(ct).ConfigureAwait(false);
                status = reader.GetInt32(0);
                id = reader.IsDBNull(1) ? 0 : reader.GetInt64(1);
                now = Instant.FromUnixTimeTicks(reader.GetInt64(2));
            }

            BudgetDenial? denial;
            switch (status)
            {
                case 0:
                    return ReserveResult.Reserved(new ReservationId(id), request.Amount, dayIndex + 1);
                case 1:
                    if (await ReadKey(c, request.IdempotencyKey, ct).ConfigureAwait(false) is not { } k)
                    {
                        continue;
                    }

                    if (k.Kind == 0 && k.NodePath == node.Path && k.Amount == amount && string.Equals(k.Participant, request.ParticipantId, StringComparison.Ordinal))
                    {
                        return (k.DenialCode is null
                            ? ReserveResult.Reserved(new ReservationId(k.ReservationId), Money(k.Amount), k.DayNumber)
                            : ReserveResult.Denied(k.Denial(this))).AsReplay();
                    }

                    return ReserveResult.Denied(LedgerDenials.KeyConflict(request.IdempotencyKey));
                case 3:
                    denial = LedgerDenials.AlreadyExpired(request.ExpiresAt, now);
                    break;
                case 4:
                    denial = LedgerDenials.OutsideWindow(request.Instant, Tree);
                    break;
                default:
                    // Refused by a limit: the precise reason (which node, day or cap, how much is left) from the state as it
                    // is now. When the state changed meanwhile and nothing refuses any more, try again at the ledger's time.
                    var state = await LoadPath(c, node, request.ParticipantId, ct).ConfigureAwait(false);
                    var at = state.Now > request.Instant ? state.Now : request.Instant;
                    denial = CheckNodes(state, node, dayIndex, amount, at) ?? (node.HasCapsOnPath ? CheckCaps(state, node, dayIndex, amount) : null);
                    if (denial is null)
                    {
                        pacedAt = at;
                        CheckRounds(round);
                        continue;
                    }

                    now = at;
                    break;
            }

            if (await RecordKey(c, request.IdempotencyKey, 0, 0, node.Path, request.ParticipantId, amount, 0, 0, 0, denial, now, ct).ConfigureAwait(false))
            {
                return ReserveResult.Denied(denial);
            }

            // The key was taken meanwhile (a retry of the same request, or another one): look again.
            CheckRounds(round);
        }
    }

    private void CheckRounds(int round)
    {
        if (round >= 100)
        {
            throw new InvalidOperationException($"The ledger of tree '{TreeId}' could not settle a decision in {round.ToString(CultureInfo.InvariantCulture)} rounds; the budget changes too fast.");
        }
    }

    // Released amount of every paced node on the path for every day at an instant (row-major: paced node, day).
    private long[] Released(NodePlan plan, Instant at)
    {
        if (plan.Paced.Length == 0)
        {
            return [];
        }

        var released = new long[plan.Paced.Length * dayCount];
        for (var k = 0; k < plan.Paced.Length; k++)
        {
            var node = Tree.Nodes[plan.Paced[k]];
            for (var d = 0; d < dayCount; d++)
            {
                released[(k * dayCount) + d] = Tree.ReleasedOnDay(node, d, at);
            }
        }

        return released;
    }

    private async Task<Settlement> Settle(NpgsqlConnection c, ReservationId id, long? units, Instant instant, CancellationToken ct)
    {
        await using var call = new NpgsqlCommand(units is null ? releaseSql : commitSql, c);
        call.Parameters.Add(new NpgsqlParameter<string> { TypedValue = TreeId });
        call.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id.Value });
        call.Parameters.Add(new NpgsqlParameter<long> { TypedValue = instant.ToUnixTimeTicks() });
        if (units is { } u)
        {
            call.Parameters.Add(new NpgsqlParameter<long> { TypedValue = u });
        }

        await using var reader = await call.ExecuteReaderAsync(ct).ConfigureAwait(false);
        await reader.ReadAsync(ct).ConfigureAwait(false);
        return ReadSettlement(reader, reader.GetBoolean(0));
    }

    // Columns: (applied or status), found, last_id, now_ticks, node_index, day_index, participant, reserved, committed,
    // refunded, state, expires_at.
    private Settlement ReadSettlement(NpgsqlDataReader reader, bool applied)
    {
        var found = reader.GetBoolean(1);
        return new Settlement(
            applied,
            found,
            reader.GetInt64(2),
            found ? Tree.Nodes[reader.GetInt32(4)] : Tree.Root,
            found ? reader.GetInt32(5) : -1,
            found ? reader.GetInt64(7) : 0,
            found ? reader.GetInt64(8) : 0,
            found ? reader.GetInt64(9) : 0,
            found ? (ReservationState)reader.GetInt16(10) : ReservationState.Held,
            found ? Instant.FromUnixTimeTicks(reader.GetInt64(11)) : default);
    }

    private async Task<LedgerResult> Commit(NpgsqlConnection c, ReservationId id, Money amount, Instant instant, CancellationToken ct)
    {
        var units = amount.MinorUnits;
        var r = await Settle(c, id, units, instant, ct).ConfigureAwait(false);
        if (!r.Found)
        {
            return LedgerResult.Refused(LedgerOperation.Commit, id, LedgerDenials.UnknownReservation(id, r.LastId));
        }

        if (r.Applied)
        {
            return LedgerResult.Done(LedgerOperation.Commit, id, Money(units), Money(r.Reserved - units), r.DayIndex + 1);
        }

        return r.State switch
        {
            ReservationState.Held => LedgerResult.Refused(LedgerOperation.Commit, id, new BudgetDenial(
                BudgetDenialCode.ExceedsReserved, $"{id} holds {Format(r.Reserved)}; {amount} cannot be committed.", r.Node.Path, remaining: Money(r.Reserved))),
            ReservationState.Committed when r.Committed + r.Refunded == units =>
                LedgerResult.Done(LedgerOperation.Commit, id, Money(units), Money(r.Reserved - units), r.DayIndex + 1).AsReplay(),
            _ => LedgerResult.Refused(LedgerOperation.Commit, id, LedgerDenials.NotHeld(id, r.State, r.ExpiresAt, r.Node.Path)),
        };
    }

    private async Task<LedgerResult> Release(NpgsqlConnection c, ReservationId id, Instant instant, CancellationToken ct)
    {
        var r = await Settle(c, id, null, instant, ct).ConfigureAwait(false);
        if (!r.Found)
        {
            return LedgerResult.Refused(LedgerOperation.Release, id, LedgerDenials.UnknownReservation(id, r.LastId));
        }

        return r.Applied
            ? LedgerResult.Done(LedgerOperation.Release, id, Money(0), Money(r.Reserved), r.DayIndex + 1)
            : r.State == ReservationState.Released
                ? LedgerResult.Done(LedgerOperation.Release, id, Money(0), Money(r.Reserved), r.DayIndex + 1).AsReplay()
                : LedgerResult.Refused(LedgerOperation.Release, id, LedgerDenials.NotHeld(id, r.State, r.ExpiresAt, r.Node.Path));
    }

    private async Task<LedgerResult> Refund(NpgsqlConnection c, RefundRequest request, CancellationToken ct)
    {
        var id = request.ReservationId;
        var units = request.Amount.MinorUnits;
        for (var round = 1; ; round++)
        {
            int status;
            Settlement r;
            Instant now;
            await using (var call = new NpgsqlCommand(refundSql, c))
            {
                call.Parameters.Add(new NpgsqlParameter<string> { TypedValue = TreeId });
                call.Parameters.Add(new NpgsqlParameter<string> { TypedValue = request.IdempotencyKey });
                call.Parameters.Add(new NpgsqlParameter<long> { TypedValue = id.Value });
                call.Parameters.Add(new NpgsqlParameter<long> { TypedValue = units });
                call.Parameters.Add(new NpgsqlParameter<long> { TypedValue = request.Instant.ToUnixTimeTicks() });
                await using var reader = await call.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await reader.ReadAsync(ct).ConfigureAwait(false);
                status = reader.GetInt32(0);
                now = Instant.FromUnixTimeTicks(reader.GetInt64(3));
                r = ReadSettlement(reader, false);
            }

            if (status == 0)
            {
                return LedgerResult.Done(LedgerOperation.Refund, id, request.Amount, request.Amount, r.DayIndex + 1);
            }

            if (status == 1)
            {
                if (await ReadKey(c, request.IdempotencyKey, ct).ConfigureAwait(false) is not { } k)
                {
                    CheckRounds(round);
                    continue;
                }

                return k.Kind == 1 && k.ReservationId == id.Value && k.Amount == units
                    ? (k.DenialCode is null
                        ? LedgerResult.Done(LedgerOperation.Refund, id, Money(k.ResultAmount), Money(k.ResultReturned), k.DayNumber)
                        : LedgerResult.Refused(LedgerOperation.Refund, id, k.Denial(this))).AsReplay()
                    : LedgerResult.Refused(LedgerOperation.Refund, id, LedgerDenials.KeyConflict(request.IdempotencyKey));
            }

            var denial = !r.Found
                ? LedgerDenials.UnknownReservation(id, r.LastId)
                : r.State != ReservationState.Committed
                    ? new BudgetDenial(BudgetDenialCode.NotCommitted, $"{id} is {r.State}, not committed; only committed grants can be refunded.", r.Node.Path)
                    : new BudgetDenial(BudgetDenialCode.ExceedsRefundable, $"{id} has {Format(r.Committed)} committed; {request.Amount} cannot be refunded.", r.Node.Path, remaining: Money(r.Committed));
            if (await RecordKey(c, request.IdempotencyKey, 1, id.Value, null, null, units, 0, 0, 0, denial, now, ct).ConfigureAwait(false))
            {
                return LedgerResult.Refused(LedgerOperation.Refund, id, denial);
            }

            CheckRounds(round);
        }
    }

    private async Task<int> Expire(NpgsqlConnection c, Instant now, CancellationToken ct)
    {
        await using var call = new NpgsqlCommand($"SELECT {s}.ledger_expire($1, $2)", c);
        call.Parameters.Add(new NpgsqlParameter<string> { TypedValue = TreeId });
        call.Parameters.Add(new NpgsqlParameter<long> { TypedValue = now.ToUnixTimeTicks() });
        return (int)(await call.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
    }

    // Records a refused request's outcome under its key, unless the key was taken meanwhile (then false).
    private async Task<bool> RecordKey(
        NpgsqlConnection c, string key, short kind, long reservationId, string? nodePath, string? participant, long amount, long resultAmount, long resultReturned, int dayNumber,
        BudgetDenial? denial, Instant now, CancellationToken ct)
    {
        await using var insert = Command(
            c,
            null,
            $"INSERT INTO {s}.idempotency_keys (tree_id, idem_key, kind, reservation_id, node_path, participant, amount, result_amount, result_returned, day_number, denial_code, denial_message, denial_node, denial_cap, denial_remaining, denial_grants, decided_at) " +
            "VALUES (@t, @k, @kind, @rid, @node, @p, @a, @ra, @rr, @day, @dc, @dm, @dn, @dcap, @drem, @dg, @now) ON CONFLICT DO NOTHING");
        insert.Parameters.AddWithValue("k", key);
        insert.Parameters.AddWithValue("kind", kind);
        insert.Parameters.AddWithValue("rid", reservationId);
        insert.Parameters.Add(new NpgsqlParameter<string?>("node", NpgsqlDbType.Text) { TypedValue = nodePath });
        insert.Parameters.Add(new NpgsqlParameter<string?>("p", NpgsqlDbType.Text) { TypedValue = participant });
        insert.Parameters.AddWithValue("a", amount);
        insert.Parameters.AddWithValue("ra", resultAmount);
        insert.Parameters.AddWithValue("rr", resultReturned);
        insert.Parameters.AddWithValue("day", dayNumber);
        insert.Parameters.Add(new NpgsqlParameter<int?>("dc", NpgsqlDbType.Integer) { TypedValue = denial is null ? null : (int)denial.Code });
        insert.Parameters.Add(new NpgsqlParameter<string?>("dm", NpgsqlDbType.Text) { TypedValue = denial?.Message });
        insert.Parameters.Add(new NpgsqlParameter<string?>("dn", NpgsqlDbType.Text) { TypedValue = denial?.NodePath });
        insert.Parameters.Add(new NpgsqlParameter<int?>("dcap", NpgsqlDbType.Integer) { TypedValue = denial?.Cap is { } cap ? (int)cap : null });
        insert.Parameters.Add(new NpgsqlParameter<long?>("drem", NpgsqlDbType.Bigint) { TypedValue = denial?.Remaining?.MinorUnits });
        insert.Parameters.Add(new NpgsqlParameter<int?>("dg", NpgsqlDbType.Integer) { TypedValue = denial?.RemainingGrants });
        insert.Parameters.AddWithValue("now", now.ToUnixTimeTicks());
        return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    private async Task<KeyRow?> ReadKey(NpgsqlConnection c, string key, CancellationToken ct)
    {
        await using var read = Command(
            c,
            null,
            $"SELECT kind, reservation_id, node_path, participant, amount, result_amount, result_returned, day_number, denial_code, denial_message, denial_node, denial_cap, denial_remaining, denial_grants FROM {s}.idempotency_keys WHERE tree_id = @t AND idem_key = @k");
        read.Parameters.AddWithValue("k", key);
        await using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await ReadKeyRow(reader, ct).ConfigureAwait(false);
    }

    // The path's balances, days and the participant's caps, and the ledger's time, in one consistent read (one statement
    // per result, in one repeatable-read transaction).
    private async Task<PathState> LoadPath(NpgsqlConnection c, BudgetNode leaf, string participant, CancellationToken ct)
    {
        var state = new PathState(Tree.Nodes.Count, dayCount);
        var transaction = await c.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var batch = new NpgsqlBatch(c, transaction);
            await using (batch.ConfigureAwait(false))
            {
                var now = new NpgsqlBatchCommand($"SELECT {s}.ledger_now(@t)");
                now.Parameters.AddWithValue("t", TreeId);
                batch.BatchCommands.Add(now);
                var nodes = new NpgsqlBatchCommand($"SELECT node_index, used FROM {s}.nodes WHERE tree_id = @t AND node_index = ANY(@path)");
                nodes.Parameters.AddWithValue("t", TreeId);
                nodes.Parameters.AddWithValue("path", leaf.PathIndices);
                batch.BatchCommands.Add(nodes);
                var days = new NpgsqlBatchCommand($"SELECT node_index, day_index, used FROM {s}.node_days WHERE tree_id = @t AND node_index = ANY(@path)");
                days.Parameters.AddWithValue("t", TreeId);
                days.Parameters.AddWithValue("path", leaf.PathIndices);
                batch.BatchCommands.Add(days);
                var caps = new NpgsqlBatchCommand($"SELECT node_index, day_index, amount, grants FROM {s}.cap_usage WHERE tree_id = @t AND participant = @p AND node_index = ANY(@path)");
                caps.Parameters.AddWithValue("t", TreeId);
                caps.Parameters.AddWithValue("p", participant);
                caps.Parameters.AddWithValue("path", leaf.PathIndices);
                batch.BatchCommands.Add(caps);
                await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await ReadClockAndBalances(reader, state, ct).ConfigureAwait(false);

                await reader.NextResultAsync(ct).ConfigureAwait(false);
                while (await reader.ReadAsync(ct).ConfigureAwait(false))
                {
                    state.Caps[(reader.GetInt32(0), reader.GetInt32(1))] = (reader.GetInt64(2), reader.GetInt32(3));
                }
            }

            await transaction.CommitAsync(ct).ConfigureAwait(false);
        }

        return state;
    }

    // Reads the first three results of a state batch: the ledger's time, the nodes' used amounts, the days' used amounts;
    // leaves the reader on the third result.
    private async Task ReadClockAndBalances(NpgsqlDataReader reader, PathState state, CancellationToken ct)
    {
        await reader.ReadAsync(ct).ConfigureAwait(false);
        state.Now = Instant.FromUnixTimeTicks(reader.GetInt64(0));
        await reader.NextResultAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            state.Used[reader.GetInt32(0)] = reader.GetInt64(1);
        }

        await reader.NextResultAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            state.DayUsed[(reader.GetInt32(0) * dayCount) + reader.GetInt32(1)] = reader.GetInt64(2);
        }
    }

    private async Task<ReservationInfo?> GetReservation(NpgsqlConnection c, NpgsqlTransaction? t, ReservationId id, CancellationToken ct) =>
        await Find(c, t, id, ct).ConfigureAwait(false) is { } r
            ? new ReservationInfo(id, r.Key, r.Node.Path, r.Participant, Money(r.Reserved), Money(r.Committed), Money(r.Refunded), r.State, r.DayIndex + 1, r.ReservedAt, r.ExpiresAt)
            : null;

    // Balances keep only what is used (reserved + committed); what is reserved is the sum of the held reservations, and
    // committed is the difference. Read in one repeatable-read transaction, so the two agree.
    private async Task<LedgerSnapshot> GetSnapshot(NpgsqlConnection c, NpgsqlTransaction? t, Instant at, CancellationToken ct)
    {
        var state = new PathState(Tree.Nodes.Count, dayCount);
        var batch = new NpgsqlBatch(c, t);
        await using (batch.ConfigureAwait(false))
        {
            var tree = new NpgsqlBatchCommand($"SELECT {s}.ledger_now(@t)");
            tree.Parameters.AddWithValue("t", TreeId);
            batch.BatchCommands.Add(tree);
            var nodes = new NpgsqlBatchCommand($"SELECT node_index, used FROM {s}.nodes WHERE tree_id = @t");
            nodes.Parameters.AddWithValue("t", TreeId);
            batch.BatchCommands.Add(nodes);
            var days = new NpgsqlBatchCommand($"SELECT node_index, day_index, used FROM {s}.node_days WHERE tree_id = @t");
            days.Parameters.AddWithValue("t", TreeId);
            batch.BatchCommands.Add(days);
            var held = new NpgsqlBatchCommand($"SELECT node_index, day_index, sum(reserved)::bigint FROM {s}.reservations WHERE tree_id = @t AND state = {Held} GROUP BY node_index, day_index");
            held.Parameters.AddWithValue("t", TreeId);
            batch.BatchCommands.Add(held);
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await ReadClockAndBalances(reader, state, ct).ConfigureAwait(false);

            await reader.NextResultAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var leaf = Tree.Nodes[reader.GetInt32(0)];
                var day = reader.GetInt32(1);
                var units = reader.GetInt64(2);
                foreach (var i in leaf.PathIndices)
                {
                    state.Reserved[i] += units;
                    if (day >= 0)
                    {
                        state.DayReserved[(i * dayCount) + day] += units;
                    }
                }
            }
        }

        var asOf = at > state.Now ? at : state.Now;
        var result = new BudgetNodeSnapshot[Tree.Nodes.Count];
        foreach (var node in Tree.Nodes)
        {
            result[node.Index] = SnapshotOf(state, node, asOf);
        }

        return new LedgerSnapshot(asOf, result);
    }

    private async Task<IReadOnlyList<ParticipantCapUsage>> GetParticipantUsage(NpgsqlConnection c, NpgsqlTransaction? t, string participant, CancellationToken ct)
    {
        var used = new Dictionary<(int Node, int Day), (long Amount, int Grants)>();
        await using (var read = Command(c, t, $"SELECT node_index, day_index, amount, grants FROM {s}.cap_usage WHERE tree_id = @t AND participant = @p"))
        {
            read.Parameters.AddWithValue("p", participant);
            await using var reader = await read.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                used[(reader.GetInt32(0), reader.GetInt32(1))] = (reader.GetInt64(2), reader.GetInt32(3));
            }
        }

        var result = new List<ParticipantCapUsage>();
        foreach (var node in Tree.Nodes)
        {
            if (node.Caps is not { } caps)
            {
                continue;
            }

            var total = used.GetValueOrDefault((node.Index, -1));
            if (caps.MaxAmountPerCampaign is { } maxAmount)
            {
                result.Add(new(node.Path, CapKind.AmountPerCampaign, 0, maxAmount.MinorUnits, total.Amount));
            }

            if (caps.MaxGrantsPerCampaign is { } maxGrants)
            {
                result.Add(new(node.Path, CapKind.GrantsPerCampaign, 0, maxGrants, total.Grants));
            }

            for (var d = 0; d < dayCount; d++)
            {
                var day = used.GetValueOrDefault((node.Index, d));
                if (caps.MaxAmountPerDay is { } dayAmount)
                {
                    result.Add(new(node.Path, CapKind.AmountPerDay, d + 1, dayAmount.MinorUnits, day.Amount));
                }

                if (caps.MaxGrantsPerDay is { } dayGrants)
                {
                    result.Add(new(node.Path, CapKind.GrantsPerDay, d + 1, dayGrants, day.Grants));
                }
            }
        }

        return result;
    }

    private BudgetDenial? CheckNodes(PathState state, BudgetNode leaf, int dayIndex, long amount, Instant now)
    {
        foreach (var i in leaf.PathIndices)
        {
            var node = Tree.Nodes[i];
            var left = node.Limit.MinorUnits - state.Used[i];
            if (amount > left)
            {
                return new BudgetDenial(
                    BudgetDenialCode.NodeLimitReached,
                    $"'{node.Path}' has {Format(Math.Max(0, left))} left of its limit {node.Limit}.",
                    node.Path,
                    remaining: Money(Math.Max(0, left)));
            }

            if (node.Pacing is not null)
            {
                var released = PacingHeadroom(state, node, dayIndex, now);
                if (amount > released)
                {
                    return new BudgetDenial(
                        BudgetDenialCode.PacingLimitReached,
                        $"'{node.Path}' has released only {Format(Math.Max(0, released))} more for day {(dayIndex + 1).ToString(CultureInfo.InvariantCulture)} so far.",
                        node.Path,
                        remaining: Money(Math.Max(0, released)));
                }
            }
        }

        return null;
    }

    private long PacingHeadroom(PathState state, BudgetNode node, int dayIndex, Instant now)
    {
        var baseIndex = node.Index * dayCount;
        if (!node.Pacing!.RollOver)
        {
            return Tree.ReleasedOnDay(node, dayIndex, now) - state.DayUsed[baseIndex + dayIndex];
        }

        long used = 0;
        long released = 0;
        var headroom = long.MaxValue;
        for (var k = 0; k < dayCount; k++)
        {
            used += state.DayUsed[baseIndex + k];
            released += Tree.ReleasedOnDay(node, k, now);
            if (k >= dayIndex)
            {
                headroom = Math.Min(headroom, released - used);
            }
        }

        return headroom;
    }

    private BudgetDenial? CheckCaps(PathState state, BudgetNode leaf, int dayIndex, long amount)
    {
        foreach (var i in leaf.PathIndices)
        {
            var node = Tree.Nodes[i];
            if (node.Caps is not { } caps)
            {
                continue;
            }

            var total = state.Caps.GetValueOrDefault((i, -1));
            var day = dayIndex >= 0 ? state.Caps.GetValueOrDefault((i, dayIndex)) : default;
            if (caps.MaxAmountPerCampaign is { } maxAmount && amount > maxAmount.MinorUnits - total.Amount)
            {
                return LedgerDenials.AmountCap(node, CapKind.AmountPerCampaign, maxAmount.MinorUnits - total.Amount, "over the campaign", Tree.Currency);
            }

            if (caps.MaxGrantsPerCampaign is { } maxGrants && total.Grants >= maxGrants)
            {
                return LedgerDenials.GrantCap(node, CapKind.GrantsPerCampaign, maxGrants - total.Grants, "over the campaign");
            }

            if (caps.MaxAmountPerDay is { } dayAmount && amount > dayAmount.MinorUnits - day.Amount)
            {
                return LedgerDenials.AmountCap(node, CapKind.AmountPerDay, dayAmount.MinorUnits - day.Amount, "on this day", Tree.Currency);
            }

            if (caps.MaxGrantsPerDay is { } dayGrants && day.Grants >= dayGrants)
            {
                return LedgerDenials.GrantCap(node, CapKind.GrantsPerDay, dayGrants - day.Grants, "on this day");
            }
        }

        return null;
    }

    private BudgetNodeSnapshot SnapshotOf(PathState state, BudgetNode node, Instant asOf)
    {
        var i = node.Index;
        var limit = node.Limit.MinorUnits;
        var reserved = state.Reserved[i];
        var committed = state.Used[i] - reserved;
        if (node.Pacing is null)
        {
            return new BudgetNodeSnapshot(node.Path, node.Limit, node.Limit, Money(reserved), Money(committed), Money(limit - state.Used[i]), []);
        }

        var days = new BudgetDaySnapshot[dayCount];
        long releasedTotal = 0;
        long usedBefore = 0;
        for (var d = 0; d < dayCount; d++)
        {
            var used = state.DayUsed[(i * dayCount) + d];
            var r = state.DayReserved[(i * dayCount) + d];
            var own = Tree.ReleasedOnDay(node, d, asOf);
            var carried = node.Pacing.RollOver ? releasedTotal - usedBefore : 0;
            releasedTotal += own;
            var dayLimit = node.DayAmountUnits[d] + carried;
            days[d] = new BudgetDaySnapshot(
                Tree.Window!.Days[d], Money(node.DayAmountUnits[d]), Money(carried), Money(dayLimit), Money(carried + own), Money(r), Money(used - r), Money(dayLimit - used));
            usedBefore += used;
        }

        return new BudgetNodeSnapshot(node.Path, node.Limit, Money(releasedTotal), Money(reserved), Money(committed), Money(limit - state.Used[i]), days);
    }

    private Money Money(long units) => new(units, Tree.Currency);

    private string Format(long units) => Money(units).ToString();

    private static async Task<KeyRow?> ReadKeyRow(NpgsqlDataReader reader, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        return new KeyRow(
            reader.GetInt16(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt32(7),
            reader.IsDBNull(8) ? null : reader.GetInt32(8), reader.IsDBNull(9) ? null : reader.GetString(9), reader.IsDBNull(10) ? null : reader.GetString(10),
            reader.IsDBNull(11) ? null : reader.GetInt32(11), reader.IsDBNull(12) ? null : reader.GetInt64(12), reader.IsDBNull(13) ? null : reader.GetInt32(13));
    }

    private NpgsqlBatchCommand FindCommand(ReservationId id)
    {
        var read = new NpgsqlBatchCommand(
            $"SELECT idem_key, participant, node_index, day_index, reserved, committed, refunded, state, reserved_at, expires_at FROM {s}.reservations WHERE tree_id = @t AND id = @id");
        read.Parameters.AddWithValue("t", TreeId);
        read.Parameters.AddWithValue("id", id.Value);
        return read;
    }

    private async Task<ReservationRow?> ReadReservation(NpgsqlDataReader reader, ReservationId id, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        return new ReservationRow(
            id, reader.GetString(0), reader.GetString(1), Tree.Nodes[reader.GetInt32(2)], reader.GetInt32(3), reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6),
            (ReservationState)reader.GetInt16(7), Instant.FromUnixTimeTicks(reader.GetInt64(8)), Instant.FromUnixTimeTicks(reader.GetInt64(9)));
    }

    private async Task<ReservationRow?> Find(NpgsqlConnection c, NpgsqlTransaction? t, ReservationId id, CancellationToken ct)
    {
        var batch = new NpgsqlBatch(c, t);
        await using (batch.ConfigureAwait(false))
        {
            batch.BatchCommands.Add(FindCommand(id));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await ReadReservation(reader, id, ct).ConfigureAwait(false);
        }
    }

    private sealed record KeyRow(
        short Kind, long ReservationId, string? NodePath, string? Participant, long Amount, long ResultAmount, long ResultReturned, int DayNumber,
        int? DenialCode, string? DenialMessage, string? DenialNode, int? DenialCap, long? DenialRemaining, int? DenialGrants)
    {
        public BudgetDenial Denial(PostgreSqlBudgetLedger ledger) => new(
            (BudgetDenialCode)DenialCode!.Value, DenialMessage!, DenialNode, (CapKind?)DenialCap, DenialRemaining is { } r ? ledger.Money(r) : null, DenialGrants);
    }

    private sealed record ReservationRow(
        ReservationId Id, string Key, string Participant, BudgetNode Node, int DayIndex, long Reserved, long Committed, long Refunded,
        ReservationState State, Instant ReservedAt, Instant ExpiresAt);

    // What a commit, release or refund function reports: whether it applied, and the reservation as it found it.
    private sealed record Settlement(
        bool Applied, bool Found, long LastId, BudgetNode Node, int DayIndex, long Reserved, long Committed, long Refunded, ReservationState State, Instant ExpiresAt);

    // What reserve passes to the server for a node, a pure function of the tree: the paced and capped nodes of its path
    // with their limits (no cap: the largest value).
    private sealed class NodePlan(BudgetTree tree, BudgetNode node)
    {
        public int[] Paced { get; } = [.. node.PathIndices.Where(i => tree.Nodes[i].Pacing is not null)];

        public bool[] RollOver { get; } = [.. node.PathIndices.Where(i => tree.Nodes[i].Pacing is not null).Select(i => tree.Nodes[i].Pacing!.RollOver)];

        public int[] Capped { get; } = [.. node.PathIndices.Where(i => tree.Nodes[i].Caps is not null)];

        public long[] CapAmount { get; } = [.. Caps(tree, node).Select(c => c.MaxAmountPerCampaign?.MinorUnits ?? long.MaxValue)];

        public int[] CapGrants { get; } = [.. Caps(tree, node).Select(c => c.MaxGrantsPerCampaign ?? int.MaxValue)];

        public long[] CapDayAmount { get; } = [.. Caps(tree, node).Select(c => c.MaxAmountPerDay?.MinorUnits ?? long.MaxValue)];

        public int[] CapDayGrants { get; } = [.. Caps(tree, node).Select(c => c.MaxGrantsPerDay ?? int.MaxValue)];

        private static IEnumerable<ParticipantCaps> Caps(BudgetTree tree, BudgetNode node) =>
            node.PathIndices.Select(i => tree.Nodes[i].Caps).OfType<ParticipantCaps>();
    }

    // Used: reserved + committed per node (and per node and day), as stored. Reserved (and DayReserved): the held
    // reservations, summed up the path (snapshots only). Caps: the participant's usage (refusal path only).
    private sealed class PathState(int nodes, int days)
    {
        public Instant Now { get; set; }

        public long[] Used { get; } = new long[nodes];

        public long[] Reserved { get; } = new long[nodes];

        public long[] DayUsed { get; } = new long[nodes * days];

        public long[] DayReserved { get; } = new long[nodes * days];

        public Dictionary<(int Node, int Day), (long Amount, int Grants)> Caps { get; } = [];
    }
}
