using BenchmarkDotNet.Attributes;
using Incentives.Rewards.Envelopes;
using Incentives.Rewards.Randomness;

namespace Incentives.Benchmarks.Rewards;

/// <summary>
/// Pre-splitting the campaign's 3,000,000,000 CNY into 10,000,000 envelopes (1.00 to 2,000.00 CNY each) by streaming
/// into a reused 4,096-element buffer, and opening envelopes one at a time from a pool, against filling the same buffer
/// with bounded random numbers from the same generator (the baseline). Every figure is per envelope.
/// </summary>
[MemoryDiagnoser]
public class RedEnvelopeSplitBenchmarks
{
    private const int Envelopes = 10_000_000;
    private const ulong Seed = 20260215;

    private readonly long[] buffer = new long[4096];
    private RedEnvelopeSpec doubleMean = null!;
    private RedEnvelopeSpec doubleMeanLucky = null!;
    private RedEnvelopeSpec cutTheLine = null!;

    /// <summary>Builds the specs once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var total = Money.FromDecimal(3_000_000_000m, Currency.CNY);
        var minimum = Money.FromDecimal(1m, Currency.CNY);
        var maximum = Money.FromDecimal(2_000m, Currency.CNY);
        doubleMean = new RedEnvelopeSpec(total, Envelopes, minimum, maximum);
        doubleMeanLucky = new RedEnvelopeSpec(total, Envelopes, minimum, maximum, luckyAmounts: true);
        cutTheLine = new RedEnvelopeSpec(total, Envelopes, minimum, maximum, EnvelopeAlgorithm.CutTheLine);
    }

    /// <summary>Baseline: fills the buffer with 10,000,000 unbiased bounded random numbers (xoshiro256**), no split logic.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Envelopes)]
    public long FillBufferWithRandomNumbers()
    {
        var random = new SeededRandomSource(Seed);
        long checksum = 0;
        for (var done = 0; done < Envelopes; done += buffer.Length)
        {
            var n = System.Math.Min(buffer.Length, Envelopes - done);
            for (var i = 0; i < n; i++)
            {
                buffer[i] = random.NextInt64(100, 200_001);
            }

            checksum += buffer[n - 1];
        }

        return checksum;
    }

    /// <summary>Streams the double-mean split into the buffer.</summary>
    [Benchmark(OperationsPerInvoke = Envelopes)]
    public long StreamDoubleMean() => Drain(doubleMean.CreateSplitter(new SeededRandomSource(Seed)));

    /// <summary>Streams the double-mean split with lucky amounts into the buffer.</summary>
    [Benchmark(OperationsPerInvoke = Envelopes)]
    public long StreamDoubleMeanLucky() => Drain(doubleMeanLucky.CreateSplitter(new SeededRandomSource(Seed)));

    /// <summary>Streams the cut-the-line split into the buffer.</summary>
    [Benchmark(OperationsPerInvoke = Envelopes)]
    public long StreamCutTheLine() => Drain(cutTheLine.CreateSplitter(new SeededRandomSource(Seed)));

    /// <summary>Enumerates the double-mean split as <see cref="Money"/> values (IEnumerable).</summary>
    [Benchmark(OperationsPerInvoke = Envelopes)]
    public long EnumerateDoubleMean()
    {
        long checksum = 0;
        foreach (var amount in doubleMean.Split(new SeededRandomSource(Seed)))
        {
            checksum += amount.MinorUnits;
        }

        return checksum;
    }

    /// <summary>Opens all 10,000,000 envelopes one at a time from a shared pool (one thread, so the lock is uncontended).</summary>
    [Benchmark(OperationsPerInvoke = Envelopes)]
    public long OpenFromPoolOneAtATime()
    {
        var pool = new RedEnvelopePool(doubleMean, new SeededRandomSource(Seed));
        long checksum = 0;
        while (pool.TryOpen(out var amount))
        {
            checksum += amount.MinorUnits;
        }

        return checksum;
    }

    private long Drain(RedEnvelopeSplitter splitter)
    {
        long checksum = 0;
        int n;
        while ((n = splitter.Fill(buffer)) > 0)
        {
            checksum += buffer[n - 1];
        }

        return checksum;
    }
}
