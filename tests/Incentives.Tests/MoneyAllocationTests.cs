using System;
using System.Linq;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Tests.Support;

namespace Incentives.Tests;

public sealed class MoneyAllocationTests
{
    private static long[] Minor(Money[] parts) => Array.ConvertAll(parts, p => p.MinorUnits);

    [Fact]
    public void Splitting_five_fen_three_ways_gives_two_two_one()
    {
        // Worked example from the issue and from Martin Fowler's Money pattern (Patterns of Enterprise Application Architecture, p. 494).
        var parts = Money.FromDecimal(0.05m, Currency.CNY).Allocate(3);

        Assert.Equal(new[] { 0.02m, 0.02m, 0.01m }, parts.Select(p => p.Amount));
        Assert.All(parts, p => Assert.Same(Currency.CNY, p.Currency));
    }

    [Fact]
    public void Splitting_a_negative_amount_mirrors_the_positive_split()
    {
        Assert.Equal(new[] { -2L, -2L, -1L }, Minor(Money.FromDecimal(-0.05m, Currency.CNY).Allocate(3)));
    }

    [Fact]
    public void Even_split_at_the_edges_of_long()
    {
        var min = Money.FromMinorUnits(long.MinValue, Currency.CNY).Allocate(2);
        var max = Money.FromMinorUnits(long.MaxValue, Currency.CNY).Allocate(2);

        Assert.Equal(new[] { long.MinValue / 2, long.MinValue / 2 }, Minor(min));
        Assert.Equal(new[] { (long.MaxValue / 2) + 1, long.MaxValue / 2 }, Minor(max));
    }

    [Fact]
    public void Weighted_split_gives_the_leftover_to_the_largest_remainders_then_the_earlier_part()
    {
        // 1.00 split 1:1:1 -> 33.33.. each; the one leftover fen goes to the first (equal remainders, earlier index).
        Assert.Equal(new[] { 34L, 33L, 33L }, Minor(Money.FromMinorUnits(100, Currency.CNY).Allocate(1L, 1L, 1L)));

        // 0.10 split 1:2:3 -> exact shares 1.666, 3.333, 5; floors 1, 3, 5 leave 1 fen for the largest remainder (part 0).
        Assert.Equal(new[] { 2L, 3L, 5L }, Minor(Money.FromMinorUnits(10, Currency.CNY).Allocate(1L, 2L, 3L)));
    }

    [Fact]
    public void Campaign_budget_split_50_30_20_is_exact()
    {
        var budget = Money.FromDecimal(3_000_000_000m, Currency.CNY);

        var byApp = budget.Allocate(50, 30, 20);

        Assert.Equal(new[] { 1_500_000_000m, 900_000_000m, 600_000_000m }, byApp.Select(p => p.Amount));
        Assert.Equal(byApp.Select(p => p.MinorUnits), Minor(budget.Allocate(new[] { 0.5m, 0.3m, 0.2m })));
    }

    [Fact]
    public void Decimal_weights_split_like_their_integer_equivalents()
    {
        var amount = Money.FromDecimal(100m, Currency.JPY);

        Assert.Equal(new[] { 34L, 33L, 33L }, Minor(amount.Allocate(new[] { 0.1m, 0.1m, 0.1m })));
        Assert.Equal(Minor(amount.Allocate(7L, 11L, 13L)), Minor(amount.Allocate(new[] { 0.7m, 1.1m, 1.3m })));
    }

    [Fact]
    public void Zero_weights_get_zero_even_when_there_is_a_leftover()
    {
        Assert.Equal(new[] { 0L, 1L, 0L, 0L }, Minor(Money.FromMinorUnits(1, Currency.CNY).Allocate(0L, 1L, 1L, 0L)));
        Assert.Equal(new[] { 0L, 50L, 50L }, Minor(Money.FromMinorUnits(100, Currency.CNY).Allocate(new[] { 0m, 1m, 1m })));
    }

    [Fact]
    public void Huge_weights_do_not_overflow()
    {
        var amount = Money.FromMinorUnits(long.MaxValue, Currency.CNY);

        var parts = amount.Allocate(long.MaxValue, long.MaxValue, 1L);

        Assert.Equal(long.MaxValue, parts.Aggregate(Int128.Zero, (s, p) => s + p.MinorUnits));
        Assert.InRange(parts[2].MinorUnits, 0, 1); // its exact share is just under half a fen
        Assert.Equal(long.MaxValue, Money.FromMinorUnits(long.MaxValue, Currency.CNY).Allocate(new[] { 79_228_162_514_264_337_593_543_950_335m, 1m }).Aggregate(Int128.Zero, (s, p) => s + p.MinorUnits));
    }

