using System;
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

    /// <summary>
    /// Successive prunes, with reservations, commits, releases, refunds and expiries in between, each remove exactly the
    /// reservations (and idempotency keys) that a model says were last settled before the cut-off and not yet pruned: stale
    /// settled-queue entries (a refund settles again, later), expiries settled at their expiry rather than at the ledger time
    /// that noticed them, holds that expire out of order, and cut-offs behind an earlier one or ahead of the ledger's time must
    /// neither add nor lose a removal.
    /// </summary>
    [Property(MaxTest = 150)]
    public Property Successive_prunes_remove_exactly_the_reservations_last_settled_before_each_cut_off() =>
        Prop.ForAll(Arb.From(PruneStepsGen()), steps =>
        {
            var ledger = new InMemoryBudgetLedger(Small());
            var model = new PruneModel();
            var at = T0;
            foreach (var step in steps)
            {
                at += Duration.FromMinutes(step.Gap);
                if (step.Kind == PruneStepKind.Prune)
                {
                    model.AssertPrune(ledger, at, at + Duration.FromMinutes(step.CutMinutes));
                    continue;
                }

                model.Advance(at);
                // A negative pick counts from the newest reservation (those are still held or just settled), a positive one is any.
                var count = model.Reservations.Count;
                var picked = count == 0 ? null : model.Reservations[step.Pick < 0 ? Math.Max(0, count + step.Pick) : step.Pick % count];
                switch (step.Kind)
                {
                    case PruneStepKind.Reserve:
                        model.Reserve(ledger, at, step);
                        break;
                    case PruneStepKind.Commit when picked is not null:
                        model.Commit(ledger, at, picked, step.Variant);
                        break;
                    case PruneStepKind.Release when picked is not null:
                        model.Release(ledger, at, picked);
                        break;
                    case PruneStepKind.Refund when picked is not null:
                        model.Refund(ledger, at, picked, step.Variant);
                        break;
                }
            }

            // The end of the day: every hold expires, and a prune after all of it removes everything that is left.
            at += Duration.FromHours(2);
            ledger.ExpireDueAsync(at).RunSync();
            model.Advance(at);
            model.AssertPrune(ledger, at, at + Duration.FromMinutes(1));
            Assert.All(model.Reservations, r => Assert.True(r.Pruned, $"#{r.Id} was not pruned at the end"));
            model.AssertBalances(ledger, at);
        });

    private static Gen<PruneStep[]> PruneStepsGen() =>
        Gen.ArrayOf(
            from gap in Gen.Choose(0, 30)
            from kind in Gen.Frequency(
                (5, Gen.Constant(PruneStepKind.Reserve)),
                (3, Gen.Constant(PruneStepKind.Commit)),
                (1, Gen.Constant(PruneStepKind.Release)),
                (3, Gen.Constant(PruneStepKind.Refund)),
                (2, Gen.Constant(PruneStepKind.Prune)))
            from hold in Gen.Choose(1, 60)
            from amount in Gen.Choose(1, 3000)
            from pick in Gen.Frequency((2, Gen.Choose(-4, -1)), (1, Gen.Choose(0, 1000)))
            from variant in Gen.Choose(0, 3)
            from cut in Gen.Frequency((4, Gen.Choose(-120, 0)), (1, Gen.Choose(1, 60)))
            from leaf in Gen.Elements(true, false)
            select new PruneStep(gap, kind, hold, amount, pick, variant, cut, leaf));

    private static Gen<(int Minutes, int Kind, int Amount)[]> StepsGen() =>
        Gen.ArrayOf(
            from minutes in Gen.Choose(0, 90)
            from kind in Gen.Frequency((4, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)), (2, Gen.Constant(3)))
            from amount in Gen.Choose(1, 900)
            select (minutes, kind, amount));

    /// <summary>One step of <see cref="Successive_prunes_remove_exactly_the_reservations_last_settled_before_each_cut_off"/>.</summary>
    public sealed record PruneStep(int Gap, PruneStepKind Kind, int Hold, int Amount, int Pick, int Variant, int CutMinutes, bool OnX)
    {
        /// <inheritdoc />
        public override string ToString() => Kind switch
        {
            PruneStepKind.Reserve => $"+{Gap} reserve {Amount} on {(OnX ? "x" : "b")} for {Hold} min",
            PruneStepKind.Prune => $"+{Gap} prune now{CutMinutes:+0;-0}min",
            _ => $"+{Gap} {Kind} #{Pick} v{Variant}",
        };
    }

    /// <summary>What a <see cref="PruneStep"/> does.</summary>
    public enum PruneStepKind
    {
        /// <summary>Reserves with a new key.</summary>
        Reserve,

        /// <summary>Commits an earlier reservation.</summary>
        Commit,

        /// <summary>Releases an earlier reservation.</summary>
        Release,

        /// <summary>Refunds an earlier reservation, with a new key.</summary>
        Refund,

        /// <summary>Prunes with a cut-off relative to the step's instant.</summary>
        Prune,
    }

    /// <summary>A reservation as the model sees it.</summary>
    private sealed class ModelReservation(long id, string path, long reserved, Instant expiresAt)
    {
        public long Id { get; } = id;

        public string Path { get; } = path;

        public long Reserved { get; } = reserved;

        public Instant ExpiresAt { get; } = expiresAt;

        public ReservationState State { get; set; } = ReservationState.Held;

        public long Committed { get; set; }

        public long Refunded { get; set; }

        public Instant SettledAt { get; set; }

        public bool Pruned { get; set; }
    }

    /// <summary>A refused reservation's key or a refund's key, as the model sees it.</summary>
    private sealed record ModelKey(Instant At, long RefundOf);

    /// <summary>
    /// The model of <see cref="Successive_prunes_remove_exactly_the_reservations_last_settled_before_each_cut_off"/>: every
    /// reservation's state and last settlement, every key record, and the rules that decide each operation's outcome.
    /// </summary>
    private sealed class PruneModel
    {
        private static readonly Dictionary<string, long> Limits = new() { ["root"] = 10_000, ["root/a"] = 6_000, ["root/a/x"] = 5_000, ["root/b"] = 7_000 };
        private readonly List<ModelKey> keys = [];
        private int nextKey;

        public List<ModelReservation> Reservations { get; } = [];

        /// <summary>The ledger time moves to <paramref name="at"/>: every hold due by then expires, settled at its expiry.</summary>
        public void Advance(Instant at)
        {
            foreach (var r in Reservations.Where(r => r.State == ReservationState.Held && r.ExpiresAt <= at))
            {
                r.State = ReservationState.Expired;
                r.SettledAt = r.ExpiresAt;
            }
        }

        public void Reserve(InMemoryBudgetLedger ledger, Instant at, PruneStep step)
        {
            var path = step.OnX ? "root/a/x" : "root/b";
            var fits = Ancestry(path).All(n => step.Amount <= Limits[n] - Used(n));
            var request = new ReserveRequest($"k{nextKey++}", path, "ann", Money.FromMinorUnits(step.Amount, Currency.CNY), at, at + Duration.FromMinutes(step.Hold));
            var result = ledger.ReserveAsync(request).RunSync();
            Assert.Equal(fits, result.IsReserved);
            Assert.False(result.IsReplay);
            if (result.IsReserved)
            {
                Assert.DoesNotContain(Reservations, r => r.Id == result.ReservationId.Value);
                Reservations.Add(new ModelReservation(result.ReservationId.Value, path, step.Amount, request.ExpiresAt));
            }
            else
            {
                Assert.Equal(BudgetDenialCode.NodeLimitReached, result.Denial!.Code);
                keys.Add(new ModelKey(at, 0));
            }
        }

        public void Commit(InMemoryBudgetLedger ledger, Instant at, ModelReservation r, int variant)
        {
            var units = variant switch
            {
                0 => r.Reserved,
                1 => Math.Max(1, r.Reserved / 2),
                2 => r.Reserved + 1,
                _ => Math.Max(1, r.Committed + r.Refunded),
            };
            var result = ledger.CommitAsync(new ReservationId(r.Id), Money.FromMinorUnits(units, Currency.CNY), at).RunSync();
            var (succeeds, replay) = r.Pruned
                ? (false, false)
                : r.State switch
                {
                    ReservationState.Held => (units <= r.Reserved, false),
                    ReservationState.Committed => (units == r.Committed + r.Refunded, true),
                    _ => (false, false),
                };
            Assert.Equal((succeeds, succeeds && replay), (result.Succeeded, result.IsReplay));
            if (succeeds && !replay)
            {
                r.State = ReservationState.Committed;
                r.Committed = units;
                r.SettledAt = at;
            }
        }

        public void Release(InMemoryBudgetLedger ledger, Instant at, ModelReservation r)
        {
            var result = ledger.ReleaseAsync(new ReservationId(r.Id), at).RunSync();
            var (succeeds, replay) = r.Pruned
                ? (false, false)
                : r.State switch
                {
                    ReservationState.Held => (true, false),
                    ReservationState.Released => (true, true),
                    _ => (false, false),
                };
            Assert.Equal((succeeds, replay), (result.Succeeded, result.IsReplay));
            if (succeeds && !replay)
            {
                r.State = ReservationState.Released;
                r.SettledAt = at;
            }
        }

        public void Refund(InMemoryBudgetLedger ledger, Instant at, ModelReservation r, int variant)
        {
            var units = variant switch
            {
                0 => Math.Max(1, r.Committed),
                1 => Math.Max(1, r.Committed / 2),
                2 => r.Committed + 1,
                _ => Math.Max(1, r.Reserved / 3),
            };
            var result = ledger.RefundAsync(new RefundRequest($"r{nextKey++}", new ReservationId(r.Id), Money.FromMinorUnits(units, Currency.CNY), at)).RunSync();
            var succeeds = !r.Pruned && r.State == ReservationState.Committed && units <= r.Committed;
            Assert.Equal((succeeds, false), (result.Succeeded, result.IsReplay));
            keys.Add(new ModelKey(at, succeeds ? r.Id : 0));
            if (succeeds)
            {
                r.Committed -= units;
                r.Refunded += units;
                r.SettledAt = at;
            }
        }

        /// <summary>Prunes with <paramref name="cutOff"/> and checks the exact counts, what can still be read, and the balances.</summary>
        public void AssertPrune(InMemoryBudgetLedger ledger, Instant at, Instant cutOff)
        {
            var due = Reservations.Where(r => !r.Pruned && r.State != ReservationState.Held && r.SettledAt < cutOff).ToList();
            var before = Balances(ledger, at);

            var result = ledger.PruneSettled(cutOff);

            due.ForEach(r => r.Pruned = true);
            var dueKeys = keys.Where(k => k.RefundOf != 0 ? Reservations.Single(r => r.Id == k.RefundOf).Pruned : k.At < cutOff).ToList();
            keys.RemoveAll(dueKeys.Contains);
            Assert.Equal((due.Count, due.Count + dueKeys.Count), (result.Reservations, result.IdempotencyRecords));
            Assert.Equal(before, Balances(ledger, at));
            foreach (var r in Reservations)
            {
                var info = ledger.GetReservationAsync(new ReservationId(r.Id)).RunSync();
                if (r.Pruned)
                {
                    Assert.Null(info);
                }
                else
                {
                    Assert.NotNull(info);
                    Assert.Equal((r.State, r.Committed, r.Refunded), (info.Value.State, info.Value.Committed.MinorUnits, info.Value.Refunded.MinorUnits));
                }
            }
        }

        /// <summary>Every node's reserved and committed amounts are the model's sums, pruned reservations included.</summary>
        public void AssertBalances(InMemoryBudgetLedger ledger, Instant at)
        {
            var snapshot = ledger.GetSnapshotAsync(at).RunSync();
            foreach (var node in Limits.Keys)
            {
                var held = Reservations.Where(r => r.State == ReservationState.Held && Ancestry(r.Path).Contains(node)).Sum(r => r.Reserved);
                var committed = Reservations.Where(r => Ancestry(r.Path).Contains(node)).Sum(r => r.Committed);
                Assert.Equal((node, held, committed), (node, snapshot[node].Reserved.MinorUnits, snapshot[node].Committed.MinorUnits));
            }
        }

        private static string Balances(InMemoryBudgetLedger ledger, Instant at) =>
            string.Join("; ", ledger.GetSnapshotAsync(at).RunSync().Nodes.Select(n => $"{n.Path} {n.Reserved} {n.Committed} {n.Available}"));

        private static IEnumerable<string> Ancestry(string path) => path == "root/a/x" ? ["root", "root/a", "root/a/x"] : ["root", "root/b"];

        private long Used(string node) =>
            Reservations.Where(r => Ancestry(r.Path).Contains(node)).Sum(r => (r.State == ReservationState.Held ? r.Reserved : 0) + r.Committed);
    }
}
