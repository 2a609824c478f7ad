using System;
using Incentives.Claims;
using Incentives.Eligibility;
using Incentives.Eligibility.Json;
using NodaTime;

namespace Incentives.Tests.Eligibility;

/// <summary>
/// <see cref="CurrencyConversions.FromRates"/> with a pinned rate of 6.9608 CNY per USD (the rate used in the Money area's docs).
/// Products computed by hand: 7.18 × 6.9608 = 48.7256 + 1.252944 = 49.978544; 100.00 / 6.9608 = 14.366164808...
/// </summary>
public sealed class CurrencyConversionsTests
{
    // docs/eligibility.md "Orders in another currency" is copied from here.
    private static readonly ExchangeRate UsdToCny = ExchangeRate.FromQuote(6.9608m, Currency.CNY, perUnitOf: Currency.USD);

    [Theory]
    [InlineData(MidpointRounding.ToZero, false)] // 49.978544 -> 49.97 < 49.98: rounding never lifts an order over the minimum
    [InlineData(MidpointRounding.AwayFromZero, true)] // 49.978544 -> 49.98 >= 49.98
    public void A_USD_order_is_checked_against_a_CNY_minimum_at_the_pinned_rate(MidpointRounding rounding, bool eligible)
    {
        var rule = EligibilityRule.MinOrderAmount(
            Money.FromDecimal(49.98m, Currency.CNY), CurrencyConversions.FromRates(rounding, UsdToCny));
        var claim = Claim(Money.FromDecimal(7.18m, Currency.USD));

        var result = rule.Compile().Explain(claim);

        Assert.Equal(eligible, result.IsEligible);
        if (!eligible)
        {
            Assert.Equal(EligibilityCodes.OrderBelowMinimum, Assert.Single(result.Failures).Code);
        }
    }

    [Fact]
    public void The_inverse_rate_converts_the_other_way_exactly()
    {
        var conversion = CurrencyConversions.FromRates(MidpointRounding.ToZero, UsdToCny);

        Assert.True(conversion(Money.FromDecimal(100.00m, Currency.CNY), Currency.USD, out var usd));
        Assert.Equal(Money.FromDecimal(14.36m, Currency.USD), usd);
        Assert.True(conversion(Money.FromDecimal(7.18m, Currency.USD), Currency.CNY, out var cny));
        Assert.Equal(Money.FromDecimal(49.97m, Currency.CNY), cny);
    }

    [Fact]
    public void A_pair_without_a_rate_is_a_currency_mismatch_not_an_exception()
    {
        var rule = EligibilityRule.MinOrderAmount(
            Money.FromDecimal(50m, Currency.CNY), CurrencyConversions.FromRates(MidpointRounding.ToZero, UsdToCny));

        var failure = Assert.Single(rule.Compile().Explain(Claim(Money.FromDecimal(100m, Currency.EUR))).Failures);

        Assert.Equal(EligibilityCodes.OrderCurrencyMismatch, failure.Code);
    }

    [Fact]
    public void A_given_rate_wins_over_the_inverse_of_another()
    {
        // A bank's two quotes are rarely exact inverses: CNY->USD at 0.1440 is used as given, not as 1/6.9608.
        var conversion = CurrencyConversions.FromRates(
            MidpointRounding.ToZero, UsdToCny, new ExchangeRate(Currency.CNY, Currency.USD, 0.1440m));

        Assert.True(conversion(Money.FromDecimal(100.00m, Currency.CNY), Currency.USD, out var usd));
        Assert.Equal(Money.FromDecimal(14.40m, Currency.USD), usd);
    }

    [Fact]
    public void Conflicting_rates_for_the_same_pair_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => CurrencyConversions.FromRates(
            MidpointRounding.ToZero, UsdToCny, new ExchangeRate(Currency.USD, Currency.CNY, 7.2m)));

        Assert.Equal("rates", error.ParamName);
    }

    [Fact]
    public void JSON_rules_with_convert_use_the_adapter_from_the_load_options()
    {
        var options = new EligibilityRuleLoadOptions { Conversion = CurrencyConversions.FromRates(MidpointRounding.ToZero, UsdToCny) };
        var rule = EligibilityRuleJson.Load(
            """{"type":"minOrderAmount","minimum":{"amount":"50.00","currency":"CNY"},"convert":true}""", options);

        Assert.True(rule.Compile().IsEligible(Claim(Money.FromDecimal(7.19m, Currency.USD)))); // 50.048152 -> 50.04
        Assert.False(rule.Compile().IsEligible(Claim(Money.FromDecimal(7.18m, Currency.USD)))); // 49.978544 -> 49.97
    }

    private static Claim Claim(Money order) =>
        new(new Participant("u-1"), Instant.FromUtc(2026, 2, 16, 12, 0), "marketplace") { OrderAmount = order };
}
