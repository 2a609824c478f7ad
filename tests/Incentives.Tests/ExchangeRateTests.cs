using System;
using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Tests.Support;

namespace Incentives.Tests;

public sealed class ExchangeRateTests
{
    [Fact]
    public void Campaign_budget_in_dollars()
    {
        // The figure: 3,000,000,000 CNY at 6.9608 CNY per USD is USD 430,984,944.2592..., USD 430,984,944.26 at two decimals.
        var cnyPerUsd = ExchangeRate.FromQuote(6.9608m, Currency.CNY, perUnitOf: Currency.USD);
        var cnyToUsd = cnyPerUsd.Inverse();
        var budget = Money.FromDecimal(3_000_000_000m, Currency.CNY);

        var inDollars = cnyToUsd.Convert(budget, MidpointRounding.ToEven);

        Assert.Equal(Money.FromDecimal(430_984_944.26m, Currency.USD), inDollars);
        Assert.Equal(430_984_944.25m, cnyToUsd.Convert(budget, MidpointRounding.ToZero).Amount);
        Assert.Same(Currency.CNY, cnyToUsd.From);
        Assert.Same(Currency.USD, cnyToUsd.To);
    }

    [Fact]
    public void A_quote_converts_the_priced_currency_by_multiplying()
    {
        var cnyPerUsd = ExchangeRate.FromQuote(6.9608m, Currency.CNY, perUnitOf: Currency.USD);

        Assert.Same(Currency.USD, cnyPerUsd.From);
        Assert.Same(Currency.CNY, cnyPerUsd.To);
        Assert.Equal(6.9608m, cnyPerUsd.Rate);
        Assert.Equal(Money.FromDecimal(696.08m, Currency.CNY), cnyPerUsd.Convert(Money.FromDecimal(100m, Currency.USD), MidpointRounding.ToEven));
        Assert.Equal(new ExchangeRate(Currency.USD, Currency.CNY, 6.9608m), cnyPerUsd);
        Assert.Equal("1 USD = 6.9608 CNY", cnyPerUsd.ToString());
    }

    [Fact]
    public void Conversion_respects_both_currencies_minor_units()
    {
        // JPY has no minor unit, KWD has three digits.
        var jpyToUsd = new ExchangeRate(Currency.JPY, Currency.USD, 0.0067m);
        var usdToKwd = new ExchangeRate(Currency.USD, Currency.KWD, 0.3071m);

        Assert.Equal(6.70m, jpyToUsd.Convert(Money.FromDecimal(1000m, Currency.JPY), MidpointRounding.ToEven).Amount);
        Assert.Equal(149m, jpyToUsd.Inverse().Convert(Money.FromDecimal(1m, Currency.USD), MidpointRounding.ToEven).Amount);
        Assert.Equal(3.071m, usdToKwd.Convert(Money.FromDecimal(10m, Currency.USD), MidpointRounding.ToEven).Amount);
    }

    [Fact]
    public void Inverse_is_exact()
    {
        var rate = ExchangeRate.FromQuote(6.9608m, Currency.CNY, Currency.USD);

        Assert.Equal(rate, rate.Inverse().Inverse());
        Assert.Equal(ExchangeRate.FromQuote(2m, Currency.EUR, Currency.USD), new ExchangeRate(Currency.EUR, Currency.USD, 0.5m).Inverse());
        Assert.Equal(ExchangeRate.FromQuote(2m, Currency.EUR, Currency.USD).GetHashCode(), new ExchangeRate(Currency.EUR, Currency.USD, 0.5m).Inverse().GetHashCode());
        Assert.Equal(decimal.Round(1m / 6.9608m, 20), decimal.Round(rate.Inverse().Rate, 20));
        Assert.NotEqual(rate, rate.Inverse());
    }

