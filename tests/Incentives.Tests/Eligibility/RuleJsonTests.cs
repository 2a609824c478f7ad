using System;
using Incentives.Claims;
using Incentives.Eligibility;
using Incentives.Eligibility.Json;
using NodaTime;

namespace Incentives.Tests.Eligibility;

/// <summary>The JSON form of every rule type, as documented in docs/eligibility.md: each loads and writes back to the same text.</summary>
public sealed class RuleJsonTests
{
    [Theory]
    [InlineData("""{"type":"allOf","rules":[{"type":"channel","channels":["marketplace"]},{"type":"region","regions":["CN"]}]}""")]
    [InlineData("""{"type":"anyOf","rules":[{"type":"hasSegment","segments":["vip"]},{"type":"newParticipant"}]}""")]
    [InlineData("""{"type":"not","rule":{"type":"hasSegment","segments":["blocked"]}}""")]
    [InlineData("""{"type":"window","zone":"Asia/Shanghai","start":"2026-02-15T00:00","end":"2026-02-24T00:00"}""")]
    [InlineData("""{"type":"window","zone":"Europe/London","start":"2026-02-15T20:00:30","end":"2026-02-15T22:00"}""")]
    [InlineData("""{"type":"channel","channels":["marketplace","payments","travel"]}""")]
    [InlineData("""{"type":"category","categories":["food","entertainment","leisure"]}""")]
    [InlineData("""{"type":"region","regions":["CN","HK"]}""")]
    [InlineData("""{"type":"minOrderAmount","minimum":{"amount":"50.00","currency":"CNY"}}""")]
    [InlineData("""{"type":"minOrderAmount","minimum":{"amount":"1000","currency":"JPY"},"convert":true}""")]
    [InlineData("""{"type":"newParticipant"}""")]
    [InlineData("""{"type":"newParticipant","zone":"Asia/Shanghai","within":"P30D"}""")]
    [InlineData("""{"type":"accountAge","atLeast":"P1Y"}""")]
    [InlineData("""{"type":"accountAge","zone":"Asia/Shanghai","atLeast":"P1M14D"}""")]
    [InlineData("""{"type":"hasSegment","segments":["vip","employee"]}""")]
    [InlineData("""{"type":"lacksSegment","segments":["blocked"]}""")]
    [InlineData("""{"type":"attribute","key":"tier","op":"equals","value":"gold"}""")]
    [InlineData("""{"type":"attribute","key":"tier","op":"notEquals","value":"test"}""")]
    [InlineData("""{"type":"attribute","key":"tier","op":"in","values":["gold","platinum"]}""")]
    [InlineData("""{"type":"attribute","key":"kyc","op":"exists"}""")]
    [InlineData("""{"type":"attribute","key":"orderCount","op":"lessThan","value":"3"}""")]
    [InlineData("""{"type":"attribute","key":"score","op":"greaterThanOrEqual","value":"0.75"}""")]
    [InlineData("""{"type":"custom","name":"evenMinute"}""")]
    public void Each_rule_type_reads_and_writes_the_same_JSON(string json)
    {
        var rule = EligibilityRuleJson.Load(json, RuleGenerators.LoadOptions);

        Assert.Equal(json, EligibilityRuleJson.Serialize(rule));
        Assert.Equal(json, rule.ToString());
    }

    [Fact]
    public void Weeks_are_normalized_to_days_and_the_default_UTC_zone_is_not_written()
    {
        var rule = EligibilityRuleJson.Load("""{"type":"accountAge","atLeast":"P2W","zone":"UTC"}""");

        Assert.Equal(EligibilityRule.AccountAge(Period.FromDays(14)), rule);
        Assert.Equal("""{"type":"accountAge","atLeast":"P14D"}""", EligibilityRuleJson.Serialize(rule));
    }

    [Fact]
    public void A_custom_rule_resolves_to_the_registered_instance()
    {
        Assert.Same(RuleGenerators.EvenMinute, EligibilityRuleJson.Load("""{"type":"custom","name":"evenMinute"}""", RuleGenerators.LoadOptions));
    }

    [Fact]
    public void Convert_true_uses_the_conversion_from_the_load_options()
    {
        var rule = Assert.IsType<MinOrderAmountRule>(EligibilityRuleJson.Load(
            """{"type":"minOrderAmount","minimum":{"amount":"50.00","currency":"CNY"},"convert":true}""", RuleGenerators.LoadOptions));

        Assert.Same(RuleGenerators.UsdToCny, rule.Conversion);
    }

    [Fact]
    public void Known_properties_a_type_does_not_use_are_ignored_and_comments_are_allowed()
    {
        var rule = EligibilityRuleJson.Load("""
            // for the web team
            {"type":"channel","channels":["web"],"regions":["CN"],}
            """);

        Assert.Equal(EligibilityRule.Channel("web"), rule);
    }

    [Fact]
    public void Loading_with_custom_rules_and_a_conversion_then_writing_back()
    {
        // docs/eligibility.md "Loading JSON and validation errors" is copied from here.
        var notFlagged = new CustomRule(
            "notFlaggedByRisk", "risk.flagged", "The risk service flagged this claim.",
            claim => !(claim.TryGetAttribute("risk", out var risk) && risk == "high"));
        var usdToCny = ExchangeRate.FromQuote(6.9608m, Currency.CNY, perUnitOf: Currency.USD);
        const string json =
            """{"type":"allOf","rules":[{"type":"custom","name":"notFlaggedByRisk"},{"type":"minOrderAmount","minimum":{"amount":"50.00","currency":"CNY"},"convert":true}]}""";

        var options = new EligibilityRuleLoadOptions
        {
            CustomRules = new CustomRuleRegistry(notFlagged),
            Conversion = CurrencyConversions.FromRates(MidpointRounding.ToZero, usdToCny), // for "convert": true
        };
        EligibilityRule rule = EligibilityRuleJson.Load(json, options);   // read, validate, then build
        string back = EligibilityRuleJson.Serialize(rule);                 // the same JSON form

        Assert.Equal(json, back);
        // USD 7.19 x 6.9608 = 50.048152 -> CNY 50.04 >= 50.00 (by hand); USD 7.18 -> 49.97 < 50.00.
        var evaluator = rule.Compile();
        Assert.True(evaluator.IsEligible(new Claim(new Participant("u-1"), Instant.FromUtc(2026, 2, 15, 4, 0), "travel") { OrderAmount = Money.FromDecimal(7.19m, Currency.USD) }));
        Assert.False(evaluator.IsEligible(new Claim(new Participant("u-1"), Instant.FromUtc(2026, 2, 15, 4, 0), "travel") { OrderAmount = Money.FromDecimal(7.18m, Currency.USD) }));
    }
}
