using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Incentives.Budgets;
using NodaTime;
using static Incentives.Tests.Budgets.TestTrees;

namespace Incentives.Tests.Budgets;

/// <summary>
/// Many threads hammer one small budget and one participant's caps with reserve, commit (full and partial),
/// release, refund, expiry and duplicate keys, while a checker thread reads consistent snapshots. No sleeps:
/// each worker runs a fixed number of operations with its own fixed-seed random source.
/// </summary>
public abstract class BudgetLedgerConcurrencyTests
{
    private const int OperationsPerWorker = 10000;
    private static readonly int Workers = Math.Max(4, Environment.ProcessorCount * 2);

    /// <summary>Creates an empty ledger for <paramref name="tree"/>; a durable store derives and returns its own.</summary>
    protected abstract IBudgetLedger CreateLedger(BudgetTree tree);

    [Fact]
    public void Hammering_one_small_budget_never_exceeds_a_node_and_the_totals_are_exact()
    {
        var tree = new BudgetTreeBuilder(Currency.CNY, ThreeDays)
            .Add("root", Cny(300m), PacingPlan.Even(rollOver: true))
            .Add("root/hot", Cny(150m))
            .Add("root/hot/leaf", Cny(120m))
            .Add("root/cold", Cny(250m))
            .Build();

        var outcome = Hammer(tree, ["root/hot/leaf", "root/hot", "root/cold"], participants: ["p", "q", "r", "s"]);

        Assert.Empty(outcome.Violations);
        Assert.True(outcome.Reserved > 100, $"the run must reach the limit many times, reserved {outcome.Reserved}");
        Assert.True(outcome.Denied > 100, $"the run must be denied many times, denied {outcome.Denied}");
    }

    [Fact]
    public void Hammering_one_participant_caps_never_exceeds_them()
    {
        var caps = new ParticipantCaps { MaxAmountPerCampaign = Cny(40m), MaxGrantsPerCampaign = 12, MaxGrantsPerDay = 5, MaxAmountPerDay = Cny(25m) };
        var tree = new BudgetTreeBuilder(Currency.CNY, ThreeDays)
            .Add("root", Cny(10_000m), caps: caps)
            .Add("root/food", Cny(5_000m), caps: new ParticipantCaps { MaxGrantsPerDay = 3 })
            .Build();

        var outcome = Hammer(tree, ["root/food", "root"], participants: ["p"]);

        Assert.Empty(outcome.Violations);
        Assert.True(outcome.CapDenials > 100, $"the caps must refuse many times, refused {outcome.CapDenials}");
    }

