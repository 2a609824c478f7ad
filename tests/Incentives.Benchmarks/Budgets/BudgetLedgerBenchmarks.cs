using System.Threading;
using BenchmarkDotNet.Attributes;
using Incentives.Budgets;
using NodaTime;

namespace Incentives.Benchmarks.Budgets;

/// <summary>
/// Single-threaded reserve+commit on a one-level and a three-level path, against the smallest correct lock-free
/// alternative: one <see cref="Interlocked.CompareExchange(ref long, long, long)"/> loop per level that adds the
/// amount only if it stays within the limit. Each invocation runs <see cref="Operations"/> reserve+commit pairs
/// on a fresh ledger (the ledger keeps every reservation for idempotency and refunds).
/// </summary>
[MemoryDiagnoser]
public class BudgetLedgerBenchmarks
{
    /// <summary>Reserve+commit pairs per invocation.</summary>
    public const int Operations = 10_000;

    private static readonly Instant At = Instant.FromUtc(2026, 2, 16, 12, 0);
    private readonly Money amount = Money.FromMinorUnits(100, Currency.CNY);
    private string[] keys = [];
    private BudgetTree tree = null!;
    private string path = string.Empty;
    private long[] cells = [];

    /// <summary>Gets or sets the depth of the path reserved on.</summary>
    [Params(1, 3)]
    public int Levels { get; set; }

    /// <summary>Builds the tree and the idempotency keys once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (tree, path) = BenchmarkTrees.Path(Levels);
        keys = BenchmarkTrees.Keys(Operations);
        cells = new long[Levels];
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

    /// <summary>Reserve then commit in full on <see cref="InMemoryBudgetLedger"/>.</summary>
    /// <returns>The last reservation id.</returns>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long InMemoryLedgerReserveCommit()
    {
        var ledger = new InMemoryBudgetLedger(tree);
        var expires = At + Duration.FromMinutes(5);
        long last = 0;
        for (var i = 0; i < Operations; i++)
        {
            var reserved = BenchmarkTrees.Sync(ledger.ReserveAsync(new ReserveRequest(keys[i], path, "participant", amount, At, expires)));
            BenchmarkTrees.Sync(ledger.CommitAsync(reserved.ReservationId, amount, At));
            last = reserved.ReservationId.Value;
        }

        return last;
    }
}
