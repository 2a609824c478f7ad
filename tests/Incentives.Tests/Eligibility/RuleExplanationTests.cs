using System;
using System.Linq;
using Incentives.Claims;
using Incentives.Eligibility;
using NodaTime;

namespace Incentives.Tests.Eligibility;

/// <summary>The built-in rules one by one: what they accept, and how they explain a refusal.</summary>
public sealed class RuleExplanationTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly Instant Noon = Instant.FromUtc(2026, 2, 15, 4, 0);

    private static Claim ClaimBy(Participant participant, Instant? at = null) =>
        new(participant, at ?? Noon, "marketplace");

    [Fact]
    public void Any_of_explains_why_each_alternative_failed()
    {
        // docs/eligibility.md "Any-of explanations" is copied from here.
        var rule = EligibilityRule.AnyOf(
            EligibilityRule.HasSegment("vip"),
            EligibilityRule.AllOf(EligibilityRule.Region("HK"), EligibilityRule.Channel("travel")));
        var claim = new Claim(new Participant("u-7") { Region = "CN" }, Noon, "payments");

        var result = rule.Compile().Explain(claim);

        var failure = Assert.Single(result.Failures);
        Assert.Equal("any-of.none-matched", failure.Code);
        Assert.Equal("None of the 2 alternatives matched.", failure.Message);
        Assert.Equal(
            [
                ("segment.missing", "rules[0]", "Participant 'u-7' is in none of the segments {vip}."),
                ("region.not-allowed", "rules[1].rules[0]", "Region 'CN' is not one of {HK}."),
                ("channel.not-allowed", "rules[1].rules[1]", "Channel 'payments' is not one of {travel}."),
            ],
            failure.Causes.Select(c => (c.Code, c.Path, c.Message)));
        Assert.Equal(
            """
            Ineligible
              any-of.none-matched: None of the 2 alternatives matched.
                segment.missing: Participant 'u-7' is in none of the segments {vip}.
                region.not-allowed: Region 'CN' is not one of {HK}.
                channel.not-allowed: Channel 'payments' is not one of {travel}.
            """.ReplaceLineEndings("\n"),
            result.ToString());
    }

    [Fact]
    public void Not_of_a_combination_says_what_the_excluded_rule_matched()
    {
        var rule = EligibilityRule.Not(EligibilityRule.AllOf(EligibilityRule.Region("CN"), EligibilityRule.Channel("marketplace")));

        var failure = Assert.Single(rule.Compile().Explain(ClaimBy(new Participant("u-1") { Region = "CN" })).Failures);

        Assert.Equal(EligibilityCodes.NotExcluded, failure.Code);
        Assert.Equal(
            "Excluded: region 'CN' is one of {CN}; channel 'marketplace' is one of {marketplace}.", failure.Message);
    }

    [Fact]
    public void Not_not_explains_with_the_inner_rules_own_failure()
    {
        // Before: "not.excluded: Excluded: not (Region 'US' is not one of {CN})." with no causes.
        var rule = EligibilityRule.Not(EligibilityRule.Not(EligibilityRule.Region("CN")));

        var failure = Assert.Single(rule.Compile().Explain(ClaimBy(new Participant("u-1") { Region = "US" })).Failures);

        Assert.Equal(EligibilityCodes.RegionNotAllowed, failure.Code);
        Assert.Equal("Region 'US' is not one of {CN}.", failure.Message);
        Assert.Equal("rule.rule", failure.Path);
        Assert.Equal(EligibilityRule.Region("CN"), failure.Rule);
        Assert.True(rule.Compile().IsEligible(ClaimBy(new Participant("u-2") { Region = "CN" })));
    }

    [Fact]
    public void Not_lists_the_failed_conditions_under_a_nested_not_as_causes()
    {
        // "Exclude marketplace orders of participants who are not VIPs": a CN non-VIP on the marketplace is excluded because it lacks 'vip'.
        var rule = EligibilityRule.Not(EligibilityRule.AllOf(
            EligibilityRule.Channel("marketplace"), EligibilityRule.Not(EligibilityRule.HasSegment("vip"))));

        var failure = Assert.Single(rule.Compile().Explain(ClaimBy(new Participant("u-1") { Region = "CN" })).Failures);

        Assert.Equal(EligibilityCodes.NotExcluded, failure.Code);
        var cause = Assert.Single(failure.Causes);
        Assert.Equal((EligibilityCodes.SegmentMissing, "rule.rules[1].rule"), (cause.Code, cause.Path));
        Assert.Equal("Participant 'u-1' is in none of the segments {vip}.", cause.Message);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Any_even_number_of_nots_explains_exactly_like_the_rule_itself(int pairs)
    {
        var inner = EligibilityRule.AllOf(EligibilityRule.Region("CN"), EligibilityRule.Channel("travel"));
        EligibilityRule rule = inner;
        for (var i = 0; i < pairs; i++)
        {
            rule = EligibilityRule.Not(EligibilityRule.Not(rule));
        }

        var claim = ClaimBy(new Participant("u-1") { Region = "US" });
        var expected = inner.Compile().Explain(claim).Failures;
        var actual = rule.Compile().Explain(claim).Failures;

        Assert.Equal(expected.Select(f => (f.Code, f.Message)), actual.Select(f => (f.Code, f.Message)));
        Assert.Equal(
            expected.Select(f => string.Concat(Enumerable.Repeat("rule.", 2 * pairs)) + f.Path), actual.Select(f => f.Path));
    }

    [Fact]
    public void Region_rule_reports_a_missing_region()
    {
        var failure = Assert.Single(EligibilityRule.Region("CN").Compile().Explain(ClaimBy(new Participant("u-1"))).Failures);

        Assert.Equal(EligibilityCodes.RegionMissing, failure.Code);
        Assert.Equal("Participant 'u-1' has no region; allowed: {CN}.", failure.Message);
    }

    [Fact]
    public void Lacks_segment_names_the_blocked_segment()
    {
        var rule = EligibilityRule.LacksSegment("blocked", "fraud");

        var failure = Assert.Single(rule.Compile().Explain(ClaimBy(new Participant("u-1") { Segments = ["vip", "fraud"] })).Failures);

        Assert.Equal(EligibilityCodes.SegmentBlocked, failure.Code);
        Assert.Equal("Participant 'u-1' is in the blocked segment 'fraud' (blocked: {blocked, fraud}).", failure.Message);
    }

    [Fact]
    public void Account_age_is_counted_in_the_participants_home_zone()
    {
        // Signed up 2026-01-15T16:30Z = 2026-01-16 00:30 in Shanghai; 30 days later is 2026-02-15 00:30 Shanghai = 2026-02-14T16:30Z.
        var participant = new Participant("u-1") { SignedUpAt = Instant.FromUtc(2026, 1, 15, 16, 30), HomeZone = Shanghai };
        var rule = EligibilityRule.AccountAge(Period.FromDays(30)).Compile();

        Assert.True(rule.IsEligible(ClaimBy(participant, Instant.FromUtc(2026, 2, 14, 16, 30))));
        var failure = Assert.Single(rule.Explain(ClaimBy(participant, Instant.FromUtc(2026, 2, 14, 16, 29))).Failures);
        Assert.Equal(EligibilityCodes.AccountTooYoung, failure.Code);
        Assert.Equal(
            "Participant 'u-1' signed up at 2026-01-15T16:30:00Z, less than P30D before the claim at 2026-02-14T16:29:00Z (counted in Asia/Shanghai).",
            failure.Message);
    }

    [Fact]
    public void Account_age_uses_the_rules_zone_when_the_participant_has_none_and_counts_months_by_the_calendar()
    {
        // 2026-01-31 + P1M = 2026-02-28 (NodaTime truncates to the month's last day).
        var participant = new Participant("u-1") { SignedUpAt = Instant.FromUtc(2026, 1, 30, 16, 0) }; // 2026-01-31 00:00 Shanghai
        var rule = EligibilityRule.AccountAge(Period.FromMonths(1), Shanghai).Compile();

        Assert.False(rule.IsEligible(ClaimBy(participant, Instant.FromUtc(2026, 2, 27, 15, 59))));
        Assert.True(rule.IsEligible(ClaimBy(participant, Instant.FromUtc(2026, 2, 27, 16, 0))));
    }

    [Fact]
    public void Account_age_without_a_sign_up_instant_is_unknown()
    {
        var failure = Assert.Single(EligibilityRule.AccountAge(Period.FromDays(7)).Compile().Explain(ClaimBy(new Participant("u-1"))).Failures);

        Assert.Equal(EligibilityCodes.SignUpUnknown, failure.Code);
        Assert.Equal("Participant 'u-1' has no sign-up instant; the account must be at least P7D old.", failure.Message);
    }

    [Fact]
    public void The_new_participant_flag_wins_over_the_sign_up_instant()
    {
        var rule = EligibilityRule.NewParticipant(Period.FromDays(30)).Compile();
        var longAgo = Instant.FromUtc(2020, 1, 1, 0, 0);

        Assert.True(rule.IsEligible(ClaimBy(new Participant("u-1") { IsNew = true, SignedUpAt = longAgo })));
        Assert.False(rule.IsEligible(ClaimBy(new Participant("u-1") { IsNew = false, SignedUpAt = Noon })));
        Assert.Equal(
            "Participant 'u-1' is flagged as not new.",
            Assert.Single(rule.Explain(ClaimBy(new Participant("u-1") { IsNew = false })).Failures).Message);
    }

    [Fact]
    public void Without_a_flag_a_participant_is_new_within_the_period_after_sign_up()
    {
        var rule = EligibilityRule.NewParticipant(Period.FromDays(30)).Compile();
        var participant = new Participant("u-1") { SignedUpAt = Instant.FromUtc(2026, 1, 16, 4, 0) };

        Assert.True(rule.IsEligible(ClaimBy(participant, Instant.FromUtc(2026, 2, 15, 3, 59))));
        var failure = Assert.Single(rule.Explain(ClaimBy(participant, Instant.FromUtc(2026, 2, 15, 4, 0))).Failures);
        Assert.Equal(EligibilityCodes.ParticipantNotNew, failure.Code);
        Assert.Equal(
            "Participant 'u-1' signed up at 2026-01-16T04:00:00Z, P30D or more before the claim at 2026-02-15T04:00:00Z (counted in UTC).",
            failure.Message);
    }

    [Fact]
    public void A_new_participant_rule_without_period_relies_on_the_flag_only()
    {
        var rule = EligibilityRule.NewParticipant().Compile();

        Assert.False(rule.IsEligible(ClaimBy(new Participant("u-1") { SignedUpAt = Noon })));
        var failure = Assert.Single(rule.Explain(ClaimBy(new Participant("u-1"))).Failures);
        Assert.Equal(EligibilityCodes.NewParticipantUnknown, failure.Code);
        Assert.Equal(
            "Participant 'u-1' has no new-participant flag, and the rule has no period to decide from the sign-up instant.",
            failure.Message);
        Assert.False(EligibilityRule.Not(EligibilityRule.NewParticipant()).Compile().IsEligible(ClaimBy(new Participant("u-1") { SignedUpAt = Noon })));
        Assert.True(EligibilityRule.Not(EligibilityRule.NewParticipant()).Compile().IsEligible(ClaimBy(new Participant("u-1") { IsNew = false })));
    }

    public static TheoryData<string, EligibilityRule> RulesOverTheSignUp => new()
    {
        { "accountAge", EligibilityRule.AccountAge(Period.FromDays(30)) },
        { "not(accountAge)", EligibilityRule.Not(EligibilityRule.AccountAge(Period.FromDays(30))) },
        { "newParticipant", EligibilityRule.NewParticipant(Period.FromDays(30)) },
        { "not(newParticipant)", EligibilityRule.Not(EligibilityRule.NewParticipant(Period.FromDays(30))) },
        { "allOf(region, not(accountAge))", EligibilityRule.AllOf(EligibilityRule.Region("CN"), EligibilityRule.Not(EligibilityRule.AccountAge(Period.FromDays(30)))) },
        { "not(anyOf(accountAge, hasSegment))", EligibilityRule.Not(EligibilityRule.AnyOf(EligibilityRule.AccountAge(Period.FromDays(30)), EligibilityRule.HasSegment("vip"))) },
        { "not(allOf(region, newParticipant))", EligibilityRule.Not(EligibilityRule.AllOf(EligibilityRule.Region("CN"), EligibilityRule.NewParticipant(Period.FromDays(30)))) },
    };

    [Theory]
    [MemberData(nameof(RulesOverTheSignUp))]
    public void An_unknown_sign_up_fails_the_rule_and_its_negation_with_the_signup_unknown_code(string name, EligibilityRule rule)
    {
        // A "new users only" campaign written as not(accountAge(P30D)) must not pay everyone without sign-up data.
        var claim = ClaimBy(new Participant("u-1") { Region = "CN" });

        var evaluator = rule.Compile();
        var result = evaluator.Explain(claim);

        Assert.False(evaluator.IsEligible(claim), name);
        Assert.False(new EligibilityEvaluator(rule, compileDelegate: false).IsEligible(claim), name);
        var failure = Assert.Single(result.Failures);
        Assert.Equal(EligibilityCodes.SignUpUnknown, failure.Code);
        Assert.False(failure.Rule.Compile().IsEligible(claim));
    }

    [Fact]
    public void Not_account_age_and_new_participant_agree_with_the_same_code_for_participants_without_a_flag()
    {
        var notOld = EligibilityRule.Not(EligibilityRule.AccountAge(Period.FromDays(30))).Compile();
        var fresh = EligibilityRule.NewParticipant(Period.FromDays(30)).Compile();
        var signedUp = Instant.FromUtc(2026, 1, 16, 4, 0);

        // Unknown, new (one minute before P30D), not new (exactly P30D).
        foreach (var (participant, at) in new[]
        {
            (new Participant("u-1"), Noon),
            (new Participant("u-1") { SignedUpAt = signedUp }, Instant.FromUtc(2026, 2, 15, 3, 59)),
            (new Participant("u-1") { SignedUpAt = signedUp }, Instant.FromUtc(2026, 2, 15, 4, 0)),
        })
        {
            var claim = ClaimBy(participant, at);
            Assert.Equal(fresh.IsEligible(claim), notOld.IsEligible(claim));
        }

        Assert.Equal(
            Assert.Single(fresh.Explain(ClaimBy(new Participant("u-1"))).Failures).Code,
            Assert.Single(notOld.Explain(ClaimBy(new Participant("u-1"))).Failures).Code);
    }

    [Fact]
    public void The_explanation_of_a_converted_minimum_never_contradicts_its_decision()
    {
        // A conversion whose rate moves between calls: USD 7.00 -> CNY 40.00, then CNY 60.00, then 40.00, ...
        var calls = 0;
        CurrencyConversion moving = (Money amount, Currency target, out Money converted) =>
        {
            converted = Money.FromDecimal(++calls % 2 == 1 ? 40m : 60m, target);
            return true;
        };
        var rule = EligibilityRule.MinOrderAmount(Money.FromDecimal(50m, Currency.CNY), moving).Compile();
        var claim = new Claim(new Participant("u-1"), Noon, "travel") { OrderAmount = Money.FromDecimal(7m, Currency.USD) };

        var result = rule.Explain(claim);

        // The fast decision (call 1: 40) is no; the explanation converts once more (call 2: 60) and decides from that one call.
        Assert.Equal(2, calls);
        Assert.True(result.IsEligible, result.ToString());

        calls = 1; // now the fast decision sees 60 (eligible) and Explain converts only once.
        Assert.True(rule.Explain(claim).IsEligible);
        Assert.Equal(2, calls);

        calls = 1; // a below-minimum explanation names the very amount that decided it.
        var below = EligibilityRule.AllOf(EligibilityRule.Channel("travel"), EligibilityRule.MinOrderAmount(Money.FromDecimal(70m, Currency.CNY), moving)).Compile();
        var failure = Assert.Single(below.Explain(claim).Failures);
        Assert.Equal(EligibilityCodes.OrderBelowMinimum, failure.Code);
        Assert.Equal("The order amount USD 7.00 (CNY 40.00 converted) is below the minimum CNY 70.00.", failure.Message);
    }

    [Fact]
    public void Minimum_order_converts_through_the_supplied_conversion()
    {
        // USD 7.00 at 7.20 = CNY 50.40 >= 50.00; USD 6.94 = CNY 49.96 < 50.00.
        var rule = EligibilityRule.MinOrderAmount(Money.FromDecimal(50m, Currency.CNY), RuleGenerators.UsdToCny).Compile();
        Claim Order(decimal usd) => new(new Participant("u-1"), Noon, "travel") { OrderAmount = Money.FromDecimal(usd, Currency.USD) };

        Assert.True(rule.IsEligible(Order(7.00m)));
        var failure = Assert.Single(rule.Explain(Order(6.94m)).Failures);
        Assert.Equal(EligibilityCodes.OrderBelowMinimum, failure.Code);
        Assert.Equal("The order amount USD 6.94 (CNY 49.96 converted) is below the minimum CNY 50.00.", failure.Message);
        var noRate = Assert.Single(rule.Explain(new Claim(new Participant("u-1"), Noon, "travel") { OrderAmount = Money.FromDecimal(100m, Currency.EUR) }).Failures);
        Assert.Equal(EligibilityCodes.OrderCurrencyMismatch, noRate.Code);
    }

    [Theory]
    [InlineData("gold", true, true, true, true)]
    [InlineData("silver", false, true, true, true)]
    [InlineData("bronze", false, false, true, true)]
    [InlineData(null, false, false, false, true)]
    public void Attribute_comparisons_on_strings(string? tier, bool equals, bool inSet, bool exists, bool notPlatinum)
    {
        var claim = new Claim(new Participant("u-1"), Noon, "marketplace")
        {
            Attributes = tier is null ? new System.Collections.Generic.Dictionary<string, string>() : new() { ["tier"] = tier },
        };

        Assert.Equal(equals, AttributeRule.Equal("tier", "gold").Compile().IsEligible(claim));
        Assert.Equal(inSet, AttributeRule.In("tier", "gold", "silver").Compile().IsEligible(claim));
        Assert.Equal(exists, AttributeRule.Exists("tier").Compile().IsEligible(claim));
        Assert.Equal(notPlatinum, AttributeRule.NotEqual("tier", "platinum").Compile().IsEligible(claim));
    }

    [Theory]
    [InlineData("3", true, true, false)]
    [InlineData("2.5", true, false, false)]
    [InlineData("-4", false, false, true)]
    public void Attribute_comparisons_on_numbers(string orders, bool atLeastTwo, bool moreThanTwoPointFive, bool negative)
    {
        var claim = new Claim(new Participant("u-1"), Noon, "marketplace") { Attributes = new System.Collections.Generic.Dictionary<string, string> { ["orders"] = orders } };

        Assert.Equal(atLeastTwo, AttributeRule.Compare("orders", AttributeOperator.GreaterThanOrEqual, 2m).Compile().IsEligible(claim));
        Assert.Equal(moreThanTwoPointFive, AttributeRule.Compare("orders", AttributeOperator.GreaterThan, 2.5m).Compile().IsEligible(claim));
        Assert.Equal(negative, AttributeRule.Compare("orders", AttributeOperator.LessThan, 0m).Compile().IsEligible(claim));
    }

    [Fact]
    public void Attribute_failures_say_missing_not_a_number_or_mismatch()
    {
        var rule = AttributeRule.Compare("orders", AttributeOperator.LessThan, 3m).Compile();
        static Claim With(string? orders) => new(new Participant("u-1"), Noon, "marketplace")
        {
            Attributes = orders is null ? new System.Collections.Generic.Dictionary<string, string>() : new() { ["orders"] = orders },
        };

        Assert.Equal(
            ("attribute.missing", "The claim has no attribute 'orders'; expected it to be less than 3."),
            Single(rule.Explain(With(null))));
        Assert.Equal(
            ("attribute.not-a-number", "Attribute 'orders' is 'many', not a number; expected it to be less than 3."),
            Single(rule.Explain(With("many"))));
        Assert.Equal(
            ("attribute.mismatch", "Attribute 'orders' is '7'; expected it to be less than 3."),
            Single(rule.Explain(With("7"))));

        static (string, string) Single(EligibilityResult result) => (result.Failures[0].Code, result.Failures[0].Message);
    }

    [Fact]
    public void A_custom_rule_reports_its_own_code_and_message()
    {
        // docs/eligibility.md "Custom rules" is copied from here.
        var notFlagged = new CustomRule(
            name: "notFlaggedByRisk",
            code: "risk.flagged",
            message: "The risk service flagged this claim.",
            predicate: claim => !(claim.TryGetAttribute("risk", out var risk) && risk == "high"));
        var evaluator = EligibilityRule.AllOf(EligibilityRule.Channel("marketplace"), notFlagged).Compile();
        var risky = new Claim(new Participant("u-1"), Noon, "marketplace")
        {
            Attributes = new System.Collections.Generic.Dictionary<string, string> { ["risk"] = "high" },
        };

        var failure = Assert.Single(evaluator.Explain(risky).Failures);

        Assert.Equal(("risk.flagged", "The risk service flagged this claim.", "rules[1]"), (failure.Code, failure.Message, failure.Path));
        Assert.Same(notFlagged, failure.Rule);
    }

    [Fact]
    public void Nested_all_ofs_are_flattened_but_keep_the_paths_as_written()
    {
        var rule = EligibilityRule.AllOf(
            EligibilityRule.AllOf(EligibilityRule.Channel("travel"), EligibilityRule.AllOf(EligibilityRule.Region("HK"))),
            EligibilityRule.Category("food"));
        var claim = new Claim(new Participant("u-1") { Region = "CN" }, Noon, "web") { Category = "toys" };

        Assert.Equal(
            ["rules[0].rules[0]", "rules[0].rules[1].rules[0]", "rules[1]"],
            rule.Compile().Explain(claim).Failures.Select(f => f.Path));
    }

    [Fact]
    public void The_fast_path_and_the_explaining_path_of_an_eligible_claim_allocate_nothing()
    {
        var evaluator = SpringFestival.Evaluator;
        var claim = SpringFestival.Claim();
        evaluator.IsEligible(claim);
        evaluator.Explain(claim);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var eligible = true;
        for (var i = 0; i < 1000; i++)
        {
            eligible &= evaluator.IsEligible(claim);
            eligible &= evaluator.Explain(claim).IsEligible;
        }

        Assert.True(eligible);
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Theory]
    [InlineData("c9", true)]
    [InlineData("c10", false)]
    [InlineData("C9", false)]
    public void Sets_larger_than_the_linear_scan_limit_use_the_frozen_set_with_the_same_meaning(string value, bool expected)
    {
        var names = Enumerable.Range(0, 10).Select(i => "c" + i).ToArray();
        var participant = new Participant("u-1") { Region = value, Segments = [value] };
        var claim = new Claim(participant, Noon, value) { Category = value };

        foreach (var rule in new EligibilityRule[]
        {
            EligibilityRule.Channel(names), EligibilityRule.Category(names), EligibilityRule.Region(names), EligibilityRule.HasSegment(names),
        })
        {
            Assert.Equal(expected, new EligibilityEvaluator(rule, compileDelegate: true).IsEligible(claim));
            Assert.Equal(expected, new EligibilityEvaluator(rule, compileDelegate: false).IsEligible(claim));
        }

        Assert.Equal(!expected, EligibilityRule.LacksSegment(names).Compile().IsEligible(claim));
        Assert.False(EligibilityRule.Category(names).Compile().IsEligible(new Claim(participant, Noon, value)));
    }

    [Fact]
    public void Rules_built_in_code_reject_invalid_arguments()
    {
        Assert.Throws<ArgumentException>(() => EligibilityRule.AllOf());
        Assert.Throws<ArgumentException>(() => EligibilityRule.AnyOf([]));
        Assert.Throws<ArgumentNullException>(() => EligibilityRule.AllOf(EligibilityRule.Channel("a"), null!));
        Assert.Throws<ArgumentException>(() => EligibilityRule.Channel());
        Assert.Throws<ArgumentException>(() => EligibilityRule.Category("food", " "));
        Assert.Throws<ArgumentNullException>(() => EligibilityRule.Not(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => EligibilityRule.MinOrderAmount(Money.FromMinorUnits(-1, Currency.CNY)));
        Assert.Throws<ArgumentOutOfRangeException>(() => EligibilityRule.AccountAge(Period.FromDays(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => EligibilityRule.NewParticipant(Period.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => AttributeRule.Compare("n", AttributeOperator.Equal, 1m));
        Assert.Throws<ArgumentException>(() => new CustomRule("x", "", "m", _ => true));
        Assert.Throws<ArgumentException>(() => new CustomRuleRegistry(
            new CustomRule("x", "c", "m", _ => true), new CustomRule("x", "c", "m", _ => false)));
        Assert.Throws<ArgumentNullException>(() => SpringFestival.Evaluator.IsEligible(null!));
        Assert.Throws<ArgumentNullException>(() => SpringFestival.Evaluator.Explain(null!));
    }

    [Fact]
    public void Rule_equality_is_structural_and_sets_compare_as_sets()
    {
        Assert.Equal(EligibilityRule.Channel("a", "b"), EligibilityRule.Channel("b", "a", "b"));
        Assert.NotEqual<EligibilityRule>(EligibilityRule.Channel("a"), EligibilityRule.Category("a"));
        Assert.Equal(EligibilityRule.AccountAge(Period.FromWeeks(1)), EligibilityRule.AccountAge(Period.FromDays(7)));
        Assert.NotEqual(EligibilityRule.AllOf(EligibilityRule.Channel("a"), EligibilityRule.Region("CN")),
            EligibilityRule.AllOf(EligibilityRule.Region("CN"), EligibilityRule.Channel("a")));
    }
}
