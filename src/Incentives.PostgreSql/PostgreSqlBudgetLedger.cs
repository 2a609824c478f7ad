using System;
using System.Collections.Generic;
using System.Globalization;
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
/// Every operation is one transaction. It first locks the tree's row (<c>SELECT ... FOR UPDATE</c>): all writers of one
/// tree take that one lock first, so they are ordered and can never deadlock, and every check (each node on the path,
/// the day's released amount, every participant cap) and every write happen in that transaction, all or nothing. The
/// database also refuses on its own any node total above its limit (a CHECK constraint) and a second use of an
/// idempotency key (the primary key). Expired holds are returned by the next operation on the tree (its instant moves the
/// ledger's clock) or by <see cref="ExpireDueAsync"/>. Serialization failures, deadlocks and lost connections are retried
/// (<see cref="PostgreSqlLedgerOptions.MaxAttempts"/>); every operation is safe to retry (keys and ids replay), and a
/// retry that finds its own earlier success reports it as a replay. When retries run out a
/// <see cref="PostgreSqlLedgerException"/> says so. One tree row is the throughput limit of a tree: for hot budgets see
/// <see cref="BudgetLease"/>.
/// </remarks>
/// <threadsafety>All members are thread-safe and may be called from any number of processes at once.</threadsafety>
public sealed class PostgreSqlBudgetLedger : IBudgetLedger
{
    private const short Held = (short)ReservationState.Held;
    private const short Expired = (short)ReservationState.Expired;

    private readonly NpgsqlDataSource dataSource;
    private readonly PostgreSqlLedgerOptions options;
    private readonly string s;
    private readonly int dayCount;