    private HammerOutcome Hammer(BudgetTree tree, string[] paths, string[] participants)
    {
        var ledger = CreateLedger(tree);
        var start = Day(1, 8);
        long clock = 0;
        var violations = new ConcurrentQueue<string>();
        var idsByKey = new ConcurrentDictionary<string, ConcurrentBag<long>>();
        long committedTotal = 0;
        long reserved = 0;
        long denied = 0;
        long capDenials = 0;
        var running = 1;
        using var ready = new Barrier(Workers + 2);

        var checker = new Thread(() =>
        {
            ready.SignalAndWait();
            var checks = 0;
            while (Volatile.Read(ref running) == 1 || checks == 0)
            {
                var at = start + Duration.FromMilliseconds(Interlocked.Read(ref clock));
                foreach (var problem in LedgerInvariants.Violations(tree, ledger.GetSnapshotAsync(at).RunSync()))
                {
                    violations.Enqueue($"during the run: {problem}");
                }

                foreach (var participant in participants)
                {
                    foreach (var usage in ledger.GetParticipantUsageAsync(participant).RunSync().Where(u => u.Used > u.Limit || u.Used < 0))
                    {
                        violations.Enqueue($"during the run: {participant} {usage}");
                    }
                }

                checks++;
            }
        });

        var workers = Enumerable.Range(0, Workers).Select(w => new Thread(() =>
        {
            var random = new Random(1000 + w);
            var mine = new List<(ReservationId Id, Money Amount)>();
            ready.SignalAndWait();
            for (var i = 0; i < OperationsPerWorker; i++)
            {
                try
                {
                    // Instants mostly move forward but threads interleave, so some arrive late: both are legal.
                    var at = start + Duration.FromMilliseconds(Interlocked.Add(ref clock, random.Next(0, 40)));
                    var action = random.Next(100);
                    if (action < 55 || mine.Count == 0)
                    {
                        // Keys are drawn from a pool shared by all threads, so the same key races on several threads.
                        var n = random.Next(0, OperationsPerWorker * Workers / 3);
                        var key = "k" + n;
                        var request = new ReserveRequest(
                            key, paths[n % paths.Length],
                            participants[(n / 7) % participants.Length],
                            Money.FromMinorUnits(1 + (n * 37 % 900), Currency.CNY),
                            at,
                            at + Duration.FromMilliseconds(200 + random.Next(0, 3000)));
                        var result = ledger.ReserveAsync(request).RunSync();
                        if (result.IsReserved)
                        {
                            idsByKey.GetOrAdd(key, _ => []).Add(result.ReservationId.Value);
                            Interlocked.Increment(ref reserved);
                            mine.Add((result.ReservationId, result.Amount));
                        }
                        else if (result.Denial!.Code is BudgetDenialCode.CapAmountReached or BudgetDenialCode.CapGrantsReached)
                        {
                            Interlocked.Increment(ref capDenials);
                        }
                        else
                        {
                            Interlocked.Increment(ref denied);
                        }
                    }
                    else
                    {
                        var (id, amount) = mine[random.Next(mine.Count)];
                        if (action < 75)
                        {
                            var part = Money.FromMinorUnits(Math.Max(1, amount.MinorUnits * random.Next(1, 101) / 100), Currency.CNY);
                            var result = ledger.CommitAsync(id, part, at).RunSync();
                            if (result.Succeeded && !result.IsReplay)
                            {
                                Interlocked.Add(ref committedTotal, result.Amount.MinorUnits);
                            }
                        }
                        else if (action < 90)
                        {
                            ledger.ReleaseAsync(id, at).RunSync();
                        }
                        else
                        {
                            var refundKey = $"refund-{id.Value}-{random.Next(0, 2)}";
                            var refund = new RefundRequest(refundKey, id, Money.FromMinorUnits(1 + random.Next(0, 50), Currency.CNY), at);
                            for (var attempt = 0; attempt < 2; attempt++)
                            {
                                var result = ledger.RefundAsync(refund).RunSync();
                                if (result.Succeeded && !result.IsReplay)
                                {
                                    Interlocked.Add(ref committedTotal, -result.Amount.MinorUnits);
                                }
                            }
                        }
                    }
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException or IndexOutOfRangeException or NullReferenceException)
                {
                    // A ledger that is not thread-safe tends to corrupt its dictionaries; report it rather than crash.
                    violations.Enqueue($"worker {w}: {e.GetType().Name}: {e.Message}");
                }
            }
        })).ToList();

        checker.Start();
        workers.ForEach(t => t.Start());
        ready.SignalAndWait();
        workers.ForEach(t => t.Join());
        Volatile.Write(ref running, 0);
        checker.Join();

        // Afterwards: the totals are exact and every key produced at most one reservation.
        var end = start + Duration.FromMilliseconds(Interlocked.Read(ref clock));
        var snapshot = ledger.GetSnapshotAsync(end).RunSync();
        foreach (var problem in LedgerInvariants.Violations(tree, snapshot))
        {
            violations.Enqueue($"at the end: {problem}");
        }

        foreach (var (key, ids) in idsByKey.Where(kv => kv.Value.Distinct().Count() > 1))
        {
            violations.Enqueue($"key {key} produced reservations {string.Join(", ", ids.Distinct())}");
        }

        var infos = idsByKey.Values.SelectMany(ids => ids.Distinct())
            .Select(id => ledger.GetReservationAsync(new ReservationId(id)).RunSync() ?? throw new InvalidOperationException($"R{id} is lost"))
            .ToList();
        var held = infos.Where(i => i.State == ReservationState.Held).Sum(i => i.Reserved.MinorUnits);
        var committed = infos.Sum(i => i.Committed.MinorUnits);
        var root = snapshot[tree.Root.Path];
        if (root.Committed.MinorUnits != committed || committed != Interlocked.Read(ref committedTotal) || root.Reserved.MinorUnits != held)
        {
            violations.Enqueue($"totals: root {root.Reserved}/{root.Committed} reserved/committed, reservations {held}/{committed}, workers' own sum {committedTotal}");
        }

        return new HammerOutcome([.. violations], reserved, denied, capDenials);
    }

    private sealed record HammerOutcome(List<string> Violations, long Reserved, long Denied, long CapDenials);
}
