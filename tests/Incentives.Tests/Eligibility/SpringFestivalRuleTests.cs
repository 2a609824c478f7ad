using System.Linq;
using Incentives.Eligibility;
using Incentives.Eligibility.Json;
using NodaTime;

namespace Incentives.Tests.Eligibility;

/// <summary>
/// The Spring Festival rule against claims just inside and just outside each condition. The window's instants come
/// from the domain guide: 2026-02-15T00:00 and 2026-02-24T00:00 in Asia/Shanghai (UTC+8, no DST) are
/// 2026-02-14T16:00Z and 2026-02-23T16:00Z.
/// </summary>
public sealed class SpringFestivalRuleTests
{
    private static readonly EligibilityEvaluator Evaluator = SpringFestival.Evaluator;

    [Fact]
    public void The_windows_first_instant_is_inside()
    {
        var claim = SpringFestival.Claim(at: Instant.FromUtc(2026, 2, 14, 16, 0));

        Assert.True(Evaluator.IsEligible(claim));
        Assert.Same(EligibilityResult.Eligible, Evaluator.Explain(claim));
    }

    [Fact]
    public void One_tick_before_the_first_instant_the_window_has_not_started()
    {
        var claim = SpringFestival.Claim(at: SpringFestival.FirstInstant - Duration.Epsilon);

        var failure = Assert.Single(Evaluator.Explain(claim).Failures);

        Assert.Equal(EligibilityCodes.WindowNotStarted, failure.Code);
        Assert.Equal("rules[0]", failure.Path);
        Assert.Equal(
            "The claim at 2026-02-14T15:59:59.999999999Z is before the window " +
            "Asia/Shanghai [2026-02-15T00:00:00+08:00, 2026-02-24T00:00:00+08:00) opens.",
            failure.Message);
    }

    [Fact]
    public void One_tick_before_the_end_is_inside()
    {
        // The last instant NodaTime can represent inside the half-open window.
        Assert.True(Evaluator.IsEligible(SpringFestival.Claim(at: SpringFestival.EndInstant - Duration.Epsilon)));
    }

    [Fact]
    public void The_end_instant_is_outside()
    {
        var failure = Assert.Single(Evaluator.Explain(SpringFestival.Claim(at: Instant.FromUtc(2026, 2, 23, 16, 0))).Failures);

        Assert.Equal(EligibilityCodes.WindowEnded, failure.Code);
        Assert.Equal(
            "The claim at 2026-02-23T16:00:00Z is at or after the end of the window " +
            "Asia/Shanghai [2026-02-15T00:00:00+08:00, 2026-02-24T00:00:00+08:00).",
            failure.Message);
    }

    [Theory]
    [InlineData("marketplace")]
    [InlineData("payments")]
    [InlineData("travel")]
    public void Each_of_the_three_apps_is_allowed(string channel) =>
        Assert.True(Evaluator.IsEligible(SpringFestival.Claim(channel: channel)));

    [Fact]
    public void Another_channel_is_not_allowed_and_the_message_names_the_value_and_the_set()
    {
        var failure = Assert.Single(Evaluator.Explain(SpringFestival.Claim(channel: "web")).Failures);

        Assert.Equal(EligibilityCodes.ChannelNotAllowed, failure.Code);
        Assert.Equal("rules[1]", failure.Path);
        Assert.Equal("Channel 'web' is not one of {marketplace, payments, travel}.", failure.Message);
    }

    [Fact]
    public void Channels_compare_ordinally()
    {
        Assert.False(Evaluator.IsEligible(SpringFestival.Claim(channel: "Marketplace")));
    }

    [Theory]
    [InlineData("food")]
    [InlineData("entertainment")]
    [InlineData("leisure")]
    public void Each_of_the_three_categories_is_allowed(string category) =>
        Assert.True(Evaluator.IsEligible(SpringFestival.Claim(category: category)));

    [Fact]
    public void Another_category_is_not_allowed()
    {
        var failure = Assert.Single(Evaluator.Explain(SpringFestival.Claim(category: "electronics")).Failures);

        Assert.Equal(EligibilityCodes.CategoryNotAllowed, failure.Code);
        Assert.Equal("Category 'electronics' is not one of {food, entertainment, leisure}.", failure.Message);
    }

    [Fact]
    public void A_claim_without_category_fails_with_category_missing()
    {
        var failure = Assert.Single(Evaluator.Explain(SpringFestival.Claim(category: null)).Failures);

        Assert.Equal(EligibilityCodes.CategoryMissing, failure.Code);
        Assert.Equal("The claim has no category; allowed: {food, entertainment, leisure}.", failure.Message);
    }