    private PostgreSqlBudgetLedger(NpgsqlDataSource dataSource, BudgetTree tree, string treeId, PostgreSqlLedgerOptions options)
    {
        this.dataSource = dataSource;
        this.options = options;
        Tree = tree;
        TreeId = treeId;
        s = PostgreSqlLedgerSchema.Quote(options.Schema);
        dayCount = tree.DayCount;
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
                $"The ledger schema \"{options.Schema}\" is missing: call PostgreSqlLedgerSchema.MigrateAsync (or run sql/001_ledger.sql) first.", e);
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
        return new(Run((c, t, ct) => Reserve(c, t, request, node, ct), cancellationToken));
    }

    /// <inheritdoc />
    /// <exception cref="CurrencyMismatchException">The amount is not in the tree's currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not positive.</exception>
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<LedgerResult> CommitAsync(ReservationId id, Money amount, Instant instant, CancellationToken cancellationToken = default)
    {
        LedgerArguments.CheckAmount(Tree, amount, nameof(amount));
        return new(Run((c, t, ct) => Commit(c, t, id, amount, instant, ct), cancellationToken));
    }

    /// <inheritdoc />
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<LedgerResult> ReleaseAsync(ReservationId id, Instant instant, CancellationToken cancellationToken = default) =>
        new(Run((c, t, ct) => Release(c, t, id, instant, ct), cancellationToken));

    /// <inheritdoc />
    /// <exception cref="ArgumentException">The key is empty.</exception>
    /// <exception cref="CurrencyMismatchException">The amount is not in the tree's currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not positive.</exception>
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<LedgerResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default)
    {
        LedgerArguments.CheckRefund(Tree, request);
        return new(Run((c, t, ct) => Refund(c, t, request, ct), cancellationToken));
    }

    /// <inheritdoc />
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<int> ExpireDueAsync(Instant now, CancellationToken cancellationToken = default) =>
        new(Run(async (c, t, ct) => (await Advance(c, t, now, ct).ConfigureAwait(false)).Expired, cancellationToken));

    /// <inheritdoc />
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<ReservationInfo?> GetReservationAsync(ReservationId id, CancellationToken cancellationToken = default) =>
        new(Run((c, t, ct) => GetReservation(c, t, id, ct), cancellationToken, lockTree: false));

    /// <inheritdoc />
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<LedgerSnapshot> GetSnapshotAsync(Instant at, CancellationToken cancellationToken = default) =>
        new(Run((c, t, ct) => GetSnapshot(c, t, at, ct), cancellationToken, lockTree: false));

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="participantId"/> is null.</exception>
    /// <exception cref="PostgreSqlLedgerException">The database failed and retries ran out.</exception>
    public ValueTask<IReadOnlyList<ParticipantCapUsage>> GetParticipantUsageAsync(string participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(participantId);
        return new(Run((c, t, ct) => GetParticipantUsage(c, t, participantId, ct), cancellationToken, lockTree: false));
    }

    private static bool IsTransient(Exception e) => e switch
    {
        PostgresException p => p.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected
            or PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow,
        NpgsqlException n => n.IsTransient,
        TimeoutException => true,
        _ => false,
    };

    private async Task<T> Run<T>(Func<NpgsqlConnection, NpgsqlTransaction, CancellationToken, Task<T>> operation, CancellationToken cancellationToken, bool lockTree = true)
    {
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var committing = false;
            try
            {
                var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
                await using (connection.ConfigureAwait(false))
                {
                    var transaction = await connection.BeginTransactionAsync(
                        lockTree ? System.Data.IsolationLevel.ReadCommitted : System.Data.IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
                    await using (transaction.ConfigureAwait(false))
                    {
                        var result = await operation(connection, transaction, cancellationToken).ConfigureAwait(false);
                        committing = true;
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        return result;
                    }
                }
            }
            catch (Exception e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                if (attempt >= options.MaxAttempts)
                {
                    throw new PostgreSqlLedgerException(
                        $"The ledger operation on tree '{TreeId}' failed {attempt.ToString(CultureInfo.InvariantCulture)} times with a transient database error ({e.Message}); it was not applied{(committing ? " unless its commit reached the server (retry with the same key or id: it replays)" : string.Empty)}.",
                        e) { OutcomeUnknown = committing };
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

    private NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("t", TreeId);
        return command;
    }

    private async Task EnsureTreeAsync(CancellationToken cancellationToken)
    {
        var definition = Describe(Tree);
        await Run(
            async (c, t, ct) =>
            {
                await using (var insert = Command(c, t, $"INSERT INTO {s}.trees (tree_id, definition, currency, now_ticks) VALUES (@t, @d, @cur, @now) ON CONFLICT (tree_id) DO NOTHING"))
                {
                    insert.Parameters.AddWithValue("d", definition);
                    insert.Parameters.AddWithValue("cur", Tree.Currency.Code);
                    insert.Parameters.AddWithValue("now", Instant.MinValue.ToUnixTimeTicks());
                    if (await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
                    {
                        await using var read = Command(c, t, $"SELECT definition FROM {s}.trees WHERE tree_id = @t");
                        var stored = (string)(await read.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                        if (!string.Equals(stored, definition, StringComparison.Ordinal))
                        {
                            throw new PostgreSqlLedgerException(
                                $"A different budget tree is already stored under the id '{TreeId}'. A tree cannot change once it has a ledger; use a new tree id for a new tree.\nStored:\n{stored}\nGiven:\n{definition}");
                        }

                        return 0;
                    }
                }

                var batch = new NpgsqlBatch(c, t);
                await using (batch.ConfigureAwait(false))
                {
                    foreach (var node in Tree.Nodes)
                    {
                        var row = new NpgsqlBatchCommand($"INSERT INTO {s}.nodes (tree_id, node_index, path, limit_units) VALUES (@t, @i, @p, @l)");
                        row.Parameters.AddWithValue("t", TreeId);
                        row.Parameters.AddWithValue("i", node.Index);
                        row.Parameters.AddWithValue("p", node.Path);
                        row.Parameters.AddWithValue("l", node.Limit.MinorUnits);
                        batch.BatchCommands.Add(row);
                    }

                    if (dayCount > 0)
                    {
                        var days = new NpgsqlBatchCommand($"INSERT INTO {s}.node_days (tree_id, node_index, day_index) SELECT @t, n, d FROM generate_series(0, @nodes - 1) n, generate_series(0, @days - 1) d");
                        days.Parameters.AddWithValue("t", TreeId);
                        days.Parameters.AddWithValue("nodes", Tree.Nodes.Count);
                        days.Parameters.AddWithValue("days", dayCount);
                        batch.BatchCommands.Add(days);
                    }

                    await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                }

                return 0;
            },
            cancellationToken).ConfigureAwait(false);
    }

    // Locks the tree row, moves the ledger's clock to max(now, instant), and returns every hold due by then, in one round
    // trip together with the reads the operation needs (extra). When holds expired, the extra reads came before the
    // give-back: Expired > 0 tells the caller to read again.
    private async Task<(Instant Now, long LastId, int Expired)> Advance(
        NpgsqlConnection c, NpgsqlTransaction t, Instant instant, CancellationToken ct, NpgsqlBatchCommand[]? extra = null, Func<NpgsqlDataReader, Task>? readExtra = null)
    {
        Instant now;
        long lastId;
        var moves = new Moves(this);
        var batch = new NpgsqlBatch(c, t);
        await using (batch.ConfigureAwait(false))
        {
            var read = new NpgsqlBatchCommand($"UPDATE {s}.trees SET now_ticks = greatest(now_ticks, @i) WHERE tree_id = @t RETURNING now_ticks, last_id");
            read.Parameters.AddWithValue("t", TreeId);
            read.Parameters.AddWithValue("i", instant.ToUnixTimeTicks());
            batch.BatchCommands.Add(read);
            var expire = new NpgsqlBatchCommand(
                $"UPDATE {s}.reservations SET state = {Expired}, settled_at = expires_at WHERE tree_id = @t AND state = {Held} " +
                $"AND expires_at <= (SELECT now_ticks FROM {s}.trees WHERE tree_id = @t) RETURNING node_index, day_index, participant, reserved");
            expire.Parameters.AddWithValue("t", TreeId);
            batch.BatchCommands.Add(expire);
            foreach (var command in extra ?? [])
            {
                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            if (!await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                throw new PostgreSqlLedgerException($"The tree '{TreeId}' is not in the database; open the ledger with PostgreSqlBudgetLedger.OpenAsync.");
            }

            now = Instant.FromUnixTimeTicks(reader.GetInt64(0));
            lastId = reader.GetInt64(1);
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var node = Tree.Nodes[reader.GetInt32(0)];
                var day = reader.GetInt32(1);
                var amount = reader.GetInt64(3);
                moves.Move(node, day, -amount, 0);
                moves.MoveCaps(node, reader.GetString(2), day, -amount, -1);
            }

            if (readExtra is not null)
            {
                await reader.NextResultAsync(ct).ConfigureAwait(false);
                await readExtra(reader).ConfigureAwait(false);
            }
        }

        await moves.Flush(c, t, ct).ConfigureAwait(false);
        return (now, lastId, moves.Count);
    }

    private async Task<ReserveResult> Reserve(NpgsqlConnection c, NpgsqlTransaction t, ReserveRequest request, BudgetNode node, CancellationToken ct)
    {
        var amount = request.Amount.MinorUnits;
        KeyRow? key = null;
        var state = new PathState(Tree.Nodes.Count, dayCount);
        var (now, lastId, expired) = await Advance(
            c, t, request.Instant, ct, [KeyCommand(request.IdempotencyKey), .. PathCommands(node, request.ParticipantId)], async reader =>
            {
                key = await ReadKeyRow(reader, ct).ConfigureAwait(false);
                await reader.NextResultAsync(ct).ConfigureAwait(false);
                await ReadPath(reader, state, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        if (expired > 0)
        {
            state = await LoadPath(c, t, node, request.ParticipantId, ct).ConfigureAwait(false);
        }

        if (key is { } k)
        {
            if (k.Kind == 0 && k.NodePath == node.Path && k.Amount == amount && string.Equals(k.Participant, request.ParticipantId, StringComparison.Ordinal))
            {
                return (k.DenialCode is null
                    ? ReserveResult.Reserved(new ReservationId(k.ReservationId), Money(k.Amount), k.DayNumber)
                    : ReserveResult.Denied(k.Denial(this))).AsReplay();
            }

            return ReserveResult.Denied(LedgerDenials.KeyConflict(request.IdempotencyKey));
        }

        var dayIndex = Tree.DayIndexOf(request.Instant);
        BudgetDenial? denial = request.ExpiresAt <= now
            ? LedgerDenials.AlreadyExpired(request.ExpiresAt, now)
            : Tree.Window is not null && dayIndex < 0
                ? LedgerDenials.OutsideWindow(request.Instant, Tree)
                : null;
        if (denial is null)
        {
            denial = CheckNodes(state, node, dayIndex, amount, now) ?? (node.HasCapsOnPath ? CheckCaps(state, node, dayIndex, amount) : null);
        }

        var batch = new NpgsqlBatch(c, t);
        await using (batch.ConfigureAwait(false))
        {
            if (denial is not null)
            {
                batch.BatchCommands.Add(KeyInsert(request.IdempotencyKey, 0, 0, node.Path, request.ParticipantId, amount, 0, 0, 0, denial, now));
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                return ReserveResult.Denied(denial);
            }

            var id = lastId + 1;
            var moves = new Moves(this);
            moves.Move(node, dayIndex, amount, 0);
            moves.MoveCaps(node, request.ParticipantId, dayIndex, amount, 1);
            moves.AddTo(batch);
            var last = new NpgsqlBatchCommand($"UPDATE {s}.trees SET last_id = @id WHERE tree_id = @t");
            last.Parameters.AddWithValue("t", TreeId);
            last.Parameters.AddWithValue("id", id);
            batch.BatchCommands.Add(last);
            var insert = new NpgsqlBatchCommand(
                $"INSERT INTO {s}.reservations (tree_id, id, idem_key, participant, node_index, day_index, reserved, reserved_at, expires_at) VALUES (@t, @id, @k, @p, @n, @d, @a, @at, @exp)");
            insert.Parameters.AddWithValue("t", TreeId);
            insert.Parameters.AddWithValue("id", id);
            insert.Parameters.AddWithValue("k", request.IdempotencyKey);
            insert.Parameters.AddWithValue("p", request.ParticipantId);
            insert.Parameters.AddWithValue("n", node.Index);
            insert.Parameters.AddWithValue("d", dayIndex);
            insert.Parameters.AddWithValue("a", amount);
            insert.Parameters.AddWithValue("at", request.Instant.ToUnixTimeTicks());
            insert.Parameters.AddWithValue("exp", request.ExpiresAt.ToUnixTimeTicks());
            batch.BatchCommands.Add(insert);
            batch.BatchCommands.Add(KeyInsert(request.IdempotencyKey, 0, id, node.Path, request.ParticipantId, amount, amount, 0, dayIndex + 1, null, now));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return ReserveResult.Reserved(new ReservationId(id), request.Amount, dayIndex + 1);
        }
    }

    private async Task<LedgerResult> Commit(NpgsqlConnection c, NpgsqlTransaction t, ReservationId id, Money amount, Instant instant, CancellationToken ct)
    {
        var units = amount.MinorUnits;
        var (now, lastId, r) = await AdvanceAndFind(c, t, instant, id, ct).ConfigureAwait(false);
        if (r is null)
        {
            return LedgerResult.Refused(LedgerOperation.Commit, id, LedgerDenials.UnknownReservation(id, lastId));
        }

        switch (r.State)
        {
            case ReservationState.Held when units > r.Reserved:
                return LedgerResult.Refused(LedgerOperation.Commit, id, new BudgetDenial(
                    BudgetDenialCode.ExceedsReserved, $"{id} holds {Format(r.Reserved)}; {amount} cannot be committed.", r.Node.Path, remaining: Money(r.Reserved)));
            case ReservationState.Held:
                var moves = new Moves(this);
                moves.Move(r.Node, r.DayIndex, -r.Reserved, units);
                moves.MoveCaps(r.Node, r.Participant, r.DayIndex, units - r.Reserved, 0);
                await Settle(c, t, moves, id, ReservationState.Committed, units, 0, now, ct).ConfigureAwait(false);
                return LedgerResult.Done(LedgerOperation.Commit, id, Money(units), Money(r.Reserved - units), r.DayIndex + 1);
            case ReservationState.Committed when r.Committed + r.Refunded == units:
                return LedgerResult.Done(LedgerOperation.Commit, id, Money(units), Money(r.Reserved - units), r.DayIndex + 1).AsReplay();
            default:
                return LedgerResult.Refused(LedgerOperation.Commit, id, LedgerDenials.NotHeld(r.Id, r.State, r.ExpiresAt, r.Node.Path));
        }
    }

    private async Task<LedgerResult> Release(NpgsqlConnection c, NpgsqlTransaction t, ReservationId id, Instant instant, CancellationToken ct)
    {
        var (now, lastId, r) = await AdvanceAndFind(c, t, instant, id, ct).ConfigureAwait(false);
        if (r is null)
        {
            return LedgerResult.Refused(LedgerOperation.Release, id, LedgerDenials.UnknownReservation(id, lastId));
        }

        switch (r.State)
        {
            case ReservationState.Held:
                var moves = new Moves(this);
                moves.Move(r.Node, r.DayIndex, -r.Reserved, 0);
                moves.MoveCaps(r.Node, r.Participant, r.DayIndex, -r.Reserved, -1);
                await Settle(c, t, moves, id, ReservationState.Released, 0, 0, now, ct).ConfigureAwait(false);
                return LedgerResult.Done(LedgerOperation.Release, id, Money(0), Money(r.Reserved), r.DayIndex + 1);
            case ReservationState.Released:
                return LedgerResult.Done(LedgerOperation.Release, id, Money(0), Money(r.Reserved), r.DayIndex + 1).AsReplay();
            default:
                return LedgerResult.Refused(LedgerOperation.Release, id, LedgerDenials.NotHeld(r.Id, r.State, r.ExpiresAt, r.Node.Path));
        }
    }

    private async Task<LedgerResult> Refund(NpgsqlConnection c, NpgsqlTransaction t, RefundRequest request, CancellationToken ct)
    {
        var id = request.ReservationId;
        var units = request.Amount.MinorUnits;
        KeyRow? key = null;
        ReservationRow? r = null;
        var (now, lastId, expired) = await Advance(
            c, t, request.Instant, ct, [KeyCommand(request.IdempotencyKey), FindCommand(id)], async reader =>
            {
                key = await ReadKeyRow(reader, ct).ConfigureAwait(false);
                await reader.NextResultAsync(ct).ConfigureAwait(false);
                r = await ReadReservation(reader, id, ct).ConfigureAwait(false);
            }).ConfigureAwait(false);
        if (expired > 0)
        {
            r = await Find(c, t, id, ct).ConfigureAwait(false);
        }

        if (key is { } k)
        {
            return k.Kind == 1 && k.ReservationId == id.Value && k.Amount == units
                ? (k.DenialCode is null
                    ? LedgerResult.Done(LedgerOperation.Refund, id, Money(k.ResultAmount), Money(k.ResultReturned), k.DayNumber)
                    : LedgerResult.Refused(LedgerOperation.Refund, id, k.Denial(this))).AsReplay()
                : LedgerResult.Refused(LedgerOperation.Refund, id, LedgerDenials.KeyConflict(request.IdempotencyKey));
        }

        LedgerResult outcome;
        var moves = new Moves(this);
        if (r is null)
        {
            outcome = LedgerResult.Refused(LedgerOperation.Refund, id, LedgerDenials.UnknownReservation(id, lastId));
        }
        else if (r.State != ReservationState.Committed)
        {
            outcome = LedgerResult.Refused(LedgerOperation.Refund, id, new BudgetDenial(
                BudgetDenialCode.NotCommitted, $"{id} is {r.State}, not committed; only committed grants can be refunded.", r.Node.Path));
        }
        else if (units > r.Committed)
        {
            outcome = LedgerResult.Refused(LedgerOperation.Refund, id, new BudgetDenial(
                BudgetDenialCode.ExceedsRefundable, $"{id} has {Format(r.Committed)} committed; {request.Amount} cannot be refunded.", r.Node.Path, remaining: Money(r.Committed)));
        }
        else
        {
            moves.Move(r.Node, r.DayIndex, 0, -units);
            moves.MoveCaps(r.Node, r.Participant, r.DayIndex, -units, r.Committed == units ? -1 : 0);
            outcome = LedgerResult.Done(LedgerOperation.Refund, id, request.Amount, request.Amount, r.DayIndex + 1);
        }

        var batch = new NpgsqlBatch(c, t);
        await using (batch.ConfigureAwait(false))
        {
            moves.AddTo(batch);
            if (outcome.Succeeded)
            {
                var update = new NpgsqlBatchCommand($"UPDATE {s}.reservations SET committed = committed - @u, refunded = refunded + @u, settled_at = @now WHERE tree_id = @t AND id = @id");
                update.Parameters.AddWithValue("t", TreeId);
                update.Parameters.AddWithValue("id", id.Value);
                update.Parameters.AddWithValue("u", units);
                update.Parameters.AddWithValue("now", now.ToUnixTimeTicks());
                batch.BatchCommands.Add(update);
            }

            batch.BatchCommands.Add(KeyInsert(request.IdempotencyKey, 1, id.Value, null, null, units, outcome.Amount.MinorUnits, outcome.Returned.MinorUnits, outcome.DayNumber, outcome.Denial, now));
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return outcome;
    }

    private async Task Settle(NpgsqlConnection c, NpgsqlTransaction t, Moves moves, ReservationId id, ReservationState state, long committed, long refunded, Instant now, CancellationToken ct)
    {
        var batch = new NpgsqlBatch(c, t);
        await using (batch.ConfigureAwait(false))
        {
            moves.AddTo(batch);
            var update = new NpgsqlBatchCommand($"UPDATE {s}.reservations SET state = @st, committed = @c, refunded = @r, settled_at = @now WHERE tree_id = @t AND id = @id AND state = {Held}");
            update.Parameters.AddWithValue("t", TreeId);
            update.Parameters.AddWithValue("id", id.Value);
            update.Parameters.AddWithValue("st", (short)state);
            update.Parameters.AddWithValue("c", committed);
            update.Parameters.AddWithValue("r", refunded);
            update.Parameters.AddWithValue("now", now.ToUnixTimeTicks());
            batch.BatchCommands.Add(update);
            await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            if (update.RecordsAffected != 1)
            {
                throw new InvalidOperationException($"{id} changed under the tree lock; the transaction was rolled back.");
            }
        }
    }

    private NpgsqlBatchCommand KeyInsert(
        string key, short kind, long reservationId, string? nodePath, string? participant, long amount, long resultAmount, long resultReturned, int dayNumber, BudgetDenial? denial, Instant now)
    {
        var insert = new NpgsqlBatchCommand(
            $"INSERT INTO {s}.idempotency_keys (tree_id, idem_key, kind, reservation_id, node_path, participant, amount, result_amount, result_returned, day_number, denial_code, denial_message, denial_node, denial_cap, denial_remaining, denial_grants, decided_at) " +
            "VALUES (@t, @k, @kind, @rid, @node, @p, @a, @ra, @rr, @day, @dc, @dm, @dn, @dcap, @drem, @dg, @now)");
        insert.Parameters.AddWithValue("t", TreeId);
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
        return insert;
    }

    private async Task<(Instant Now, long LastId, ReservationRow? Row)> AdvanceAndFind(NpgsqlConnection c, NpgsqlTransaction t, Instant instant, ReservationId id, CancellationToken ct)
    {
        ReservationRow? row = null;
        var (now, lastId, expired) = await Advance(
            c, t, instant, ct, [FindCommand(id)], async reader => row = await ReadReservation(reader, id, ct).ConfigureAwait(false)).ConfigureAwait(false);
        if (expired > 0)
        {
            row = await Find(c, t, id, ct).ConfigureAwait(false);
        }

        return (now, lastId, row);
    }

    private NpgsqlBatchCommand KeyCommand(string key)
    {
        var read = new NpgsqlBatchCommand(
            $"SELECT kind, reservation_id, node_path, participant, amount, result_amount, result_returned, day_number, denial_code, denial_message, denial_node, denial_cap, denial_remaining, denial_grants FROM {s}.idempotency_keys WHERE tree_id = @t AND idem_key = @k");
        read.Parameters.AddWithValue("t", TreeId);
        read.Parameters.AddWithValue("k", key);
        return read;
    }

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

    private async Task<ReservationRow?> Find(NpgsqlConnection c, NpgsqlTransaction t, ReservationId id, CancellationToken ct)
    {
        var batch = new NpgsqlBatch(c, t);
        await using (batch.ConfigureAwait(false))
        {
            batch.BatchCommands.Add(FindCommand(id));
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            return await ReadReservation(reader, id, ct).ConfigureAwait(false);
        }
    }

    private NpgsqlBatchCommand[] PathCommands(BudgetNode leaf, string participant)
    {
        var nodes = new NpgsqlBatchCommand($"SELECT node_index, reserved, committed FROM {s}.nodes WHERE tree_id = @t AND node_index = ANY(@path)");
        nodes.Parameters.AddWithValue("t", TreeId);
        nodes.Parameters.AddWithValue("path", leaf.PathIndices);
        var days = new NpgsqlBatchCommand($"SELECT node_index, day_index, reserved, committed FROM {s}.node_days WHERE tree_id = @t AND node_index = ANY(@path)");
        days.Parameters.AddWithValue("t", TreeId);
        days.Parameters.AddWithValue("path", leaf.PathIndices);
        var caps = new NpgsqlBatchCommand($"SELECT node_index, day_index, amount, grants FROM {s}.cap_usage WHERE tree_id = @t AND participant = @p AND node_index = ANY(@path)");
        caps.Parameters.AddWithValue("t", TreeId);
        caps.Parameters.AddWithValue("p", participant);
        caps.Parameters.AddWithValue("path", leaf.PathIndices);
        return [nodes, days, caps];
    }

    private async Task ReadPath(NpgsqlDataReader reader, PathState state, CancellationToken ct)
    {
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var i = reader.GetInt32(0);
            state.Reserved[i] = reader.GetInt64(1);
            state.Committed[i] = reader.GetInt64(2);
        }

        await reader.NextResultAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            var at = (reader.GetInt32(0) * dayCount) + reader.GetInt32(1);
            state.DayReserved[at] = reader.GetInt64(2);
            state.DayCommitted[at] = reader.GetInt64(3);
        }

        await reader.NextResultAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            state.Caps[(reader.GetInt32(0), reader.GetInt32(1))] = (reader.GetInt64(2), reader.GetInt32(3));
        }
    }

    private async Task<PathState> LoadPath(NpgsqlConnection c, NpgsqlTransaction t, BudgetNode leaf, string participant, CancellationToken ct)
    {
        var state = new PathState(Tree.Nodes.Count, dayCount);
        var batch = new NpgsqlBatch(c, t);
        await using (batch.ConfigureAwait(false))
        {
            foreach (var command in PathCommands(leaf, participant))
            {
                batch.BatchCommands.Add(command);
            }

            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await ReadPath(reader, state, ct).ConfigureAwait(false);
        }

        return state;
    }

    private async Task<ReservationInfo?> GetReservation(NpgsqlConnection c, NpgsqlTransaction t, ReservationId id, CancellationToken ct) =>
        await Find(c, t, id, ct).ConfigureAwait(false) is { } r
            ? new ReservationInfo(id, r.Key, r.Node.Path, r.Participant, Money(r.Reserved), Money(r.Committed), Money(r.Refunded), r.State, r.DayIndex + 1, r.ReservedAt, r.ExpiresAt)
            : null;

    private async Task<LedgerSnapshot> GetSnapshot(NpgsqlConnection c, NpgsqlTransaction t, Instant at, CancellationToken ct)
    {
        var state = new PathState(Tree.Nodes.Count, dayCount);
        Instant now;
        var batch = new NpgsqlBatch(c, t);
        await using (batch.ConfigureAwait(false))
        {
            var tree = new NpgsqlBatchCommand($"SELECT now_ticks FROM {s}.trees WHERE tree_id = @t");
            tree.Parameters.AddWithValue("t", TreeId);
            batch.BatchCommands.Add(tree);
            var nodes = new NpgsqlBatchCommand($"SELECT node_index, reserved, committed FROM {s}.nodes WHERE tree_id = @t");
            nodes.Parameters.AddWithValue("t", TreeId);
            batch.BatchCommands.Add(nodes);
            var days = new NpgsqlBatchCommand($"SELECT node_index, day_index, reserved, committed FROM {s}.node_days WHERE tree_id = @t");
            days.Parameters.AddWithValue("t", TreeId);
            batch.BatchCommands.Add(days);
            await using var reader = await batch.ExecuteReaderAsync(ct).ConfigureAwait(false);
            await reader.ReadAsync(ct).ConfigureAwait(false);
            now = Instant.FromUnixTimeTicks(reader.GetInt64(0));
            await reader.NextResultAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var i = reader.GetInt32(0);
                state.Reserved[i] = reader.GetInt64(1);
                state.Committed[i] = reader.GetInt64(2);
            }

            await reader.NextResultAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var d = (reader.GetInt32(0) * dayCount) + reader.GetInt32(1);
                state.DayReserved[d] = reader.GetInt64(2);
                state.DayCommitted[d] = reader.GetInt64(3);
            }
        }

        var asOf = at > now ? at : now;
        var result = new BudgetNodeSnapshot[Tree.Nodes.Count];
        foreach (var node in Tree.Nodes)
        {
            result[node.Index] = SnapshotOf(state, node, asOf);
        }

        return new LedgerSnapshot(asOf, result);
    }

    private async Task<IReadOnlyList<ParticipantCapUsage>> GetParticipantUsage(NpgsqlConnection c, NpgsqlTransaction t, string participant, CancellationToken ct)
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
            var left = node.Limit.MinorUnits - state.Reserved[i] - state.Committed[i];
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
            return Tree.ReleasedOnDay(node, dayIndex, now) - state.DayReserved[baseIndex + dayIndex] - state.DayCommitted[baseIndex + dayIndex];
        }

        long used = 0;
        long released = 0;
        var headroom = long.MaxValue;
        for (var k = 0; k < dayCount; k++)
        {
            used += state.DayReserved[baseIndex + k] + state.DayCommitted[baseIndex + k];
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
        if (node.Pacing is null)
        {
            return new BudgetNodeSnapshot(
                node.Path, node.Limit, node.Limit, Money(state.Reserved[i]), Money(state.Committed[i]), Money(limit - state.Reserved[i] - state.Committed[i]), []);
        }

        var days = new BudgetDaySnapshot[dayCount];
        long releasedTotal = 0;
        long usedBefore = 0;
        for (var d = 0; d < dayCount; d++)
        {
            var r = state.DayReserved[(i * dayCount) + d];
            var c = state.DayCommitted[(i * dayCount) + d];
            var own = Tree.ReleasedOnDay(node, d, asOf);
            var carried = node.Pacing.RollOver ? releasedTotal - usedBefore : 0;
            releasedTotal += own;
            var dayLimit = node.DayAmountUnits[d] + carried;
            days[d] = new BudgetDaySnapshot(
                Tree.Window!.Days[d], Money(node.DayAmountUnits[d]), Money(carried), Money(dayLimit), Money(carried + own), Money(r), Money(c), Money(dayLimit - r - c));
            usedBefore += r + c;
        }

        return new BudgetNodeSnapshot(
            node.Path, node.Limit, Money(releasedTotal), Money(state.Reserved[i]), Money(state.Committed[i]), Money(limit - state.Reserved[i] - state.Committed[i]), days);
    }

    private Money Money(long units) => new(units, Tree.Currency);

    private string Format(long units) => Money(units).ToString();

    private sealed record ReservationRow(
        ReservationId Id, string Key, string Participant, BudgetNode Node, int DayIndex, long Reserved, long Committed, long Refunded,
        ReservationState State, Instant ReservedAt, Instant ExpiresAt);

    private sealed record KeyRow(
        short Kind, long ReservationId, string? NodePath, string? Participant, long Amount, long ResultAmount, long ResultReturned, int DayNumber,
        int? DenialCode, string? DenialMessage, string? DenialNode, int? DenialCap, long? DenialRemaining, int? DenialGrants)
    {
        public BudgetDenial Denial(PostgreSqlBudgetLedger ledger) => new(
            (BudgetDenialCode)DenialCode!.Value, DenialMessage!, DenialNode, (CapKind?)DenialCap, DenialRemaining is { } r ? ledger.Money(r) : null, DenialGrants);
    }

    private sealed class PathState(int nodes, int days)
    {
        public long[] Reserved { get; } = new long[nodes];

        public long[] Committed { get; } = new long[nodes];

        public long[] DayReserved { get; } = new long[nodes * days];

        public long[] DayCommitted { get; } = new long[nodes * days];

        public Dictionary<(int Node, int Day), (long Amount, int Grants)> Caps { get; } = [];
    }

    // Accumulates balance moves and writes them in one batch (node order: the tree lock already orders writers).
    private sealed class Moves(PostgreSqlBudgetLedger ledger)
    {
        private readonly SortedDictionary<int, (long Reserved, long Committed)> nodes = [];
        private readonly SortedDictionary<(int Node, int Day), (long Reserved, long Committed)> days = [];
        private readonly SortedDictionary<(string Participant, int Node, int Day), (long Amount, int Grants)> caps = [];

        public int Count { get; private set; }

        public void Move(BudgetNode leaf, int dayIndex, long reservedDelta, long committedDelta)
        {
            Count++;
            foreach (var i in leaf.PathIndices)
            {
                var n = nodes.GetValueOrDefault(i);
                nodes[i] = (n.Reserved + reservedDelta, n.Committed + committedDelta);
                if (dayIndex >= 0)
                {
                    var d = days.GetValueOrDefault((i, dayIndex));
                    days[(i, dayIndex)] = (d.Reserved + reservedDelta, d.Committed + committedDelta);
                }
            }
        }

        public void MoveCaps(BudgetNode leaf, string participant, int dayIndex, long amountDelta, int grantDelta)
        {
            if (!leaf.HasCapsOnPath)
            {
                return;
            }

            foreach (var i in leaf.PathIndices)
            {
                if (ledger.Tree.Nodes[i].Caps is null)
                {
                    continue;
                }

                Add((participant, i, -1));
                if (dayIndex >= 0)
                {
                    Add((participant, i, dayIndex));
                }
            }

            void Add((string, int, int) key)
            {
                var c = caps.GetValueOrDefault(key);
                caps[key] = (c.Amount + amountDelta, c.Grants + grantDelta);
            }
        }

        public void AddTo(NpgsqlBatch batch)
        {
            var s = ledger.s;
            foreach (var (i, (r, c)) in nodes)
            {
                var update = new NpgsqlBatchCommand($"UPDATE {s}.nodes SET reserved = reserved + @r, committed = committed + @c WHERE tree_id = @t AND node_index = @i");
                update.Parameters.AddWithValue("t", ledger.TreeId);
                update.Parameters.AddWithValue("i", i);
                update.Parameters.AddWithValue("r", r);
                update.Parameters.AddWithValue("c", c);
                batch.BatchCommands.Add(update);
            }

            foreach (var ((i, d), (r, c)) in days)
            {
                var update = new NpgsqlBatchCommand($"UPDATE {s}.node_days SET reserved = reserved + @r, committed = committed + @c WHERE tree_id = @t AND node_index = @i AND day_index = @d");
                update.Parameters.AddWithValue("t", ledger.TreeId);
                update.Parameters.AddWithValue("i", i);
                update.Parameters.AddWithValue("d", d);
                update.Parameters.AddWithValue("r", r);
                update.Parameters.AddWithValue("c", c);
                batch.BatchCommands.Add(update);
            }

            foreach (var ((p, i, d), (a, g)) in caps)
            {
                // PostgreSQL checks the proposed row of an upsert before it finds the conflict: a give-back (a negative move,
                // which always finds its row) is a plain update.
                var upsert = new NpgsqlBatchCommand(a < 0 || g < 0
                    ? $"UPDATE {s}.cap_usage SET amount = amount + @a, grants = grants + @g WHERE tree_id = @t AND participant = @p AND node_index = @i AND day_index = @d"
                    : $"INSERT INTO {s}.cap_usage AS u (tree_id, participant, node_index, day_index, amount, grants) VALUES (@t, @p, @i, @d, @a, @g) " +
                      "ON CONFLICT (tree_id, participant, node_index, day_index) DO UPDATE SET amount = u.amount + excluded.amount, grants = u.grants + excluded.grants");
                upsert.Parameters.AddWithValue("t", ledger.TreeId);
                upsert.Parameters.AddWithValue("p", p);
                upsert.Parameters.AddWithValue("i", i);
                upsert.Parameters.AddWithValue("d", d);
                upsert.Parameters.AddWithValue("a", a);
                upsert.Parameters.AddWithValue("g", g);
                batch.BatchCommands.Add(upsert);
            }
        }

        public async Task Flush(NpgsqlConnection c, NpgsqlTransaction t, CancellationToken ct)
        {
            if (Count == 0)
            {
                return;
            }

            var batch = new NpgsqlBatch(c, t);
            await using (batch.ConfigureAwait(false))
            {
                AddTo(batch);
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }
        }
    }
}
