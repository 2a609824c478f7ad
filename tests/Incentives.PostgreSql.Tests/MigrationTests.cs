using System;
using System.Globalization;
using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.PostgreSql.Worker;
using NodaTime;

namespace Incentives.PostgreSql.Tests;

/// <summary>Upgrading a database that holds a version 1 ledger to version 2: nothing is lost, everything still works.</summary>
public sealed class MigrationTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 10, 8, 0);

    private static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    [Fact]
    public async Task A_version_1_ledger_is_refused_until_migrated_then_keeps_its_balances_holds_keys_caps_and_ids()
    {
        var schema = "upgrade_" + Guid.NewGuid().ToString("N");
        var options = new PostgreSqlLedgerOptions { Schema = schema };
        var tree = WorkerTrees.Claims(); // root 100.00 (index 0), root/a 60.00 capped for ann (1), root/b 70.00 (2)
        await Execute(PostgreSqlLedgerSchema.GetMigrationScript(schema, 1) + $"; INSERT INTO \"{schema}\".schema_version (version) VALUES (1)");

        // What a version 1 ledger wrote: ann holds 5.00 on root/a (id 1, key k1, her cap usage), bob has 3.00 committed on root/b (id 2, key k2).
        var t0 = T0.ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture);
        var t5 = (T0 + Duration.FromMinutes(5)).ToUnixTimeTicks().ToString(CultureInfo.InvariantCulture);
        await Execute(
            $"INSERT INTO \"{schema}\".trees (tree_id, definition, currency, now_ticks, last_id) VALUES ('v1', @d, 'CNY', {t0}, 2);" +
            $"INSERT INTO \"{schema}\".nodes (tree_id, node_index, path, limit_units, reserved, committed) VALUES ('v1', 0, 'root', 10000, 500, 300), ('v1', 1, 'root/a', 6000, 500, 0), ('v1', 2, 'root/b', 7000, 0, 300);" +
            $"INSERT INTO \"{schema}\".cap_usage (tree_id, participant, node_index, day_index, amount, grants) VALUES ('v1', 'ann', 1, -1, 500, 1);" +
            $"INSERT INTO \"{schema}\".reservations (tree_id, id, idem_key, participant, node_index, day_index, reserved, committed, state, reserved_at, expires_at, settled_at) VALUES " +
            $"('v1', 1, 'k1', 'ann', 1, -1, 500, 0, 1, {t0}, {t5}, NULL), ('v1', 2, 'k2', 'bob', 2, -1, 300, 300, 2, {t0}, {t5}, {t0});" +
            $"INSERT INTO \"{schema}\".idempotency_keys (tree_id, idem_key, kind, reservation_id, node_path, participant, amount, result_amount, day_number, decided_at) VALUES " +
            $"('v1', 'k1', 0, 1, 'root/a', 'ann', 500, 500, 0, {t0}), ('v1', 'k2', 0, 2, 'root/b', 'bob', 300, 300, 0, {t0})",
            ("d", PostgreSqlBudgetLedger.Describe(tree)));

        var old = await Assert.ThrowsAsync<PostgreSqlLedgerException>(() => PostgreSqlBudgetLedger.OpenAsync(PostgresServer.DataSource, "v1", tree, options));
        Assert.Contains("is at version 1, older than this package's 2", old.Message, StringComparison.Ordinal);

        Assert.Equal(1, await PostgreSqlLedgerSchema.MigrateAsync(PostgresServer.DataSource, schema));
        Assert.Equal(2, await PostgreSqlLedgerSchema.MigrateAsync(PostgresServer.DataSource, schema));
        var ledger = await PostgreSqlBudgetLedger.OpenAsync(PostgresServer.DataSource, "v1", tree, options);

        var root = (await ledger.GetSnapshotAsync(T0))["root"];
        Assert.Equal((Cny(5m), Cny(3m), Cny(92m)), (root.Reserved, root.Committed, root.Available));
        Assert.Equal(500L, Assert.Single(await ledger.GetParticipantUsageAsync("ann"), u => u.Cap == CapKind.AmountPerCampaign).Used);
        var replay = await ledger.ReserveAsync(new ReserveRequest("k1", "root/a", "ann", Cny(5m), T0, T0 + Duration.FromMinutes(5)));
        Assert.True(replay.IsReplay && replay.ReservationId == new ReservationId(1), replay.ToString());

        // The version 1 hold commits (in full: no balance row moves), ids go on from 3, and a new short hold expires on the next touch.
        Assert.True((await ledger.CommitAsync(new ReservationId(1), Cny(5m), T0)).Succeeded);
        var shortHold = await ledger.ReserveAsync(new ReserveRequest("k3", "root/b", "cat", Cny(1m), T0 + Duration.FromMinutes(1), T0 + Duration.FromMinutes(2)));
        var later = await ledger.ReserveAsync(new ReserveRequest("k4", "root/b", "dan", Cny(2m), T0 + Duration.FromMinutes(3), T0 + Duration.FromMinutes(9)));
        Assert.Equal((new ReservationId(3), new ReservationId(4)), (shortHold.ReservationId, later.ReservationId));
        Assert.Equal(ReservationState.Expired, (await ledger.GetReservationAsync(new ReservationId(3)))!.Value.State);
        root = (await ledger.GetSnapshotAsync(T0 + Duration.FromMinutes(3)))["root"];
        Assert.Equal((Cny(2m), Cny(8m), Cny(90m)), (root.Reserved, root.Committed, root.Available));
        Assert.True((await ledger.RefundAsync(new RefundRequest("r2", new ReservationId(2), Cny(1m), T0 + Duration.FromMinutes(4)))).Succeeded);
        Assert.Equal(Cny(7m), (await ledger.GetSnapshotAsync(T0 + Duration.FromMinutes(4)))["root"].Committed);

        await Execute($"DROP SCHEMA \"{schema}\" CASCADE");
    }

    [Fact]
    public async Task Running_the_version_2_script_again_changes_nothing_and_never_moves_the_id_counter_back()
    {
        // DBAs who run the shipped SQL themselves may run a file twice; version 2 no longer writes trees.last_id, so a
        // second run that copied it again would hand out ids that were already issued.
        var schema = "rerun_" + Guid.NewGuid().ToString("N");
        var options = new PostgreSqlLedgerOptions { Schema = schema };
        var tree = WorkerTrees.Claims();
        await PostgreSqlLedgerSchema.MigrateAsync(PostgresServer.DataSource, schema);
        var ledger = await PostgreSqlBudgetLedger.OpenAsync(PostgresServer.DataSource, "rerun", tree, options);
        var first = await ledger.ReserveAsync(new ReserveRequest("k1", "root/b", "ann", Cny(1m), T0, T0 + Duration.FromHours(1)));
        var second = await ledger.ReserveAsync(new ReserveRequest("k2", "root/b", "bob", Cny(2m), T0, T0 + Duration.FromHours(1)));
        Assert.Equal((new ReservationId(1), new ReservationId(2)), (first.ReservationId, second.ReservationId));

        await Execute(PostgreSqlLedgerSchema.GetMigrationScript(schema, 2));

        var third = await ledger.ReserveAsync(new ReserveRequest("k3", "root/b", "cat", Cny(3m), T0, T0 + Duration.FromHours(1)));
        Assert.True(third.IsReserved, third.ToString());
        Assert.Equal(new ReservationId(3), third.ReservationId);
        var root = (await ledger.GetSnapshotAsync(T0))["root"];
        Assert.Equal((Cny(6m), Cny(0m), Cny(94m)), (root.Reserved, root.Committed, root.Available));

        await Execute($"DROP SCHEMA \"{schema}\" CASCADE");
    }

    private static async Task Execute(string sql, params (string Name, object Value)[] parameters)
    {
        await using var command = PostgresServer.DataSource.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await command.ExecuteNonQueryAsync();
    }
}