    [Fact]
    public void Same_currency_is_the_identity()
    {
        var amount = Money.FromDecimal(1234.56m, Currency.CNY);

        Assert.Equal(amount, ExchangeRate.Identity(Currency.CNY).Convert(amount, MidpointRounding.ToZero));
        Assert.Equal(amount, new ExchangeRate(Currency.CNY, Currency.CNY, 1m).Convert(amount, MidpointRounding.ToZero));
        Assert.True(ExchangeRate.Identity(Currency.CNY).IsIdentity);
        Assert.Equal(ExchangeRate.Identity(Currency.CNY), ExchangeRate.Identity(Currency.CNY).Inverse());
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new ExchangeRate(Currency.CNY, Currency.CNY, 2m));
        Assert.Equal("rate", e.ParamName);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-6.9608)]
    public void Rate_must_be_positive(decimal rate)
    {
        Assert.Equal("rate", Assert.Throws<ArgumentOutOfRangeException>(() => new ExchangeRate(Currency.USD, Currency.CNY, rate)).ParamName);
        Assert.Equal("price", Assert.Throws<ArgumentOutOfRangeException>(() => ExchangeRate.FromQuote(rate, Currency.CNY, Currency.USD)).ParamName);
    }

    [Fact]
    public void Null_currencies_are_rejected()
    {
        Assert.Equal("from", Assert.Throws<ArgumentNullException>(() => new ExchangeRate(null!, Currency.CNY, 1m)).ParamName);
        Assert.Equal("to", Assert.Throws<ArgumentNullException>(() => new ExchangeRate(Currency.CNY, null!, 1m)).ParamName);
        Assert.Equal("priceCurrency", Assert.Throws<ArgumentNullException>(() => ExchangeRate.FromQuote(1m, null!, Currency.CNY)).ParamName);
        Assert.Equal("perUnitOf", Assert.Throws<ArgumentNullException>(() => ExchangeRate.FromQuote(1m, Currency.CNY, null!)).ParamName);
        Assert.Equal("currency", Assert.Throws<ArgumentNullException>(() => ExchangeRate.Identity(null!)).ParamName);
    }

    [Fact]
    public void Converting_the_wrong_currency_names_both()
    {
        var usdToCny = new ExchangeRate(Currency.USD, Currency.CNY, 6.9608m);

        var e = Assert.Throws<CurrencyMismatchException>(() => usdToCny.Convert(Money.FromDecimal(1m, Currency.CNY), MidpointRounding.ToEven));

        Assert.Equal("money", e.ParamName);
        Assert.Same(Currency.USD, e.Expected);
        Assert.Same(Currency.CNY, e.Actual);
        Assert.Contains("USD", e.Message, StringComparison.Ordinal);
        Assert.Contains("CNY", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Conversion_UndefinedRounding_and_Overflow()
    {
        var jpyToKwd = new ExchangeRate(Currency.JPY, Currency.KWD, 1000m);

        Assert.Equal("rounding", Assert.Throws<ArgumentOutOfRangeException>(() => jpyToKwd.Convert(Money.FromMinorUnits(1, Currency.JPY), (MidpointRounding)99)).ParamName);
        var overflow = Assert.Throws<OverflowException>(() => jpyToKwd.Convert(Money.FromMinorUnits(long.MaxValue, Currency.JPY), MidpointRounding.ToEven));
        Assert.StartsWith("Converting JPY 9223372036854775807 to KWD", overflow.Message, StringComparison.Ordinal);
    }

    // Amounts up to 10^7 minor units and rates from 10^-8 to 10^5, so that no conversion overflows.
    private static Arbitrary<(Money Money, Currency To, decimal Rate, MidpointRounding Mode)> Conversions { get; } =
        (from source in MoneyArbitraries.CurrencyGen
         from minor in Gen.Choose(-10_000_000, 10_000_000)
         from to in MoneyArbitraries.CurrencyGen
         from mantissa in Gen.Choose(1, 100_000)
         from scale in Gen.Choose(0, 8)
         from mode in Gen.Elements(Enum.GetValues<MidpointRounding>())
         where source != to
         select (Money.FromMinorUnits(minor, source), to, new decimal(mantissa, 0, 0, false, (byte)scale), mode)).ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Converting_by_r_then_by_1_over_r_stays_within_the_rounding_bound() =>
        Prop.ForAll(Conversions, x =>
        {
            var rate = new ExchangeRate(x.Money.Currency, x.To, x.Rate);
            var there = rate.Convert(x.Money, x.Mode);
            var back = rate.Inverse().Convert(there, x.Mode);

            // Going there loses less than one minor unit of To, worth 10^dFrom / (r * 10^dTo) minor units of From;
            // coming back rounds once more, by less than one minor unit of From.
            var fromScale = BigInteger.Pow(10, x.Money.Currency.MinorUnitDigits);
            var toScale = BigInteger.Pow(10, x.To.MinorUnitDigits);
            var (mantissa, rateScale) = ((BigInteger)(x.Rate * 100_000_000m), 100_000_000);
            var error = BigInteger.Abs(back.MinorUnits - (BigInteger)x.Money.MinorUnits);

            // error < 1 + fromScale / (rate * toScale)  <=>  (error - 1) * rate * toScale < fromScale
            return (error - 1) * mantissa * toScale < fromScale * rateScale;
        });
}
