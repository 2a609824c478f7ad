using System.Threading.Tasks;
using Incentives.Budgets;
using NodaTime;
using NodaTime.Testing;
using static Incentives.Tests.Budgets.TestTrees;

namespace Incentives.Tests.Budgets;

public sealed class BudgetLedgerClockExtensionsTests
{
    [Fact]
    public async Task A_hold_taken_with_a_clock_expires_when_the_clock_passes_its_expiry()
    {
        // docs/budgets.md: "Reserve, commit and expire with a clock"
        var clock = new FakeClock(Day(2, 20));
        IBudgetLedger ledger = new InMemoryBudgetLedger(Paced(PacingPlan.Even()));

        var first = await ledger.ReserveAsync(clock, "order-1001", "c", "li-lei", Cny(8.88m), Duration.FromMinutes(10));
        var second = await ledger.ReserveAsync(clock, "order-1002", "c", "han-meimei", Cny(6.66m), Duration.FromMinutes(10));
        await ledger.CommitAsync(clock, first.ReservationId, Cny(8.88m));
        clock.AdvanceMinutes(10);
        var expired = await ledger.ExpireDueAsync(clock);

        Assert.Equal(1, expired);
        var info = Assert.NotNull(await ledger.GetReservationAsync(second.ReservationId));
        Assert.Equal(ReservationState.Expired, info.State);
        Assert.Equal(BudgetDenialCode.ReservationExpired, (await ledger.ReleaseAsync(clock, second.ReservationId)).Denial!.Code);
        Assert.Equal(Cny(8.88m), (await ledger.GetSnapshotAsync(clock.GetCurrentInstant()))["c"].Committed);
    }
}
