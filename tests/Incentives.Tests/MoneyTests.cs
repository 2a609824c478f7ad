using System;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Tests.Support;

namespace Incentives.Tests;

public sealed class MoneyTests
{
    private static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    [Fact]
    public void Construction_counts_minor_units()
    {
        var money = new Money(123456, Currency.CNY);

        Assert.Equal(123456, money.MinorUnits);
        Assert.Equal(1234.56m, money.Amount);
        Assert.Same(Currency.CNY, money.Currency);
        Assert.Equal(money, Money.FromMinorUnits(123456, Currency.CNY));
        Assert.Equal(money, Money.FromDecimal(1234.56m, Currency.CNY));
        Assert.Equal(money, Money.FromDecimal(1234.560000m, Currency.CNY)); // trailing zeros are not extra digits
    }

    [Fact]
    public void Construction_NullCurrency()
    {
        Assert.Equal("currency", Assert.Throws<ArgumentNullException>(() => new Money(1, null!)).ParamName);
        Assert.Equal("currency", Assert.Throws<ArgumentNullException>(() => Money.FromMinorUnits(1, null!)).ParamName);
        Assert.Equal("currency", Assert.Throws<ArgumentNullException>(() => Money.FromDecimal(1m, null!)).ParamName);
        Assert.Equal("currency", Assert.Throws<ArgumentNullException>(() => Money.FromDecimal(1m, null!, MidpointRounding.ToEven)).ParamName);
        Assert.Equal("currency", Assert.Throws<ArgumentNullException>(() => Money.Zero(null!)).ParamName);
    }

    [Fact]
    public void Construction_MoreDecimalsThanTheCurrencyAllows_needs_a_rounding_mode()
    {
        var e = Assert.Throws<ArgumentException>(() => Money.FromDecimal(1.005m, Currency.CNY));

        Assert.Equal("amount", e.ParamName);
        Assert.Contains("CNY", e.Message, StringComparison.Ordinal);
        Assert.Contains("MidpointRounding", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => Money.FromDecimal(0.5m, Currency.JPY));
        Assert.Equal(1005, Money.FromDecimal(1.005m, Currency.KWD).MinorUnits);
    }

