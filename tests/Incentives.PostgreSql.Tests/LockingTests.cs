using System;
using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.PostgreSql.Worker;
using NodaTime;
using Npgsql;

namespace Incentives.PostgreSql.Tests;

/// <summary>
/// Schema version 2 locks only what an operation touches: a full commit changes no balance row, so it completes while
/// another transaction holds the hot root row; operations that change balances wait for it and then see its outcome.
/// </summary>
public sealed class LockingTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 10, 8, 0);

    private static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    private static ReserveRequest Request(string key, decimal amount) =>
        new(key, "hot", "ann", Cny(amount), T0, T0 + Duration.FromMinutes(5));

    [Fact]
    public async Task A_full_commit_completes_while_the_hot_root_row_is_locked_and_a_reservation_waits_for_it()
    {
        var ledger = Ledgers.Fresh(WorkerTrees.Hot());
        var held = await ledger.ReserveAsync(Request("k1", 10m));
        await using var connection = await PostgresServer.DataSource.OpenConnectionAsync();
        var blocker = await connection.BeginTransactionAsync();
        await using (var lockRoot = new NpgsqlCommand("SELECT 1 FROM incentives.nodes WHERE tree_id = @t AND node_index = 0 FOR UPDATE", connection, blocker))
        {
            lockRoot.Parameters.AddWithValue("t", ledger.TreeId);
            await lockRoot.ExecuteNonQueryAsync();
        }

        // Not a timing assertion: a commit that needed the root row would wait for the blocker forever.
        var committed = await ledger.CommitAsync(held.ReservationId, Cny(10m), T0).AsTask().WaitAsync(TimeSpan.FromSeconds(60));
        var reserve = ledger.ReserveAsync(Request("k2", 5m)).AsTask();
        await WaitUntilBlockedBy(connection.ProcessID);
        Assert.False(reserve.IsCompleted);
        await blocker.RollbackAsync();
        var second = await reserve;

        Assert.True(committed.Succeeded, committed.ToString());
        Assert.True(second.IsReserved, second.ToString());
        var hot = (await ledger.GetSnapshotAsync(T0))["hot"];
        Assert.Equal((Cny(5m), Cny(10m), Cny(485m)), (hot.Reserved, hot.Committed, hot.Available));
    }

    private static async Task WaitUntilBlockedBy(int blocker)
    {
        for (var i = 0; i < 3000; i++)
        {
            await using var find = PostgresServer.DataSource.CreateCommand("SELECT count(*) FROM pg_stat_activity WHERE @blocker = ANY(pg_blocking_pids(pid))");
            find.Parameters.AddWithValue("blocker", blocker);
            if ((long)(await find.ExecuteScalarAsync())! > 0)
            {
                return;
            }

            await Task.Delay(10);
        }

        throw new InvalidOperationException("The reservation never waited on the root row.");
    }
}
