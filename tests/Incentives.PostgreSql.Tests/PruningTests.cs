using System.Linq;
using System.Threading.Tasks;
using Incentives.Budgets;
using NodaTime;

namespace Incentives.PostgreSql.Tests;

/// <summary>
/// <see cref="PostgreSqlBudgetLedger.PruneSettledAsync"/>: the same retention semantics as
/// <see cref="InMemoryBudgetLedger.PruneSettled"/> (these are the in-memory pruning examples, run against PostgreSQL, and
/// compared with the in-memory ledger's own counts).
/// </summary>
public sealed class PruningTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 10, 8, 0);

    private static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    // root 100.00 ├ a 60.00 ─ a/x 50.00 └ b 70.00, as TestTrees.Small() in Incentives.Tests.
    private static BudgetTree Small() => new BudgetTreeBuilder(Currency.CNY)
        .Add("root", Cny(100m))
        .Add("root/a", Cny(60m))
        .Add("root/a/x", Cny(50m))
        .Add("root/b", Cny(70m))
        .Build();

    private static ReserveRequest Request(string key, string path, decimal amount, Instant at, Duration? holdFor = null) =>
        new(key, path, "alice", Cny(amount), at, at + (holdFor ?? Duration.FromDays(30)));

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Pruning_forgets_old_settled_records_keeps_recent_and_held_ones_and_moves_no_money(bool postgres)
    {
        IBudgetLedger ledger = postgres ? Ledgers.Fresh(Small()) : new InMemoryBudgetLedger(Small());
        var granted = (await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0))).ReservationId;
        await ledger.CommitAsync(granted, Cny(10m), T0);
        await ledger.RefundAsync(new RefundRequest("r1", granted, Cny(4m), T0 + Duration.FromHours(1)));
        var held = (await ledger.ReserveAsync(Request("k2", "root/b", 20m, T0))).ReservationId;
        var released = (await ledger.ReserveAsync(Request("k3", "root/b", 5m, T0))).ReservationId;
        var denied = await ledger.ReserveAsync(Request("k4", "root/a/x", 60m, T0));
        await ledger.ReleaseAsync(released, T0 + Duration.FromHours(2));
        var before = await ledger.GetSnapshotAsync(T0 + Duration.FromHours(2));

        var pruned = ledger is PostgreSqlBudgetLedger pg
            ? await pg.PruneSettledAsync(T0 + Duration.FromMinutes(90))
            : ((InMemoryBudgetLedger)ledger).PruneSettled(T0 + Duration.FromMinutes(90));

        // k1 (last refunded at +1h) with its refund key r1, and the denied k4, are forgotten; k2 (held) and k3 (released at +2h) are kept.
        Assert.Equal(new LedgerPruneResult(Reservations: 1, IdempotencyRecords: 3), pruned);
        var after = await ledger.GetSnapshotAsync(T0 + Duration.FromHours(2));
        Assert.Equal(before.Nodes.Select(n => (n.Reserved, n.Committed, n.Available)), after.Nodes.Select(n => (n.Reserved, n.Committed, n.Available)));
        Assert.Null(await ledger.GetReservationAsync(granted));
        Assert.NotNull(await ledger.GetReservationAsync(held));
        Assert.True((await ledger.ReserveAsync(Request("k3", "root/b", 5m, T0 + Duration.FromHours(3)))).IsReplay);

        // A retried refund of the pruned grant is refused, never applied twice; settling it is refused too.
        var refundAgain = await ledger.RefundAsync(new RefundRequest("r1", granted, Cny(4m), T0 + Duration.FromHours(3)));
        Assert.Equal(BudgetDenialCode.UnknownReservation, refundAgain.Denial!.Code);
        Assert.Contains("pruned", refundAgain.Denial.Message, System.StringComparison.Ordinal);
        Assert.Equal(BudgetDenialCode.UnknownReservation, (await ledger.CommitAsync(granted, Cny(1m), T0 + Duration.FromHours(3))).Denial!.Code);
        Assert.Equal(Cny(6m), (await ledger.GetSnapshotAsync(T0 + Duration.FromHours(3)))["root"].Committed);

        // The denied key is decided afresh: it still grants at most once.
        Assert.Equal(BudgetDenialCode.NodeLimitReached, denied.Denial!.Code);
        Assert.False((await ledger.ReserveAsync(Request("k4", "root/a/x", 60m, T0 + Duration.FromHours(3)))).IsReplay);
    }

    [Fact]
    public async Task Held_reservations_are_never_pruned_and_expired_ones_are_pruned_by_their_expiry()
    {
        var ledger = Ledgers.Fresh(Small());
        var held = (await ledger.ReserveAsync(Request("k1", "root/a", 1m, T0, holdFor: Duration.FromDays(10)))).ReservationId;
        var expiring = (await ledger.ReserveAsync(Request("k2", "root/a", 1m, T0, holdFor: Duration.FromMinutes(5)))).ReservationId;
        await ledger.ExpireDueAsync(T0 + Duration.FromDays(1));

        Assert.Equal(new LedgerPruneResult(0, 0), await ledger.PruneSettledAsync(T0 + Duration.FromMinutes(5)));
        Assert.Equal(new LedgerPruneResult(1, 1), await ledger.PruneSettledAsync(T0 + Duration.FromMinutes(6)));

        Assert.Equal(ReservationState.Held, (await ledger.GetReservationAsync(held))!.Value.State);
        Assert.Null(await ledger.GetReservationAsync(expiring));
        Assert.True((await ledger.CommitAsync(held, Cny(1m), T0 + Duration.FromDays(1))).Succeeded);
        Assert.Equal(Cny(1m), (await ledger.GetSnapshotAsync(T0 + Duration.FromDays(1)))["root/a"].Committed);
    }
}
