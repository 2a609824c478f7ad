using System;
using FsCheck;
using FsCheck.Fluent;
using Incentives.Rewards.Envelopes;

namespace Incentives.Tests.Rewards.Envelopes;

/// <summary>A pool that admits a split, with a seed, as generated for property tests.</summary>
public sealed record SplitCase(long Total, int Count, long Minimum, long Maximum, EnvelopeAlgorithm Algorithm, bool Lucky, ulong Seed)
{
    public RedEnvelopeSpec Spec => new(
        Money.FromMinorUnits(Total, Currency.CNY),
        Count,
        Money.FromMinorUnits(Minimum, Currency.CNY),
        Money.FromMinorUnits(Maximum, Currency.CNY),
        Algorithm,
        Lucky);

    /// <summary>Small and medium pools: counts 1..300, minima 0..2,000 fen, spreads 0..50,000 fen, totals anywhere in [n·min, n·max], tight ends included.</summary>
    public static Arbitrary<SplitCase> Feasible() => (
        from count in Gen.Frequency((3, Gen.Choose(1, 300)), (1, Gen.Choose(1, 3)))
        from minimum in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(0, 2_000)))
        from spread in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Choose(0, 20)), (3, Gen.Choose(0, 50_000)))
        from position in Gen.Frequency((1, Gen.Constant(0)), (1, Gen.Constant(1_000_000)), (4, Gen.Choose(0, 1_000_000)))
        from algorithm in Gen.Elements(EnvelopeAlgorithm.DoubleMean, EnvelopeAlgorithm.CutTheLine)
        from lucky in Gen.Elements(false, true)
        from seed in Gen.Choose(0, int.MaxValue)
        select Make(count, minimum, minimum + spread, position / 1_000_000m, algorithm, lucky, (ulong)seed)).ToArbitrary();

    /// <summary>Pools of the size of the campaign: up to 3,000,000,000 CNY, amounts up to 10^9 fen per envelope.</summary>
    public static Arbitrary<SplitCase> Large() => (
        from count in Gen.Choose(1, 2_000)
        from minimum in Gen.Choose(0, 1_000_000_000)
        from spread in Gen.Choose(0, 1_000_000_000)
        from position in Gen.Choose(0, 1_000_000)
        from algorithm in Gen.Elements(EnvelopeAlgorithm.DoubleMean, EnvelopeAlgorithm.CutTheLine)
        from lucky in Gen.Elements(false, true)
        from seed in Gen.Choose(0, int.MaxValue)
        select Make(count, minimum, (long)minimum + spread, position / 1_000_000m, algorithm, lucky, (ulong)seed)).ToArbitrary();

    /// <summary>Amounts near the limit of Money: up to long.MaxValue / 4 per envelope, 1 to 4 envelopes.</summary>
    public static Arbitrary<SplitCase> Extreme() => (
        from count in Gen.Choose(1, 4)
        from minimumShare in Gen.Choose(0, 1_000)
        from spreadShare in Gen.Choose(0, 1_000)
        from position in Gen.Choose(0, 1_000_000)
        from algorithm in Gen.Elements(EnvelopeAlgorithm.DoubleMean, EnvelopeAlgorithm.CutTheLine)
        from lucky in Gen.Elements(false, true)
        from seed in Gen.Choose(0, int.MaxValue)
        let unit = long.MaxValue / 8 / 1_000
        select Make(count, minimumShare * unit, (minimumShare + spreadShare) * unit, position / 1_000_000m, algorithm, lucky, (ulong)seed)).ToArbitrary();

    private static SplitCase Make(int count, long minimum, long maximum, decimal position, EnvelopeAlgorithm algorithm, bool lucky, ulong seed)
    {
        var low = count * minimum;
        var high = count * maximum;
        var total = low + (long)Math.Round((high - low) * position);
        return new SplitCase(total, count, minimum, maximum, algorithm, lucky, seed);
    }
}
