using System;
using Incentives.Rewards.Envelopes;

namespace Incentives.Tests.Rewards.Envelopes;

public sealed class RedEnvelopeSpecTests
{
    private static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    [Fact]
    public void Construction_too_little_money_for_the_minima_names_the_numbers()
    {
        // 10 envelopes of at least 1.00 need 10.00; the pool has 5.00.
        var e = Assert.Throws<ArgumentException>(() => new RedEnvelopeSpec(Cny(5m), 10, Cny(1m), Cny(200m)));

        Assert.Equal("total", e.ParamName);
        Assert.Contains("CNY 10.00", e.Message, StringComparison.Ordinal);
        Assert.Contains("CNY 5.00", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Construction_too_much_money_for_the_maxima_names_the_numbers()
    {
        // 3 envelopes of at most 200.00 hold 600.00; the pool has 1,000.00.
        var e = Assert.Throws<ArgumentException>(() => new RedEnvelopeSpec(Cny(1000m), 3, Cny(1m), Cny(200m)));

        Assert.Equal("total", e.ParamName);
        Assert.Contains("CNY 600.00", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Construction_zero_or_negative_count_is_rejected(int count)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RedEnvelopeSpec(Cny(100m), count, Cny(1m), Cny(2m)));

        Assert.Equal("count", e.ParamName);
    }

    [Fact]
    public void Construction_negative_minimum_is_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RedEnvelopeSpec(Cny(100m), 10, Cny(-1m), Cny(20m)));

        Assert.Equal("minimum", e.ParamName);
    }

    [Fact]
    public void Construction_negative_total_is_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RedEnvelopeSpec(Cny(-100m), 10, Cny(0m), Cny(20m)));

        Assert.Equal("total", e.ParamName);
    }

    [Fact]
    public void Construction_maximum_below_minimum_is_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new RedEnvelopeSpec(Cny(100m), 10, Cny(5m), Cny(4m)));

        Assert.Equal("maximum", e.ParamName);
    }

    [Fact]
    public void Construction_mixed_currencies_are_rejected()
    {
        var e = Assert.Throws<CurrencyMismatchException>(
            () => new RedEnvelopeSpec(Cny(100m), 10, Money.FromDecimal(1m, Currency.USD), Cny(20m)));

        Assert.Equal("minimum", e.ParamName);
        Assert.Equal(Currency.USD, e.Actual);

        var e2 = Assert.Throws<CurrencyMismatchException>(
            () => new RedEnvelopeSpec(Cny(100m), 10, Cny(1m), Money.FromDecimal(20m, Currency.USD)));
        Assert.Equal("maximum", e2.ParamName);
    }

    [Fact]
    public void Construction_undefined_algorithm_is_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(
            () => new RedEnvelopeSpec(Cny(100m), 10, Cny(1m), Cny(20m), (EnvelopeAlgorithm)7));

        Assert.Equal("algorithm", e.ParamName);
    }

    [Fact]
    public void Construction_counts_beyond_the_long_range_do_not_overflow_the_check()
    {
        // 2,000,000,000 x 9e18 would overflow a long: the check must still say "too much for the maxima"-free truth.
        var huge = Money.FromMinorUnits(long.MaxValue / 2, Currency.CNY);
        var spec = new RedEnvelopeSpec(huge, 2_000_000_000, Cny(0m), huge);

        Assert.Equal(2_000_000_000, spec.Count);
    }

    [Fact]
    public void Tight_bounds_force_every_envelope()
    {
        // 5 envelopes of exactly 2.00 each: the only split is 2.00 x 5.
        var spec = new RedEnvelopeSpec(Cny(10m), 5, Cny(2m), Cny(2m), EnvelopeAlgorithm.CutTheLine, luckyAmounts: true);

        Assert.All(spec.Split(new Incentives.Rewards.Randomness.SeededRandomSource(1)), m => Assert.Equal(Cny(2m), m));
    }
}
