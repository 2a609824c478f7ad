using System.Linq;
using System.Threading.Tasks;
using Incentives.Budgets;
using NodaTime;
using static Incentives.Tests.Budgets.TestTrees;

namespace Incentives.Tests.Budgets;

/// <summary>
/// The retention contract every ledger with a pruning call keeps (<see cref="InMemoryBudgetLedger.PruneSettled"/>, and
/// the PostgreSQL ledger's <c>PruneSettledAsync</c>): old settled reservations and refused keys are forgotten, held
/// reservations never, no balance moves, and a retry within the retention still replays. A durable ledger's test
/// project derives from this class, as it does from <see cref="BudgetLedgerContractTests"/>.
/// </summary>
public abstract class BudgetLedgerPruningContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 10, 8, 0);

    /// <summary>Creates an empty ledger for <paramref name="tree"/>.</summary>
    /// <param name="tree">The budget tree.</param>
    /// <returns>The ledger under test.</returns>
    protected abstract IBudgetLedger CreateLedger(BudgetTree tree);

    /// <summary>Prunes <paramref name="ledger"/> (made by <see cref="CreateLedger"/>) with the cut-off <paramref name="settledBefore"/>.</summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="settledBefore">The cut-off.</param>
    /// <returns>What was removed.</returns>
    protected abstract ValueTask<LedgerPruneResult> PruneAsync(IBudgetLedger ledger, Instant settledBefore);

    [Fact]
    public async Task Pruning_forgets_old_settled_records_keeps_recent_and_held_ones_and_moves_no_money()
    {
        // docs/budgets.md: "Pruning settled reservations"
        var ledger = CreateLedger(Small());
        var granted = (await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0))).ReservationId;
        await ledger.CommitAsync(granted, Cny(10m), T0);
        await ledger.RefundAsync(new RefundRequest("r1", granted, Cny(4m), T0 + Duration.FromHours(1)));
        var held = (await ledger.ReserveAsync(Request("k2", "root/b", 20m, T0))).ReservationId;
        var released = (await ledger.ReserveAsync(Request("k3", "root/b", 5m, T0))).ReservationId;
        var denied = await ledger.ReserveAsync(Request("k4", "root/a/x", 60m, T0));
        await ledger.ReleaseAsync(released, T0 + Duration.FromHours(2));
        var before = await ledger.GetSnapshotAsync(T0 + Duration.FromHours(2));

        var pruned = await PruneAsync(ledger, T0 + Duration.FromMinutes(90));

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
        var ledger = CreateLedger(Small());
        var held = (await ledger.ReserveAsync(Request("k1", "root/a", 1m, T0, holdFor: Duration.FromDays(10)))).ReservationId;
        var expiring = (await ledger.ReserveAsync(Request("k2", "root/a", 1m, T0, holdFor: Duration.FromMinutes(5)))).ReservationId;
        await ledger.ExpireDueAsync(T0 + Duration.FromDays(1));

        Assert.Equal(new LedgerPruneResult(0, 0), await PruneAsync(ledger, T0 + Duration.FromMinutes(5)));
        Assert.Equal(new LedgerPruneResult(1, 1), await PruneAsync(ledger, T0 + Duration.FromMinutes(6)));

        Assert.Equal(ReservationState.Held, (await ledger.GetReservationAsync(held))!.Value.State);
        Assert.Null(await ledger.GetReservationAsync(expiring));
        Assert.True((await ledger.CommitAsync(held, Cny(1m), T0 + Duration.FromDays(1))).Succeeded);
        Assert.Equal(Cny(1m), (await ledger.GetSnapshotAsync(T0 + Duration.FromDays(1)))["root/a"].Committed);
    }
}