    [Fact]
    public void An_order_of_exactly_50_CNY_is_enough()
    {
        Assert.True(Evaluator.IsEligible(SpringFestival.Claim(order: Money.FromDecimal(50.00m, Currency.CNY))));
    }

    [Fact]
    public void An_order_one_fen_below_50_CNY_is_not()
    {
        var failure = Assert.Single(
            Evaluator.Explain(SpringFestival.Claim(order: Money.FromDecimal(49.99m, Currency.CNY))).Failures);

        Assert.Equal(EligibilityCodes.OrderBelowMinimum, failure.Code);
        Assert.Equal("rules[3]", failure.Path);
        Assert.Equal("The order amount CNY 49.99 is below the minimum CNY 50.00.", failure.Message);
    }

    [Fact]
    public void An_order_in_another_currency_is_a_currency_mismatch_without_a_conversion()
    {
        var failure = Assert.Single(
            Evaluator.Explain(SpringFestival.Claim(order: Money.FromDecimal(100m, Currency.USD))).Failures);

        Assert.Equal(EligibilityCodes.OrderCurrencyMismatch, failure.Code);
        Assert.Equal(
            "The order amount USD 100.00 is not in CNY and cannot be converted to compare it with the minimum CNY 50.00.",
            failure.Message);
    }

    [Fact]
    public void A_claim_without_an_order_fails_with_order_missing()
    {
        var failure = Assert.Single(Evaluator.Explain(SpringFestival.Claim(noOrder: true)).Failures);

        Assert.Equal(EligibilityCodes.OrderAmountMissing, failure.Code);
        Assert.Equal("The claim has no order amount; the minimum is CNY 50.00.", failure.Message);
    }

    [Fact]
    public void A_participant_in_another_segment_is_eligible()
    {
        Assert.True(Evaluator.IsEligible(SpringFestival.Claim(segments: ["vip", "new"])));
    }

    [Fact]
    public void A_blocked_participant_is_excluded_and_the_explanation_says_what_matched()
    {
        var failure = Assert.Single(Evaluator.Explain(SpringFestival.Claim(segments: ["vip", "blocked"])).Failures);

        Assert.Equal(EligibilityCodes.NotExcluded, failure.Code);
        Assert.Equal("rules[4]", failure.Path);
        Assert.Equal("Excluded: participant 'u-1' is in segment 'blocked'.", failure.Message);
    }

    [Fact]
    public void A_claim_failing_everything_lists_every_failed_condition_in_rule_order()
    {
        var claim = SpringFestival.Claim(
            at: SpringFestival.EndInstant,
            channel: "web",
            category: "electronics",
            order: Money.FromDecimal(10m, Currency.CNY),
            segments: ["blocked"]);

        var result = Evaluator.Explain(claim);

        Assert.False(result.IsEligible);
        Assert.Equal(
            [EligibilityCodes.WindowEnded, EligibilityCodes.ChannelNotAllowed, EligibilityCodes.CategoryNotAllowed,
             EligibilityCodes.OrderBelowMinimum, EligibilityCodes.NotExcluded],
            result.Failures.Select(f => f.Code));
        Assert.Equal(["rules[0]", "rules[1]", "rules[2]", "rules[3]", "rules[4]"], result.Failures.Select(f => f.Path));
    }

    [Fact]
    public void The_JSON_form_loads_to_the_rule_built_in_code()
    {
        var loaded = EligibilityRuleJson.Load(SpringFestival.Json);

        Assert.Equal(SpringFestival.Rule, loaded);
        Assert.Equal(SpringFestival.Rule.GetHashCode(), loaded.GetHashCode());
    }

    [Fact]
    public void The_rule_serializes_to_the_documented_compact_JSON()
    {
        Assert.Equal(
            """{"type":"allOf","rules":[{"type":"window","zone":"Asia/Shanghai","start":"2026-02-15T00:00","end":"2026-02-24T00:00"},{"type":"channel","channels":["marketplace","payments","travel"]},{"type":"category","categories":["food","entertainment","leisure"]},{"type":"minOrderAmount","minimum":{"amount":"50.00","currency":"CNY"}},{"type":"not","rule":{"type":"hasSegment","segments":["blocked"]}}]}""",
            EligibilityRuleJson.Serialize(SpringFestival.Rule));
    }
}
