using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.PostgreSql.Worker;
using NodaTime;

namespace Incentives.PostgreSql.Tests;

/// <summary>Several OS processes share one budget through the database: claims, a kill -9, and leasing.</summary>
public sealed class MultiProcessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Several_processes_claiming_one_small_budget_and_one_cap_never_exceed_them_and_the_totals_are_exact()
    {
        var treeId = "procs-" + Guid.NewGuid().ToString("N");
        var ledger = await PostgreSqlBudgetLedger.OpenAsync(PostgresServer.DataSource, treeId, WorkerTrees.Claims());
        var workers = Enumerable.Range(0, 3).Select(w => WorkerProcess.Start("claim", treeId, $"w{w}", 120, 60)).ToList();
        var problems = new List<string>();
        try
        {
            // Watch the totals while the processes run, not only at the end.
            var running = Task.WhenAll(workers.Select(w => w.WaitAsync(Timeout)));
            while (!running.IsCompleted)
            {
                problems.AddRange(Violations(await ledger.GetSnapshotAsync(SystemClock.Instance.GetCurrentInstant())));
                problems.AddRange(CapViolations(await ledger.GetParticipantUsageAsync(WorkerTrees.CappedParticipant)));
                await Task.WhenAny(running, Task.Delay(50));
            }

            await running;
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }

        var end = await ledger.GetSnapshotAsync(SystemClock.Instance.GetCurrentInstant());
        Assert.Empty(problems);
        Assert.Empty(Violations(end));
        Assert.All(workers, w => Assert.Contains("DONE", w.Lines));
        var committedByWorkers = workers.SelectMany(w => w.Lines).Where(l => l.StartsWith("C ", StringComparison.Ordinal)).Sum(l => long.Parse(l.Split(' ')[2], CultureInfo.InvariantCulture));
        Assert.Equal((0L, committedByWorkers), (end["root"].Reserved.MinorUnits, end["root"].Committed.MinorUnits));

        // 360 claims of up to 3.00 ask far more than 100.00: the budget ran dry, and ann's cap was reached but never passed.
        Assert.True(end["root"].Committed.MinorUnits > 9000, end["root"].ToString());
        var ann = await ledger.GetParticipantUsageAsync(WorkerTrees.CappedParticipant);
        Assert.Equal(await Scalar($"SELECT coalesce(sum(committed), 0) FROM incentives.reservations WHERE tree_id = '{treeId}' AND participant = 'ann' AND node_index = 1"), ann.Single(u => u.Cap == CapKind.AmountPerCampaign).Used);
        Assert.Empty(CapViolations(ann));
    }

    [Fact]
    public async Task A_worker_killed_with_sigkill_mid_claiming_loses_no_committed_grant_and_its_holds_expire_back()
    {
        var treeId = "kill-" + Guid.NewGuid().ToString("N");
        var ledger = await PostgreSqlBudgetLedger.OpenAsync(PostgresServer.DataSource, treeId, WorkerTrees.Claims());
        using var worker = WorkerProcess.Start("claim", treeId, "victim", 1_000_000, 10);
        var started = DateTime.UtcNow;
        while (worker.Lines.Count(l => l.StartsWith("C ", StringComparison.Ordinal)) < 10 && DateTime.UtcNow - started < Timeout)
        {
            await Task.Delay(20);
        }

        worker.KillHard();
        var printed = worker.Lines.Where(l => l.StartsWith("C ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToList();
        Assert.True(printed.Count >= 10, "The worker committed too little before the kill: " + worker.Errors);

        // Every grant the worker saw committed is committed in the database, with its amount.
        foreach (var line in printed)
        {
            var info = await ledger.GetReservationAsync(new ReservationId(long.Parse(line[1], CultureInfo.InvariantCulture)));
            Assert.Equal((ReservationState.Committed, long.Parse(line[2], CultureInfo.InvariantCulture)), (info!.Value.State, info.Value.Committed.MinorUnits));
        }

        // Its holds (10 s) come back at their expiry, by the sweep; the totals equal the committed grants exactly.
        await ledger.ExpireDueAsync(SystemClock.Instance.GetCurrentInstant() + Duration.FromMinutes(1));
        var end = await ledger.GetSnapshotAsync(SystemClock.Instance.GetCurrentInstant());
        Assert.Empty(Violations(end));
        Assert.Equal(0L, end["root"].Reserved.MinorUnits);
        Assert.Equal(await Scalar($"SELECT coalesce(sum(committed), 0) FROM incentives.reservations WHERE tree_id = '{treeId}'"), end["root"].Committed.MinorUnits);
        Assert.Equal(0L, await Scalar($"SELECT count(*) FROM incentives.reservations WHERE tree_id = '{treeId}' AND state = 1"));
    }

    [Fact]
    public async Task Several_processes_leasing_one_hot_budget_never_exceed_it_and_unused_slices_come_back()
    {
        var treeId = "lease-" + Guid.NewGuid().ToString("N");
        var ledger = await PostgreSqlBudgetLedger.OpenAsync(PostgresServer.DataSource, treeId, WorkerTrees.Hot());
        var workers = Enumerable.Range(0, 3).Select(w => WorkerProcess.Start("lease", treeId, $"l{w}", 1_000_000, 60)).ToList();
        var problems = new List<string>();
        try
        {
            var running = Task.WhenAll(workers.Select(w => w.WaitAsync(Timeout)));
            while (!running.IsCompleted)
            {
                problems.AddRange(Violations(await ledger.GetSnapshotAsync(SystemClock.Instance.GetCurrentInstant())));
                await Task.WhenAny(running, Task.Delay(50));
            }

            await running;
        }
        finally
        {
            workers.ForEach(w => w.Dispose());
        }

        var granted = workers.SelectMany(w => w.Lines).Where(l => l.StartsWith("G ", StringComparison.Ordinal)).Sum(l => long.Parse(l[2..], CultureInfo.InvariantCulture));
        var end = await ledger.GetSnapshotAsync(SystemClock.Instance.GetCurrentInstant());
        Assert.Empty(problems);
        Assert.Equal((0L, granted), (end["hot"].Reserved.MinorUnits, end["hot"].Committed.MinorUnits));

        // The processes ran until the budget was gone: what is left is less than one grant per process.
        Assert.InRange(granted, 50_000 - (3 * 50), 50_000);
    }

    [Fact]
    public async Task A_lease_holder_killed_with_sigkill_keeps_its_slice_only_until_the_lease_expires()
    {
        var treeId = "lease-kill-" + Guid.NewGuid().ToString("N");
        var ledger = await PostgreSqlBudgetLedger.OpenAsync(PostgresServer.DataSource, treeId, WorkerTrees.Hot());
        using var worker = WorkerProcess.Start("lease-hang", treeId, "victim", 300, 3600);
        var started = DateTime.UtcNow;
        while (!worker.Lines.Contains("HOLDING") && DateTime.UtcNow - started < Timeout)
        {
            await Task.Delay(20);
        }

        worker.KillHard();
        var now = SystemClock.Instance.GetCurrentInstant();
        var parked = (await ledger.GetSnapshotAsync(now))["hot"];
        Assert.Equal((2000L, true), (parked.Reserved.MinorUnits, parked.Committed.MinorUnits >= 4000));

        // Before the lease (one hour) expires the slice stays parked; at expiry it comes back.
        await ledger.ExpireDueAsync(now + Duration.FromMinutes(30));
        Assert.Equal(parked.Reserved, (await ledger.GetSnapshotAsync(now))["hot"].Reserved);
        await ledger.ExpireDueAsync(now + Duration.FromHours(2));
        var end = (await ledger.GetSnapshotAsync(now))["hot"];
        Assert.Equal((0L, parked.Committed.MinorUnits), (end.Reserved.MinorUnits, end.Committed.MinorUnits));
        Assert.Equal(50_000 - parked.Committed.MinorUnits, end.Available.MinorUnits);
    }

    internal static IEnumerable<string> Violations(LedgerSnapshot snapshot) =>
        snapshot.Nodes.SelectMany(n => new[]
        {
            n.Reserved.MinorUnits < 0 || n.Committed.MinorUnits < 0 ? $"{n.Path}: negative {n}" : null,
            n.Reserved.MinorUnits + n.Committed.MinorUnits > n.Limit.MinorUnits ? $"{n.Path}: over its limit {n}" : null,
            n.Limit.MinorUnits != n.Available.MinorUnits + n.Reserved.MinorUnits + n.Committed.MinorUnits ? $"{n.Path}: does not add up {n}" : null,
        }).OfType<string>();

    private static IEnumerable<string> CapViolations(IReadOnlyList<ParticipantCapUsage> usage) =>
        usage.Where(u => u.Used > u.Limit || u.Used < 0).Select(u => $"cap {u}");

    private static async Task<long> Scalar(string sql)
    {
        await using var command = PostgresServer.DataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
