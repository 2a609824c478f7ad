using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Budgets;
using NodaTime;
using static Incentives.Tests.Budgets.TestTrees;

namespace Incentives.Tests.Budgets;

/// <summary>
/// <see cref="InMemoryBudgetLedger.PruneSettled"/>: memory for old settled reservations and refused keys can be
/// given back without moving a balance and without breaking a replay within the retention.
/// </summary>
public sealed class InMemoryBudgetLedgerPruningTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 10, 8, 0);

    [Fact]
    public async Task Pruning_forgets_old_settled_records_keeps_recent_and_held_ones_and_moves_no_money()
    {
        // docs/budgets.md: "Pruning settled reservations"
        var ledger = new InMemoryBudgetLedger(Small());
        var granted = (await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0))).ReservationId;
        await ledger.CommitAsync(granted, Cny(10m), T0);
        await ledger.RefundAsync(new RefundRequest("r1", granted, Cny(4m), T0 + Duration.FromHours(1)));
        var held = (await ledger.ReserveAsync(Request("k2", "root/b", 20m, T0))).ReservationId;
        var released = (await ledger.ReserveAsync(Request("k3", "root/b", 5m, T0))).ReservationId;
        var denied = await ledger.ReserveAsync(Request("k4", "root/a/x", 60m, T0));
        await ledger.ReleaseAsync(released, T0 + Duration.FromHours(2));
        var before = await ledger.GetSnapshotAsync(T0 + Duration.FromHours(2));

        var pruned = ledger.PruneSettled(T0 + Duration.FromMinutes(90));

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
        var ledger = new InMemoryBudgetLedger(Small());
        var held = (await ledger.ReserveAsync(Request("k1", "root/a", 1m, T0, holdFor: Duration.FromDays(10)))).ReservationId;
        var expiring = (await ledger.ReserveAsync(Request("k2", "root/a", 1m, T0, holdFor: Duration.FromMinutes(5)))).ReservationId;
        await ledger.ExpireDueAsync(T0 + Duration.FromDays(1));

        Assert.Equal(new LedgerPruneResult(0, 0), ledger.PruneSettled(T0 + Duration.FromMinutes(5)));
        Assert.Equal(new LedgerPruneResult(1, 1), ledger.PruneSettled(T0 + Duration.FromMinutes(6)));

        Assert.Equal(ReservationState.Held, (await ledger.GetReservationAsync(held))!.Value.State);
        Assert.Null(await ledger.GetReservationAsync(expiring));
        Assert.True((await ledger.CommitAsync(held, Cny(1m), T0 + Duration.FromDays(1))).Succeeded);
    }

    [Property(MaxTest = 150)]
    public Property Pruning_moves_no_money_and_every_request_from_the_cut_off_on_replays_its_first_outcome() =>
        Prop.ForAll(Arb.From(StepsGen()), Arb.From(Gen.Choose(0, 100)), (steps, cutPercent) =>
        {
            var ledger = new InMemoryBudgetLedger(Paced(PacingPlan.Even(rollOver: true), new ParticipantCaps { MaxGrantsPerDay = 4 }));
            var reserves = new List<(ReserveRequest Request, ReserveResult Outcome)>();
            var refunds = new List<(RefundRequest Request, LedgerResult Outcome)>();
            var at = Day(1, 1);
            foreach (var (minutes, kind, amount) in steps)
            {
                at += Duration.FromMinutes(minutes);
                var last = reserves.Count > 0 ? reserves[^1].Outcome.ReservationId : default;
                switch (kind)
                {
                    case 0:
                        var request = new ReserveRequest($"k{reserves.Count}", "c", "ann", Money.FromMinorUnits(amount, Currency.CNY), at, at + Duration.FromMinutes(30));
                        reserves.Add((request, ledger.ReserveAsync(request).RunSync()));
                        break;
                    case 1:
                        ledger.CommitAsync(last, Money.FromMinorUnits(amount, Currency.CNY), at).RunSync();
                        break;
                    case 2:
                        ledger.ReleaseAsync(last, at).RunSync();
                        break;
                    default:
                        var refund = new RefundRequest($"r{refunds.Count}", last, Money.FromMinorUnits(1 + (amount / 2), Currency.CNY), at);
                        refunds.Add((refund, ledger.RefundAsync(refund).RunSync()));
                        break;
                }
            }

            var cutOff = Day(1, 1) + ((at - Day(1, 1)) * cutPercent / 100.0);
            var before = ledger.GetSnapshotAsync(at).RunSync();
            var usage = ledger.GetParticipantUsageAsync("ann").RunSync();

            ledger.PruneSettled(cutOff);

            var after = ledger.GetSnapshotAsync(at).RunSync();
            Assert.Equal(before.Nodes.SelectMany(n => n.Days), after.Nodes.SelectMany(n => n.Days));
            Assert.Equal(usage, ledger.GetParticipantUsageAsync("ann").RunSync());
            foreach (var (request, outcome) in reserves.Where(r => r.Request.Instant >= cutOff))
            {
                Assert.Equal(outcome.AsReplay(), ledger.ReserveAsync(request with { Instant = at, ExpiresAt = at + Duration.FromMinutes(1) }).RunSync());
            }

            foreach (var (request, outcome) in refunds.Where(r => r.Request.Instant >= cutOff))
            {
                Assert.Equal(outcome.AsReplay(), ledger.RefundAsync(request with { Instant = at }).RunSync());
            }

            Assert.Equal(after.Nodes.SelectMany(n => n.Days), ledger.GetSnapshotAsync(at).RunSync().Nodes.SelectMany(n => n.Days));
        });

    private static Gen<(int Minutes, int Kind, int Amount)[]> StepsGen() =>
        Gen.ArrayOf(
            from minutes in Gen.Choose(0, 90)
            from kind in Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)), (2, Gen.Constant(3)))
            from amount in Gen.Choose(1, 900)
            select (minutes, kind, amount));
}