    [Fact]
    public void Allocation_InvalidInput()
    {
        var amount = Money.FromMinorUnits(100, Currency.CNY);

        Assert.Equal("parts", Assert.Throws<ArgumentOutOfRangeException>(() => amount.Allocate(0)).ParamName);
        Assert.Equal("parts", Assert.Throws<ArgumentOutOfRangeException>(() => amount.Allocate(-1)).ParamName);

        var empty = Assert.Throws<ArgumentException>(() => amount.Allocate(ReadOnlySpan<long>.Empty));
        Assert.Equal("weights", empty.ParamName);
        Assert.Contains("At least one weight", empty.Message, StringComparison.Ordinal);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => amount.Allocate(ReadOnlySpan<decimal>.Empty)).ParamName);

        var negative = Assert.Throws<ArgumentException>(() => amount.Allocate(1L, -1L));
        Assert.Equal("weights", negative.ParamName);
        Assert.Contains("index 1", negative.Message, StringComparison.Ordinal);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => amount.Allocate(new[] { -0.5m })).ParamName);

        var allZero = Assert.Throws<ArgumentException>(() => amount.Allocate(0L, 0L));
        Assert.Equal("weights", allZero.ParamName);
        Assert.Contains("greater than zero", allZero.Message, StringComparison.Ordinal);
        Assert.Equal("weights", Assert.Throws<ArgumentException>(() => amount.Allocate(new[] { 0m, 0.0m })).ParamName);
    }

    private static Gen<long[]> WeightsGen { get; } =
        Gen.Frequency(
                (3, Gen.Choose(0, 10).Select(x => (long)x)),
                (2, Gen.Choose(0, 1_000_000).Select(x => (long)x)),
                (1, FsCheck.FSharp.Gen.Choose64(0, long.MaxValue)))
            .ArrayOf()
            .Where(w => w.Length > 0 && w.Any(x => x > 0));

    private static Arbitrary<(Money Amount, long[] Weights)> AmountAndWeights { get; } =
        (from amount in MoneyArbitraries.MoneyGen
         from weights in WeightsGen
         select (amount, weights)).ToArbitrary();

    private static Arbitrary<(Money Amount, int Parts)> AmountAndParts { get; } =
        (from amount in MoneyArbitraries.MoneyGen
         from parts in Gen.Frequency((4, Gen.Choose(1, 20)), (1, Gen.Choose(1, 2000)))
         select (amount, parts)).ToArbitrary();

    private static Arbitrary<(Money Amount, decimal[] Weights)> AmountAndDecimalWeights { get; } =
        (from amount in MoneyArbitraries.MoneyGen
         from weights in Gen.Choose(0, 1_000_000).Select(x => x / 1000m).ArrayOf()
         where weights.Length > 0 && weights.Any(x => x > 0)
         select (amount, weights)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Allocation_parts_always_sum_to_the_total() =>
        Prop.ForAll(AmountAndWeights, x => x.Amount.Allocate(x.Weights).Aggregate(Int128.Zero, (s, p) => s + p.MinorUnits) == x.Amount.MinorUnits)
            .And(Prop.ForAll(AmountAndParts, x => x.Amount.Allocate(x.Parts).Aggregate(Int128.Zero, (s, p) => s + p.MinorUnits) == x.Amount.MinorUnits))
            .And(Prop.ForAll(AmountAndDecimalWeights, x => x.Amount.Allocate(x.Weights).Aggregate(Int128.Zero, (s, p) => s + p.MinorUnits) == x.Amount.MinorUnits));

    [Property(MaxTest = 300)]
    public Property Each_part_is_within_one_minor_unit_of_its_exact_share() =>
        Prop.ForAll(AmountAndWeights, x =>
        {
            var parts = x.Amount.Allocate(x.Weights);
            var total = x.Weights.Aggregate(BigInteger.Zero, (s, w) => s + w);
            return parts.Select((p, i) => BigInteger.Abs((p.MinorUnits * total) - (x.Amount.MinorUnits * (BigInteger)x.Weights[i])) < total).All(ok => ok);
        });

    [Property(MaxTest = 300)]
    public Property Each_part_is_within_one_minor_unit_of_its_exact_share_for_decimal_weights() =>
        Prop.ForAll(AmountAndDecimalWeights, x =>
        {
            // The generated weights have at most three decimals: scaled by 1000 they are whole numbers.
            var parts = x.Amount.Allocate(x.Weights);
            var scaled = x.Weights.Select(w => (BigInteger)(w * 1000m)).ToArray();
            var total = scaled.Aggregate(BigInteger.Zero, (s, w) => s + w);
            return parts.Select((p, i) => BigInteger.Abs((p.MinorUnits * total) - (x.Amount.MinorUnits * scaled[i])) < total).All(ok => ok);
        });

    [Property(MaxTest = 300)]
    public Property Even_parts_differ_by_at_most_one_minor_unit_and_never_change_sign() =>
        Prop.ForAll(AmountAndParts, x =>
        {
            var parts = Minor(x.Amount.Allocate(x.Parts));
            return parts.Max() - (Int128)parts.Min() <= 1 && parts.All(p => Math.Sign(p) * Math.Sign(x.Amount.MinorUnits) >= 0);
        });

    [Property(MaxTest = 300)]
    public Property No_part_has_the_opposite_sign_and_zero_weights_get_zero() =>
        Prop.ForAll(AmountAndWeights, x =>
        {
            var parts = x.Amount.Allocate(x.Weights);
            return parts.Select((p, i) => (x.Weights[i] != 0 || p.IsZero) && p.Sign * x.Amount.Sign >= 0).All(ok => ok);
        });

    [Property(MaxTest = 100)]
    public Property Allocation_is_deterministic() =>
        Prop.ForAll(AmountAndWeights, x => Minor(x.Amount.Allocate(x.Weights)).SequenceEqual(Minor(x.Amount.Allocate(x.Weights))));
}
