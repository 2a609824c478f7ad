using BenchmarkDotNet.Attributes;

namespace Incentives.Benchmarks;

/// <summary>
/// Money <c>+</c> and comparison against raw <see cref="long"/> arithmetic (the baseline) in the same run.
/// Each benchmark runs a loop of 1,000 operations over the same data so that the call overhead of the harness does not dominate.
/// Targets: Money + within 2x of long +; zero allocations.
/// </summary>
[MemoryDiagnoser]
public class MoneyArithmeticBenchmarks
{
    private const int Count = 1000;
    private readonly long[] longs = new long[Count];
    private readonly Incentives.Money[] amounts = new Incentives.Money[Count];

    /// <summary>Fills both arrays with the same minor-unit counts.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var random = new System.Random(42);
        for (var i = 0; i < Count; i++)
        {
            longs[i] = random.Next(0, 1_000_000);
            amounts[i] = Incentives.Money.FromMinorUnits(longs[i], Currency.CNY);
        }
    }

    /// <summary>Baseline: checked <see cref="long"/> addition.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    public long LongAdd()
    {
        var sum = 0L;
        foreach (var x in longs)
        {
            sum = checked(sum + x);
        }

        return sum;
    }

    /// <summary>Money addition: currency check, overflow check.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public Incentives.Money MoneyAdd()
    {
        var sum = Incentives.Money.Zero(Currency.CNY);
        foreach (var x in amounts)
        {
            sum += x;
        }

        return sum;
    }

    /// <summary>Raw <see cref="long"/> comparison.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int LongCompare()
    {
        var count = 0;
        var previous = longs[0];
        foreach (var x in longs)
        {
            count += x < previous ? 1 : 0;
            previous = x;
        }

        return count;
    }

    /// <summary>Money comparison: currency check, then the minor units.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int MoneyCompare()
    {
        var count = 0;
        var previous = amounts[0];
        foreach (var x in amounts)
        {
            count += x < previous ? 1 : 0;
            previous = x;
        }

        return count;
    }
}
