using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.PostgreSql.Worker;
using NodaTime;

namespace Incentives.PostgreSql.Tests;

/// <summary><see cref="PostgreSqlBudgetLedger.GrantAsync"/>: reserve and commit in one transaction.</summary>
public sealed class GrantTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 10, 8, 0);

    private static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    private static ReserveRequest Request(string key, string path, decimal amount, string participant = "ann") =>
        new(key, path, participant, Cny(amount), T0, T0 + Duration.FromMinutes(5));

    [Fact]
    public async Task A_grant_is_committed_at_once_replays_by_key_and_can_be_refunded()
    {
        var ledger = Ledgers.Fresh(WorkerTrees.Claims());

        var granted = await ledger.GrantAsync(Request("g1", "root/b", 30m));
        var again = await ledger.GrantAsync(Request("g1", "root/b", 30m));
        var conflict = await ledger.GrantAsync(Request("g1", "root/b", 31m));

        Assert.True(granted.IsReserved);
        Assert.True(again.IsReplay && again.ReservationId == granted.ReservationId);
        Assert.Equal(BudgetDenialCode.IdempotencyKeyConflict, conflict.Denial!.Code);
        var info = (await ledger.GetReservationAsync(granted.ReservationId))!.Value;
        Assert.Equal((ReservationState.Committed, Cny(30m)), (info.State, info.Committed));
        var root = (await ledger.GetSnapshotAsync(T0))["root"];
        Assert.Equal((Cny(0m), Cny(30m), Cny(70m)), (root.Reserved, root.Committed, root.Available));
        Assert.True((await ledger.RefundAsync(new RefundRequest("r1", granted.ReservationId, Cny(10m), T0))).Succeeded);
        Assert.Equal(Cny(20m), (await ledger.GetSnapshotAsync(T0))["root"].Committed);
    }

    [Fact]
    public async Task A_grant_is_refused_with_the_same_reasons_as_a_reservation_and_moves_nothing()
    {
        var ledger = Ledgers.Fresh(WorkerTrees.Claims());
        var reference = new InMemoryBudgetLedger(WorkerTrees.Claims());

        var overLimit = await ledger.GrantAsync(Request("g1", "root/b", 71m));
        var overCap = await ledger.GrantAsync(Request("g2", "root/a", 21m));

        Assert.Equal(Fields((await reference.ReserveAsync(Request("g1", "root/b", 71m))).Denial), Fields(overLimit.Denial));
        Assert.Equal(Fields((await reference.ReserveAsync(Request("g2", "root/a", 21m))).Denial), Fields(overCap.Denial));
        Assert.Equal(BudgetDenialCode.CapAmountReached, overCap.Denial!.Code);
        Assert.Equal(Cny(100m), (await ledger.GetSnapshotAsync(T0))["root"].Available);
        Assert.True((await ledger.GrantAsync(Request("g1", "root/b", 71m))).IsReplay);
    }

    private static (BudgetDenialCode, string, string?, CapKind?, Money?, int?) Fields(BudgetDenial? d) =>
        (d!.Code, d.Message, d.NodePath, d.Cap, d.Remaining, d.RemainingGrants);
}
