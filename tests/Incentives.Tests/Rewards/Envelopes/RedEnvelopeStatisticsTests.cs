using System;
using System.Linq;
using Incentives.Rewards.Envelopes;
using Incentives.Rewards.Randomness;

namespace Incentives.Tests.Rewards.Envelopes;

/// <summary>
/// Distribution checks with a fixed seed: deterministic, and with tolerances of 5 to 6 standard errors computed from
/// the sample's own variance, so a correct algorithm passes with any seed (a failure at one seed has odds below 1e-6).
/// </summary>
public sealed class RedEnvelopeStatisticsTests
{
    private const int Trials = 20_000;

    [Theory]
    [InlineData(0.01, 100.00, false)] // the maximum never binds: the classic [min, 2 x mean] draw
    [InlineData(1.00, 15.00, false)] // the maximum binds: the draw is narrowed symmetrically
    [InlineData(0.01, 100.00, true)] // lucky amounts round up or down so that the mean is kept
    public void Double_mean_gives_every_opening_position_a_mean_of_total_over_count(double minimum, double maximum, bool lucky)
    {
        // 100.00 CNY into 10 envelopes: the mean at every position must be 10.00 (1,000 fen).
        var samples = Sample(EnvelopeAlgorithm.DoubleMean, 100m, 10, (decimal)minimum, (decimal)maximum, lucky, seed: 20260215);

        for (var position = 0; position < 10; position++)
        {
            var (mean, standardError) = MeanAndError(samples, position);
            Assert.True(
                Math.Abs(mean - 1_000) <= 5 * standardError,
                $"position {position + 1}: mean {mean:F2} fen, expected 1000 +- {5 * standardError:F2}");
        }
    }

    [Fact]
    public void Double_mean_first_envelope_is_uniform_up_to_twice_the_mean_and_later_ones_spread_wider()
    {
        // The first draw is uniform on [1, 1999] fen: standard deviation 1998 / sqrt(12) = 576.8 (uniform distribution).
        var samples = Sample(EnvelopeAlgorithm.DoubleMean, 100m, 10, 0.01m, 100m, lucky: false, seed: 11);

        var first = StandardDeviation(samples, 0);
        var last = StandardDeviation(samples, 9);
        Assert.InRange(first, 576.8 * 0.97, 576.8 * 1.03);
        Assert.True(last > 1.2 * first, $"the last position spreads wider: {last:F1} vs {first:F1}");
        Assert.All(samples, s => Assert.InRange(s[0], 1, 1_999));
    }

    [Fact]
    public void Cut_the_line_gives_every_position_the_same_spacing_distribution()
    {
        // 9 uniform cut points over 100.00 CNY: each gap is 10,000 x Beta(1, 9), mean 1,000 fen and
        // standard deviation 10,000 x sqrt(9 / (10^2 x 11)) = 904.5 fen (moments of the Beta distribution).
        var samples = Sample(EnvelopeAlgorithm.CutTheLine, 100m, 10, 0m, 100m, lucky: false, seed: 8);

        for (var position = 0; position < 10; position++)
        {
            var (mean, standardError) = MeanAndError(samples, position);
            Assert.True(Math.Abs(mean - 1_000) <= 6 * standardError, $"position {position + 1}: mean {mean:F2}");
            Assert.InRange(StandardDeviation(samples, position), 904.5 * 0.93, 904.5 * 1.07);
        }
    }

    [Fact]
    public void Cut_the_line_with_a_binding_maximum_favours_late_openers()
    {
        // Documented limitation (docs/rewards.md): with 1.00..15.00 per envelope the clamped gaps carry money to the
        // end, so the last opener gets more on average than the first (measured: about 12.6 vs 8.4 CNY).
        var samples = Sample(EnvelopeAlgorithm.CutTheLine, 100m, 10, 1m, 15m, lucky: false, seed: 8);

        var (first, firstError) = MeanAndError(samples, 0);
        var (last, lastError) = MeanAndError(samples, 9);
        Assert.True(last - first > 6 * (firstError + lastError), $"first {first:F0}, last {last:F0}");
    }

    [Fact]
    public void Lucky_amounts_make_every_envelope_but_the_last_end_in_6_or_8_without_a_4_when_bounds_are_loose()
    {
        // 1,000.00 CNY into 100 envelopes of 0.01..200.00: every range a draw can land in holds lucky amounts.
        var spec = new RedEnvelopeSpec(Money.FromDecimal(1_000m, Currency.CNY), 100, Money.FromDecimal(0.01m, Currency.CNY), Money.FromDecimal(200m, Currency.CNY), luckyAmounts: true);

        foreach (var seed in new ulong[] { 1, 2, 3 })
        {
            var amounts = spec.Split(new SeededRandomSource(seed)).Select(m => m.MinorUnits).ToArray();
            Assert.All(amounts.Take(99), a => Assert.True(a % 10 is 6 or 8 && !a.ToString(System.Globalization.CultureInfo.InvariantCulture).Contains('4', StringComparison.Ordinal), $"{a} is not lucky"));
            Assert.Equal(100_000, amounts.Sum());
        }
    }

    internal static long[][] Sample(EnvelopeAlgorithm algorithm, decimal total, int count, decimal minimum, decimal maximum, bool lucky, ulong seed)
    {
        var spec = new RedEnvelopeSpec(
            Money.FromDecimal(total, Currency.CNY), count, Money.FromDecimal(minimum, Currency.CNY), Money.FromDecimal(maximum, Currency.CNY), algorithm, lucky);
        var random = new SeededRandomSource(seed);
        return Enumerable.Range(0, Trials).Select(_ => spec.Split(random).Select(m => m.MinorUnits).ToArray()).ToArray();
    }

    private static (double Mean, double StandardError) MeanAndError(long[][] samples, int position) =>
        (samples.Average(s => (double)s[position]), StandardDeviation(samples, position) / Math.Sqrt(samples.Length));

    private static double StandardDeviation(long[][] samples, int position)
    {
        var mean = samples.Average(s => (double)s[position]);
        return Math.Sqrt(samples.Sum(s => Math.Pow(s[position] - mean, 2)) / (samples.Length - 1));
    }
}
