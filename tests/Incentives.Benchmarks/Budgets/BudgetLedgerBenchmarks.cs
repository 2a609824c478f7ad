using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using BenchmarkDotNet.Attributes;
using Incentives.Budgets;
using NodaTime;

namespace Incentives.Benchmarks.Budgets;

/// <summary>
/// Single-threaded reserve+commit on a one-level and a three-level path, against the smallest correct lock-free
/// alternative (the baseline: one <see cref="Interlocked.CompareExchange(ref long, long, long)"/> loop per level that
/// adds the amount only if it stays within the limit) and against the FLOOR of any idempotent ledger (a labelled
/// floor, not a ledger: the same CAS loops plus the unavoidable idempotency work).
/// </summary>
/// <remarks>
/// Every figure is per reserve+commit pair (<see cref="Operations"/> pairs per invocation). The ledger is measured in
/// its steady state: one ledger lives for the whole run, each invocation moves the clock on by ten minutes, claims
/// <see cref="Operations"/> times with keys that are distinct within the retention, then prunes what it settled
/// (<see cref="InMemoryBudgetLedger.PruneSettled"/>, inside the measured method), as a service would with a retention.
/// The variant <see cref="InMemoryLedgerFreshLedgerNoPruning"/> is the previous rounds' method (a new ledger per
/// invocation that only grows), kept so the figures can be compared with theirs.
/// </remarks>
[MemoryDiagnoser]
public class BudgetLedgerBenchmarks
{
    /// <summary>Reserve+commit pairs per invocation.</summary>
    public const int Operations = 10_000;

    private static readonly Duration Hold = Duration.FromMinutes(5);
    private readonly Money amount = Money.FromMinorUnits(100, Currency.CNY);
    private readonly Dictionary<string, object> floorKeys = new(System.StringComparer.Ordinal);
    private readonly List<FloorRecord> floorRecords = [];
    private string[] keys = [];
    private BudgetTree tree = null!;
    private string path = string.Empty;
    private long[] cells = [];
    private InMemoryBudgetLedger ledger = null!;
    private Instant at = Instant.FromUtc(2026, 2, 16, 12, 0);

    /// <summary>Gets or sets the depth of the path reserved on.</summary>
    [Params(1, 3)]
    public int Levels { get; set; }

    /// <summary>Builds the tree, the idempotency keys and the long-lived ledger once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (tree, path) = BenchmarkTrees.Path(Levels);
        keys = BenchmarkTrees.Keys(Operations);
        cells = new long[Levels];
        ledger = new InMemoryBudgetLedger(tree);
    }

    /// <summary>The baseline: a compare-and-swap loop on one long per level.</summary>
    /// <returns>The total, so the work is not optimised away.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public long InterlockedCompareExchangeLoop()
    {
        System.Array.Clear(cells);
        for (var i = 0; i < Operations; i++)
        {
            for (var level = 0; level < cells.Length; level++)
            {
                BenchmarkTrees.TryAdd(ref cells[level], amount.MinorUnits, long.MaxValue / 2);
            }
        }

        return cells[0];
    }

    /// <summary>
    /// FLOOR (not a ledger): what any idempotent ledger must at least do per pair, with nothing else: the CAS loop per
    /// level, one insert of the idempotency key into a <c>Dictionary&lt;string, object&gt;</c> (hashed once), one record
    /// allocated for it (key, participant, amount, state), and the commit finding that record by its id (a list index).
    /// No lock, no expiry, no day or cap, no result values; the keys are forgotten by <c>Clear()</c> after each invocation.
    /// </summary>
    /// <returns>The total.</returns>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long IdempotencyFloor()
    {
        System.Array.Clear(cells);
        floorKeys.Clear();
        floorRecords.Clear();
        for (var i = 0; i < Operations; i++)
        {
            ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(floorKeys, keys[i], out var exists);
            if (exists)
            {
                continue;
            }

            for (var level = 0; level < cells.Length; level++)
            {
                BenchmarkTrees.TryAdd(ref cells[level], amount.MinorUnits, long.MaxValue / 2);
            }

            var record = new FloorRecord(keys[i], "participant", amount.MinorUnits);
            slot = record;
            floorRecords.Add(record);
            floorRecords[floorRecords.Count - 1].Committed = amount.MinorUnits;
        }

        return cells[0];
    }

    /// <summary>
    /// Reserve then commit in full on a long-lived <see cref="InMemoryBudgetLedger"/> (steady state), then prune what
    /// was settled, as part of the measured work. The node path is passed as the engine passes it (<c>node.Path</c>).
    /// </summary>
    /// <returns>The last reservation id.</returns>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long InMemoryLedgerReserveCommit()
    {
        at += Duration.FromMinutes(10);
        var expires = at + Hold;
        long last = 0;
        for (var i = 0; i < Operations; i++)
        {
            var reserved = BenchmarkTrees.Sync(ledger.ReserveAsync(new ReserveRequest(keys[i], path, "participant", amount, at, expires)));
            BenchmarkTrees.Sync(ledger.CommitAsync(reserved.ReservationId, amount, at));
            last = reserved.ReservationId.Value;
        }

        ledger.PruneSettled(at + Duration.Epsilon);
        return last;
    }

    /// <summary>
    /// VARIANT (previous rounds' method): reserve then commit in full on a fresh ledger per invocation, never pruned, so
    /// the collections grow from empty every time.
    /// </summary>
    /// <returns>The last reservation id.</returns>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long InMemoryLedgerFreshLedgerNoPruning()
    {
        var fresh = new InMemoryBudgetLedger(tree);
        var start = Instant.FromUtc(2026, 2, 16, 12, 0);
        var expires = start + Hold;
        long last = 0;
        for (var i = 0; i < Operations; i++)
        {
            var reserved = BenchmarkTrees.Sync(fresh.ReserveAsync(new ReserveRequest(keys[i], path, "participant", amount, start, expires)));
            BenchmarkTrees.Sync(fresh.CommitAsync(reserved.ReservationId, amount, start));
            last = reserved.ReservationId.Value;
        }

        return last;
    }

    private sealed class FloorRecord(string key, string participantId, long reserved)
    {
        public string Key { get; } = key;

        public string ParticipantId { get; } = participantId;

        public long Reserved { get; } = reserved;

        public long Committed { get; set; }
    }
}
