using BenchmarkDotNet.Attributes;

namespace Incentives.Benchmarks;

/// <summary>
/// Splitting an amount: evenly into 9 parts (the nine days of the campaign) and by weights (50/30/20 and 100 random
/// weights), against a raw <see cref="long"/> even split into an array as the baseline.
/// </summary>
[MemoryDiagnoser]
public class MoneyAllocationBenchmarks
{
    private readonly Incentives.Money budget = Incentives.Money.FromDecimal(3_000_000_000.07m, Currency.CNY);
    private readonly long[] hundredWeights = new long[100];
    private readonly decimal[] decimalWeights = [0.5m, 0.3m, 0.2m];

    /// <summary>Fills the random weights.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new System.Random(42);
        for (var i = 0; i < hundredWeights.Length; i++)
        {
            hundredWeights[i] = random.Next(0, 1000);
        }
    }

    /// <summary>Baseline: a raw even split of a <see cref="long"/> into 9 parts.</summary>
    [Benchmark(Baseline = true)]
    public long[] LongEvenSplit9()
    {
        var total = budget.MinorUnits;
        var parts = new long[9];
        var quotient = System.Math.DivRem(total, 9, out var remainder);
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = i < remainder ? quotient + 1 : quotient;
        }

        return parts;
    }

    /// <summary>Money split evenly into 9 parts.</summary>
    [Benchmark]
    public Incentives.Money[] Even9() => budget.Allocate(9);

    /// <summary>Money split 50/30/20 with whole-number weights.</summary>
    [Benchmark]
    public Incentives.Money[] Weighted3() => budget.Allocate(50, 30, 20);

    /// <summary>Money split by 100 random whole-number weights.</summary>
    [Benchmark]
    public Incentives.Money[] Weighted100() => budget.Allocate(hundredWeights);

    /// <summary>Money split 0.5/0.3/0.2 with decimal weights.</summary>
    [Benchmark]
    public Incentives.Money[] DecimalWeighted3() => budget.Allocate(decimalWeights);
}
