using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Incentives.Budgets;
using NodaTime;

namespace Incentives.Benchmarks.Budgets;

/// <summary>
/// Reserve+commit on one three-level path with 1, 2 and 4 threads contending (the machine has as many cores as
/// <c>Environment.ProcessorCount</c>), against per-level compare-and-swap loops on shared longs. Figures are per
/// reserve+commit pair over all threads together, so pairs per second = 1 / Mean.
/// </summary>
/// <remarks>
/// The ledger is measured in its steady state: one ledger lives for the whole run; each invocation moves the clock on
/// by ten minutes, the threads claim <see cref="Operations"/> times in total, then the settled reservations are pruned
/// (inside the measured method, on one thread, after the threads joined).
/// </remarks>
[MemoryDiagnoser]
public class BudgetLedgerContentionBenchmarks
{
    /// <summary>Reserve+commit pairs per invocation, shared among the threads.</summary>
    public const int Operations = 40_000;

    private readonly Money amount = Money.FromMinorUnits(100, Currency.CNY);
    private readonly long[] cells = new long[3 * 16];
    private string[] keys = [];
    private BudgetTree tree = null!;
    private string path = string.Empty;
    private InMemoryBudgetLedger ledger = null!;
    private Instant at = Instant.FromUtc(2026, 2, 16, 12, 0);

    /// <summary>Gets or sets the number of threads.</summary>
    [Params(1, 2, 4)]
    public int Threads { get; set; }

    /// <summary>Builds the tree, the idempotency keys and the long-lived ledger once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        (tree, path) = BenchmarkTrees.Path(3);
        keys = BenchmarkTrees.Keys(Operations);
        ledger = new InMemoryBudgetLedger(tree);
    }

    /// <summary>The baseline: three compare-and-swap loops (one per level, on separate cache lines) per operation.</summary>
    /// <returns>The root total.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Operations)]
    public long InterlockedCompareExchangeLoop()
    {
        System.Array.Clear(cells);
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            for (var i = t; i < Operations; i += Threads)
            {
                for (var level = 0; level < 3; level++)
                {
                    BenchmarkTrees.TryAdd(ref cells[level * 16], amount.MinorUnits, long.MaxValue / 2);
                }
            }
        });
        return cells[0];
    }

    /// <summary>Reserve then commit in full on one shared, long-lived <see cref="InMemoryBudgetLedger"/>, then prune what was settled.</summary>
    /// <returns>The number of threads that finished.</returns>
    [Benchmark(OperationsPerInvoke = Operations)]
    public long InMemoryLedgerReserveCommit()
    {
        at += Duration.FromMinutes(10);
        var now = at;
        var expires = now + Duration.FromMinutes(5);
        long count = 0;
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            for (var i = t; i < Operations; i += Threads)
            {
                var reserved = BenchmarkTrees.Sync(ledger.ReserveAsync(new ReserveRequest(keys[i], path, "participant", amount, now, expires)));
                BenchmarkTrees.Sync(ledger.CommitAsync(reserved.ReservationId, amount, now));
            }

            Interlocked.Add(ref count, 1);
        });
        ledger.PruneSettled(now + Duration.Epsilon);
        return count;
    }
}