    [Theory]
    // Every MidpointRounding mode on a midpoint and off it; the expected values follow the .NET definitions of the modes
    // (https://learn.microsoft.com/dotnet/api/system.midpointrounding), the same as decimal.Round.
    [InlineData("2.345", MidpointRounding.ToEven, "2.34")]
    [InlineData("2.355", MidpointRounding.ToEven, "2.36")]
    [InlineData("2.345", MidpointRounding.AwayFromZero, "2.35")]
    [InlineData("2.344", MidpointRounding.AwayFromZero, "2.34")]
    [InlineData("2.349", MidpointRounding.ToZero, "2.34")]
    [InlineData("-2.349", MidpointRounding.ToZero, "-2.34")]
    [InlineData("2.341", MidpointRounding.ToPositiveInfinity, "2.35")]
    [InlineData("-2.349", MidpointRounding.ToPositiveInfinity, "-2.34")]
    [InlineData("2.349", MidpointRounding.ToNegativeInfinity, "2.34")]
    [InlineData("-2.341", MidpointRounding.ToNegativeInfinity, "-2.35")]
    [InlineData("-2.345", MidpointRounding.ToEven, "-2.34")]
    [InlineData("-2.345", MidpointRounding.AwayFromZero, "-2.35")]
    public void Construction_rounds_with_the_mode_given(string amount, MidpointRounding mode, string expected)
    {
        var money = Money.FromDecimal(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), Currency.CNY, mode);

        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), money.Amount);
    }

    [Fact]
    public void Rounding_a_midpoint_away_from_zero()
    {
        var money = Money.FromDecimal(2.345m, Currency.CNY, MidpointRounding.AwayFromZero);

        Assert.Equal(2.35m, money.Amount);
    }

    [Property(MaxTest = 300)]
    public Property Rounding_construction_agrees_with_decimal_Round() =>
        Prop.ForAll(
            (from minor in Gen.Choose(-1_000_000, 1_000_000)
             from extra in Gen.Choose(0, 999)
             from mode in Gen.Elements(Enum.GetValues<MidpointRounding>())
             select (Amount: minor / 100m + (minor < 0 ? -extra : extra) / 100_000m, Mode: mode)).ToArbitrary(),
            x => Money.FromDecimal(x.Amount, Currency.CNY, x.Mode).Amount == decimal.Round(x.Amount, 2, x.Mode));

    [Fact]
    public void Construction_UndefinedRounding()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromDecimal(1.005m, Currency.CNY, (MidpointRounding)42));

        Assert.Equal("rounding", e.ParamName);
    }

    [Fact]
    public void Construction_Overflow_names_the_operation()
    {
        var e = Assert.Throws<OverflowException>(() => Money.FromDecimal(92_233_720_368_547_758.08m, Currency.CNY));

        Assert.Contains("Converting a decimal amount", e.Message, StringComparison.Ordinal);
        Assert.Equal(long.MinValue, Money.FromDecimal(-92_233_720_368_547_758.08m, Currency.CNY).MinorUnits);
        Assert.Throws<OverflowException>(() => Money.FromDecimal(decimal.MaxValue, Currency.CNY, MidpointRounding.ToEven));
    }

    [Fact]
    public void Amount_is_exact_at_the_edges()
    {
        Assert.Equal(-92_233_720_368_547_758.08m, Money.FromMinorUnits(long.MinValue, Currency.CNY).Amount);
        Assert.Equal(92_233_720_368_547.75807m, Money.FromMinorUnits(long.MaxValue, Currency.DefineCustom("MT-FIVE", 5, "Five digits")).Amount);
    }

    [Fact]
    public void Default_is_zero_without_currency()
    {
        var none = default(Money);

        Assert.True(none.IsZero);
        Assert.Same(Currency.XXX, none.Currency);
        Assert.Equal(Money.Zero(Currency.XXX), none);
        Assert.Equal(Money.Zero(Currency.XXX).GetHashCode(), none.GetHashCode());
        Assert.Equal(Money.FromMinorUnits(5, Currency.XXX), none + Money.FromMinorUnits(5, Currency.XXX));
        Assert.Throws<CurrencyMismatchException>(() => none + Cny(1m));
    }

    [Fact]
    public void Sign_and_predicates()
    {
        Assert.Equal(-1, Cny(-0.01m).Sign);
        Assert.Equal(0, Money.Zero(Currency.CNY).Sign);
        Assert.Equal(1, Cny(0.01m).Sign);
        Assert.True(Cny(-0.01m).IsNegative);
        Assert.True(Cny(0.01m).IsPositive);
        Assert.True(Money.Zero(Currency.CNY).IsZero);
        Assert.False(Money.Zero(Currency.CNY).IsPositive || Money.Zero(Currency.CNY).IsNegative);
    }

    [Fact]
    public void Arithmetic_of_one_currency()
    {
        Assert.Equal(Cny(3.50m), Cny(1.25m) + Cny(2.25m));
        Assert.Equal(Cny(3.50m), Cny(1.25m).Plus(Cny(2.25m)));
        Assert.Equal(Cny(-1.00m), Cny(1.25m) - Cny(2.25m));
        Assert.Equal(Cny(-1.00m), Cny(1.25m).Minus(Cny(2.25m)));
        Assert.Equal(Cny(-1.25m), -Cny(1.25m));
        Assert.Equal(Cny(1.25m), +Cny(1.25m));
        Assert.Equal(Cny(1.25m), Cny(-1.25m).Abs());
        Assert.Equal(Cny(3.75m), Cny(1.25m) * 3);
        Assert.Equal(Cny(-3.75m), -3 * Cny(1.25m));
        Assert.Equal(Cny(1.25m), Money.Min(Cny(1.25m), Cny(2.25m)));
        Assert.Equal(Cny(2.25m), Money.Max(Cny(1.25m), Cny(2.25m)));
    }

    [Fact]
    public void Arithmetic_MixedCurrencies_names_both()
    {
        var cny = Cny(1m);
        var usd = Money.FromDecimal(1m, Currency.USD);

        var e = Assert.Throws<CurrencyMismatchException>(() => cny + usd);
        Assert.Equal("other", e.ParamName);
        Assert.Same(Currency.CNY, e.Expected);
        Assert.Same(Currency.USD, e.Actual);
        Assert.Contains("CNY", e.Message, StringComparison.Ordinal);
        Assert.Contains("USD", e.Message, StringComparison.Ordinal);
        Assert.Throws<CurrencyMismatchException>(() => cny - usd);
        Assert.Throws<CurrencyMismatchException>(() => cny < usd);
        Assert.Throws<CurrencyMismatchException>(() => cny.CompareTo(usd));
        Assert.Throws<CurrencyMismatchException>(() => Money.Min(cny, usd));
        Assert.Throws<CurrencyMismatchException>(() => Money.Max(cny, usd));
        Assert.False(cny == usd); // equality never throws: different currencies are simply not equal
    }

    [Fact]
    public void Arithmetic_Overflow_names_the_operation()
    {
        var max = Money.FromMinorUnits(long.MaxValue, Currency.CNY);
        var min = Money.FromMinorUnits(long.MinValue, Currency.CNY);
        var fen = Money.FromMinorUnits(1, Currency.CNY);

        Assert.StartsWith("Adding CNY 0.01 to CNY 92233720368547758.07 overflows Money", Assert.Throws<OverflowException>(() => max + fen).Message, StringComparison.Ordinal);
        Assert.StartsWith("Subtracting CNY 0.01 from CNY -92233720368547758.08", Assert.Throws<OverflowException>(() => min - fen).Message, StringComparison.Ordinal);
        Assert.StartsWith("Negating", Assert.Throws<OverflowException>(() => -min).Message, StringComparison.Ordinal);
        Assert.StartsWith("Negating", Assert.Throws<OverflowException>(() => min.Abs()).Message, StringComparison.Ordinal);
        Assert.StartsWith("Multiplying", Assert.Throws<OverflowException>(() => max * 2).Message, StringComparison.Ordinal);
        Assert.StartsWith("Multiplying", Assert.Throws<OverflowException>(() => min * -1).Message, StringComparison.Ordinal);
        Assert.StartsWith("Multiplying", Assert.Throws<OverflowException>(() => max.Multiply(1.5m, MidpointRounding.ToEven)).Message, StringComparison.Ordinal);
        Assert.Equal(max, max - fen + fen);
    }

    [Fact]
    public void Percentage_rounded_down()
    {
        // "8% of the order, rounded down": 123.45 x 0.08 = 9.876 -> 9.87.
        var order = Cny(123.45m);

        Assert.Equal(Cny(9.87m), order.Multiply(0.08m, MidpointRounding.ToZero));
        Assert.Equal(Cny(9.88m), order.Multiply(0.08m, MidpointRounding.AwayFromZero));
        Assert.Equal(Cny(-9.87m), (-order).Multiply(0.08m, MidpointRounding.ToZero));
        Assert.Equal(Cny(-9.88m), (-order).Multiply(0.08m, MidpointRounding.ToNegativeInfinity));
        Assert.Equal("rounding", Assert.Throws<ArgumentOutOfRangeException>(() => order.Multiply(0.08m, (MidpointRounding)(-1))).ParamName);
    }

    [Fact]
    public void Equality_and_ordering_contract()
    {
        ValueTypeContract.AssertOrdering(Cny(1.00m), Money.FromMinorUnits(100, Currency.CNY), Cny(2.00m));
        ValueTypeContract.AssertEquality(Cny(1.00m), Cny(1.00m), Money.FromMinorUnits(100, Currency.USD));
    }

    [Property(MaxTest = 300)]
    public Property Adding_then_subtracting_the_same_amount_gives_back_the_original() =>
        Prop.ForAll(MoneyArbitraries.SameCurrencyPair(), p => p.A + p.B - p.B == p.A && p.A + p.B == p.B + p.A);

    [Property(MaxTest = 300)]
    public Property Comparison_agrees_with_minor_units() =>
        Prop.ForAll(
            MoneyArbitraries.SameCurrencyPair(),
            p => Math.Sign(p.A.CompareTo(p.B)) == Math.Sign(p.A.MinorUnits.CompareTo(p.B.MinorUnits))
                && (p.A < p.B) == (p.A.MinorUnits < p.B.MinorUnits)
                && Money.Max(p.A, p.B) - Money.Min(p.A, p.B) == (p.A - p.B).Abs());

    [Property(MaxTest = 300)]
    public Property Overflow_checked_addition_matches_wide_arithmetic() =>
        Prop.ForAll(
            MoneyArbitraries.Money(),
            FsCheck.FSharp.Gen.Choose64(long.MinValue, long.MaxValue).ToArbitrary(),
            (a, b) =>
            {
                var exact = (Int128)a.MinorUnits + b;
                var other = Money.FromMinorUnits(b, a.Currency);
                if (exact < long.MinValue || exact > long.MaxValue)
                {
                    return Assert.Throws<OverflowException>(() => a + other) is not null;
                }

                return (a + other).MinorUnits == (long)exact;
            });

    [Fact]
    public void Arithmetic_and_comparison_do_not_allocate()
    {
        var a = Cny(1.25m);
        var b = Cny(2.25m);
        var sink = 0L;
        for (var i = 0; i < 100; i++)
        {
            sink += (a + b - a).MinorUnits + a.CompareTo(b) + (a < b ? 1 : 0) + (a == b ? 1 : 0) + a.GetHashCode();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            sink += (a + b - a).MinorUnits + a.CompareTo(b) + (a < b ? 1 : 0) + (a == b ? 1 : 0) + a.GetHashCode();
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.NotEqual(0, sink);
    }
}
