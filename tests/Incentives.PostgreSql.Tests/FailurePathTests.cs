using System;
using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.PostgreSql.Worker;
using NodaTime;
using Npgsql;

namespace Incentives.PostgreSql.Tests;

/// <summary>Bad input, a broken or missing database, a changed tree, a connection killed mid-transaction.</summary>
public sealed class FailurePathTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 10, 8, 0);

    private static ReserveRequest Request(string key, string path, decimal amount, string participant = "ann") =>
        new(key, path, participant, Money.FromDecimal(amount, Currency.CNY), T0, T0 + Duration.FromMinutes(5));

    [Fact]
    public async Task An_unknown_budget_or_another_currency_throws_and_moves_nothing()
    {
        var ledger = Ledgers.Fresh(WorkerTrees.Claims());

        Assert.Throws<ArgumentException>("request.NodePath", () => ledger.ReserveAsync(Request("k1", "root/nope", 1m)).AsTask().GetAwaiter().GetResult());
        Assert.Throws<CurrencyMismatchException>(() => ledger.ReserveAsync(Request("k2", "root/b", 1m) with { Amount = Money.FromDecimal(1m, Currency.USD) }).AsTask().GetAwaiter().GetResult());

        Assert.Equal(0L, (await ledger.GetSnapshotAsync(T0))["root"].Reserved.MinorUnits);
    }

    [Fact]
    public async Task A_key_reused_for_a_different_request_is_a_conflict_and_never_a_second_reservation()
    {
        var ledger = Ledgers.Fresh(WorkerTrees.Claims());
        var first = await ledger.ReserveAsync(Request("k", "root/b", 5m));

        var other = await ledger.ReserveAsync(Request("k", "root/b", 6m));

        Assert.True(first.IsReserved);
        Assert.Equal(BudgetDenialCode.IdempotencyKeyConflict, other.Denial!.Code);
        Assert.Equal(500L, (await ledger.GetSnapshotAsync(T0))["root"].Reserved.MinorUnits);
    }

    [Fact]
    public async Task An_unreachable_database_at_start_is_a_clear_error()
    {
        await using var nowhere = NpgsqlDataSource.Create("Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=2");

        var open = await Assert.ThrowsAsync<PostgreSqlLedgerException>(() => PostgreSqlBudgetLedger.OpenAsync(nowhere, "t", WorkerTrees.Hot()));
        var migrate = await Assert.ThrowsAsync<PostgreSqlLedgerException>(() => PostgreSqlLedgerSchema.MigrateAsync(nowhere));

        Assert.StartsWith("Cannot reach PostgreSQL at 127.0.0.1:1 (database 'none')", open.Message, StringComparison.Ordinal);
        Assert.StartsWith("Cannot reach PostgreSQL at 127.0.0.1:1", migrate.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_schema_says_to_migrate_first()
    {
        var e = await Assert.ThrowsAsync<PostgreSqlLedgerException>(() =>
            PostgreSqlBudgetLedger.OpenAsync(PostgresServer.DataSource, "t", WorkerTrees.Hot(), new PostgreSqlLedgerOptions { Schema = "never_migrated" }));

        Assert.Contains("call PostgreSqlLedgerSchema.MigrateAsync", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_changed_tree_under_the_same_id_is_refused_and_the_same_tree_opens_again()
    {
        var treeId = "changed-" + Guid.NewGuid().ToString("N");
        await PostgreSqlBudgetLedger.OpenAsync(PostgresServer.DataSource, treeId, WorkerTrees.Hot());
        var bigger = new BudgetTreeBuilder(Currency.CNY).Add("hot", Money.FromDecimal(501m, Currency.CNY)).Build();

        var e = await Assert.ThrowsAsync<PostgreSqlLedgerException>(() => PostgreSqlBudgetLedger.OpenAsync(PostgresServer.DataSource, treeId, bigger));
        var again = await PostgreSqlBudgetLedger.OpenAsync(PostgresServer.DataSource, treeId, WorkerTrees.Hot());

        Assert.StartsWith($"A different budget tree is already stored under the id '{treeId}'", e.Message, StringComparison.Ordinal);
        Assert.Equal(treeId, again.TreeId);
    }

    [Fact]
    public async Task Migrating_again_is_a_no_op_that_reports_the_current_version()
    {
        Assert.Equal(PostgreSqlLedgerSchema.CurrentVersion, await PostgreSqlLedgerSchema.MigrateAsync(PostgresServer.DataSource));
        Assert.Contains("CREATE TABLE IF NOT EXISTS \"budgets\".reservations", PostgreSqlLedgerSchema.GetMigrationScript("budgets", 1), StringComparison.Ordinal);
        Assert.Contains("CREATE OR REPLACE FUNCTION \"budgets\".ledger_reserve(", PostgreSqlLedgerSchema.GetMigrationScript("budgets"), StringComparison.Ordinal);
        Assert.Throws<ArgumentException>("schema", () => PostgreSqlLedgerSchema.GetMigrationScript("x\"; DROP TABLE y; --"));
    }

    [Fact]
    public async Task A_connection_killed_mid_transaction_is_retried_and_reserves_exactly_once()
    {
        var ledger = Ledgers.Fresh(WorkerTrees.Claims());
        var (blocker, reserve, victim) = await ReserveWhileBlocked(ledger, "k");

        await Terminate(victim);
        await blocker.DisposeAsync();
        var result = await reserve;

        Assert.True(result.IsReserved, result.ToString());
        Assert.Equal(500L, (await ledger.GetSnapshotAsync(T0))["root"].Reserved.MinorUnits);
        Assert.True((await ledger.ReserveAsync(Request("k", "root/b", 5m))).IsReplay);
    }

    [Fact]
    public async Task A_connection_killed_when_no_attempt_is_left_surfaces_a_clear_error_and_moves_nothing()
    {
        var treeId = "noretry-" + Guid.NewGuid().ToString("N");
        var ledger = await PostgreSqlBudgetLedger.OpenAsync(PostgresServer.DataSource, treeId, WorkerTrees.Claims(), new PostgreSqlLedgerOptions { MaxAttempts = 1 });
        var (blocker, reserve, victim) = await ReserveWhileBlocked(ledger, "k");

        await Terminate(victim);
        await blocker.DisposeAsync();
        var e = await Assert.ThrowsAsync<PostgreSqlLedgerException>(() => reserve);

        Assert.Contains("failed 1 times with a transient database error", e.Message, StringComparison.Ordinal);
        Assert.Equal(0L, (await ledger.GetSnapshotAsync(T0))["root"].Reserved.MinorUnits);
    }

    // Holds the tree's lock (since schema version 2 the root node row, which every reservation updates first) from another
    // connection, starts a reservation (it waits on the lock inside its transaction), and returns the waiting backend's pid.
    private static async Task<(NpgsqlTransaction Blocker, Task<ReserveResult> Reserve, int Victim)> ReserveWhileBlocked(PostgreSqlBudgetLedger ledger, string key)
    {
        var connection = await PostgresServer.DataSource.OpenConnectionAsync();
        var blocker = await connection.BeginTransactionAsync();
        await using (var lockTree = new NpgsqlCommand("SELECT 1 FROM incentives.nodes WHERE tree_id = @t AND node_index = 0 FOR UPDATE", connection, blocker))
        {
            lockTree.Parameters.AddWithValue("t", ledger.TreeId);
            await lockTree.ExecuteNonQueryAsync();
        }

        var reserve = ledger.ReserveAsync(Request(key, "root/b", 5m)).AsTask();
        for (var i = 0; i < 500; i++)
        {
            // Not on the blocker's connection: pg_stat_activity is a snapshot taken once per transaction.
            // Only the backend our blocker blocks: other tests' ledgers wait on their own tree locks at the same time.
            await using var find = PostgresServer.DataSource.CreateCommand("SELECT pid FROM pg_stat_activity WHERE @blocker = ANY(pg_blocking_pids(pid))");
            find.Parameters.AddWithValue("blocker", connection.ProcessID);
            if (await find.ExecuteScalarAsync() is int pid)
            {
                return (blocker, reserve, pid);
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException("The reservation never waited on the tree lock.");
    }

    private static async Task Terminate(int pid)
    {
        await using var kill = PostgresServer.DataSource.CreateCommand("SELECT pg_terminate_backend(@pid)");
        kill.Parameters.AddWithValue("pid", pid);
        Assert.Equal(true, await kill.ExecuteScalarAsync());
    }
}
