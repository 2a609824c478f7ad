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
/// given back without moving a balance and without breaking a replay within the retention. The examples every ledger
/// shares are in <see cref="BudgetLedgerPruningContractTests"/>; these are the in-memory ledger's own.
/// </summary>
public sealed class InMemoryBudgetLedgerPruningTests : BudgetLedgerPruningContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 10, 8, 0);

    /// <inheritdoc />
    protected override IBudgetLedger CreateLedger(BudgetTree tree) => new InMemoryBudgetLedger(tree);

    /// <inheritdoc />
    protected override ValueTask<LedgerPruneResult> PruneAsync(IBudgetLedger ledger, Instant settledBefore) =>
        new(((InMemoryBudgetLedger)ledger).PruneSettled(settledBefore));

    [Fact]
    public void Pruning_while_threads_claim_keeps_the_totals_exact_and_every_invariant()
    {
        var tree = Small();
        var ledger = new InMemoryBudgetLedger(tree);
        long clock = 0;
        long committed = 0;
        long cutOff = long.MinValue;
        var violations = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var running = 1;
        var pruner = new System.Threading.Thread(() =>
        {
            var prunes = 0;
            while (System.Threading.Volatile.Read(ref running) == 1 || prunes == 0)
            {
                var now = T0 + Duration.FromMilliseconds(System.Threading.Interlocked.Read(ref clock));
                var settledBefore = now - Duration.FromMilliseconds(50);
                System.Threading.Interlocked.Exchange(ref cutOff, settledBefore.ToUnixTimeTicks());
                ledger.PruneSettled(settledBefore);
                foreach (var problem in LedgerInvariants.Violations(tree, ledger.GetSnapshotAsync(now).RunSync()))
                {
                    violations.Enqueue(problem);
                }

                prunes++;
            }
        });
        var workers = Enumerable.Range(0, 4).Select(w => new System.Threading.Thread(() =>
        {
            var random = new System.Random(7 + w);
            for (var i = 0; i < 5000; i++)
            {
                var at = T0 + Duration.FromMilliseconds(System.Threading.Interlocked.Add(ref clock, random.Next(0, 3)));
                var request = new ReserveRequest($"w{w}-{i}", random.Next(2) == 0 ? "root/a/x" : "root/b", "ann", Money.FromMinorUnits(1 + random.Next(500), Currency.CNY), at, at + Duration.FromMilliseconds(20));
                var reserved = ledger.ReserveAsync(request).RunSync();
                if (!reserved.IsReserved)
                {
                    continue;
                }

                // A retry of a request from the latest cut-off on must replay, never reserve again. (A thread descheduled
                // for long may retry after its request fell out of the retention: then a second reservation is allowed.)
                var retry = ledger.ReserveAsync(request).RunSync();
                if (retry.ReservationId != reserved.ReservationId && request.Instant.ToUnixTimeTicks() >= System.Threading.Interlocked.Read(ref cutOff))
                {
                    violations.Enqueue($"{request.IdempotencyKey} reserved twice");
                }

                var commit = random.Next(3) == 0 ? ledger.ReleaseAsync(reserved.ReservationId, at).RunSync() : ledger.CommitAsync(reserved.ReservationId, reserved.Amount, at).RunSync();
                if (commit.Succeeded && commit.Operation == LedgerOperation.Commit && !commit.IsReplay)
                {
                    System.Threading.Interlocked.Add(ref committed, commit.Amount.MinorUnits);
                }
            }
        })).ToList();

        pruner.Start();
        workers.ForEach(t => t.Start());
        workers.ForEach(t => t.Join());
        System.Threading.Volatile.Write(ref running, 0);
        pruner.Join();
        ledger.ExpireDueAsync(T0 + Duration.FromDays(1)).RunSync();
        var end = ledger.GetSnapshotAsync(T0 + Duration.FromDays(1)).RunSync();

        Assert.Empty(violations);
        Assert.Empty(LedgerInvariants.Violations(tree, end));
        Assert.Equal((0L, committed), (end["root"].Reserved.MinorUnits, end["root"].Committed.MinorUnits));
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
