using System;
using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.PostgreSql.Worker;
using NodaTime;
using NodaTime.Testing;

namespace Incentives.PostgreSql.Tests;

/// <summary><see cref="BudgetLease"/> in one process: slices, settlement, refills before expiry, what it refuses.</summary>
public sealed class BudgetLeaseTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 10, 8, 0);

    private static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    [Fact]
    public async Task Grants_come_from_one_slice_and_disposing_commits_them_and_returns_the_rest()
    {
        // docs/postgresql.md: "Leasing"
        var ledger = Ledgers.Fresh(WorkerTrees.Hot());
        var clock = new FakeClock(T0);
        var lease = new BudgetLease(ledger, "hot", "server-1", Cny(20m), Duration.FromMinutes(5), clock);

        Assert.True(await lease.TryGrantAsync(Cny(3m)));
        Assert.True(await lease.TryGrantAsync(Cny(4m)));
        var during = (await ledger.GetSnapshotAsync(T0))["hot"];
        await lease.DisposeAsync();
        var after = (await ledger.GetSnapshotAsync(T0))["hot"];

        Assert.Equal((Cny(20m), Cny(0m)), (during.Reserved, during.Committed));
        Assert.Equal((Cny(0m), Cny(7m), Cny(493m)), (after.Reserved, after.Committed, after.Available));
    }

    [Fact]
    public async Task A_slice_is_settled_and_renewed_before_its_lease_expires()
    {
        var ledger = Ledgers.Fresh(WorkerTrees.Hot());
        var clock = new FakeClock(T0);
        await using var lease = new BudgetLease(ledger, "hot", "server-1", Cny(20m), Duration.FromMinutes(10), clock);
        Assert.True(await lease.TryGrantAsync(Cny(1m)));

        // Nine and a half minutes in, less than a tenth of the lease is left: the next grant settles and takes a new slice.
        clock.Advance(Duration.FromSeconds(570));
        Assert.True(await lease.TryGrantAsync(Cny(2m)));

        var hot = (await ledger.GetSnapshotAsync(clock.GetCurrentInstant()))["hot"];
        Assert.Equal((Cny(20m), Cny(1m)), (hot.Reserved, hot.Committed));
        Assert.Equal(Cny(1m), lease.Settled);
    }

    [Fact]
    public async Task When_the_budget_is_short_the_last_slice_is_what_is_left_and_then_grants_are_refused()
    {
        var ledger = Ledgers.Fresh(new BudgetTreeBuilder(Currency.CNY).Add("hot", Cny(25m)).Build());
        await using var lease = new BudgetLease(ledger, "hot", "server-1", Cny(20m), Duration.FromMinutes(10), new FakeClock(T0));

        Assert.True(await lease.TryGrantAsync(Cny(18m)));
        Assert.True(await lease.TryGrantAsync(Cny(5m)));
        Assert.False(await lease.TryGrantAsync(Cny(3m)));

        // 18.00 from the first slice; the second slice is the 7.00 left; refusing 3.00 settled it (5.00) and returned 2.00.
        var hot = (await ledger.GetSnapshotAsync(T0))["hot"];
        Assert.Equal((Cny(0m), Cny(23m), Cny(2m)), (hot.Reserved, hot.Committed, hot.Available));
    }

    [Fact]
    public void A_node_with_participant_caps_on_its_path_cannot_be_leased()
    {
        var ledger = Ledgers.Fresh(WorkerTrees.Claims());

        var e = Assert.Throws<ArgumentException>("nodePath", () => new BudgetLease(ledger, "root/a", "s", Cny(10m), Duration.FromMinutes(1), new FakeClock(T0)));

        Assert.Contains("participant caps", e.Message, StringComparison.Ordinal);
    }
}
