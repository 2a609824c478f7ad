using System;
using System.Linq;
using FluentValidation;
using FluentValidation.TestHelper;
using Incentives.Rewards;
using Incentives.Rewards.Envelopes;
using Incentives.Rewards.Json;

namespace Incentives.Tests.Rewards.Json;

public sealed class RewardPolicyJsonTests
{
    private static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    [Fact]
    public void Fixed_policy_loads_from_json()
    {
        var policy = RewardPolicyJson.Load("""{"type":"fixed","amount":{"amount":"8.88","currency":"CNY"}}""");

        Assert.Equal(Cny(8.88m), Assert.IsType<FixedRewardPolicy>(policy).Amount);
    }

    [Fact]
    public void Percentage_policy_loads_from_json()
    {
        var policy = RewardPolicyJson.Load("""
            {
              "type": "percentage",
              "currency": "CNY",
              "percent": 8,
              "rounding": "awayFromZero",
              "floor": { "amount": "1.00", "currency": "CNY" },
              "cap": { "amount": "50.00", "currency": "CNY" }
            }
            """);

        var percentage = Assert.IsType<PercentageRewardPolicy>(policy);
        Assert.Equal(MidpointRounding.AwayFromZero, percentage.Rounding);
        Assert.Equal(Cny(9.88m), policy.Evaluate(new RewardRequest(Cny(123.45m))).Amount);
    }

    [Fact]
    public void Tiered_policy_loads_from_json()
    {
        var policy = RewardPolicyJson.Load("""
            {
              "type": "tiered",
              "tiers": [
                { "minimumOrder": { "amount": "100.00", "currency": "CNY" }, "reward": { "amount": "8.00", "currency": "CNY" } },
                { "minimumOrder": { "amount": "300.00", "currency": "CNY" }, "reward": { "amount": "30.00", "currency": "CNY" } }
              ]
            }
            """);

        Assert.Equal(Cny(30m), policy.Evaluate(new RewardRequest(Cny(350m))).Amount);
        Assert.Equal(NoRewardReason.BelowFirstTier, policy.Evaluate(new RewardRequest(Cny(50m))).Reason);
    }

    [Fact]
    public void Random_range_policy_loads_from_json()
    {
        var policy = RewardPolicyJson.Load("""{"type":"randomRange","minimum":{"amount":"1.00","currency":"CNY"},"maximum":{"amount":"8.88","currency":"CNY"}}""");

        Assert.Equal(Cny(8.88m), Assert.IsType<RandomRangeRewardPolicy>(policy).Maximum);
    }

    [Fact]
    public void Red_envelope_policy_with_a_seed_replays_its_split()
    {
        const string Json = """
            {
              "type": "redEnvelope",
              "total": { "amount": "1000.00", "currency": "CNY" },
              "count": 100,
              "minimum": { "amount": "1.00", "currency": "CNY" },
              "maximum": { "amount": "200.00", "currency": "CNY" },
              "algorithm": "cutTheLine",
              "luckyAmounts": true,
              "seed": 20260215
            }
            """;

        var policy = Assert.IsType<RedEnvelopeRewardPolicy>(RewardPolicyJson.Load(Json));
        var opened = Enumerable.Range(0, 100).Select(_ => policy.Evaluate(new RewardRequest()).Amount).ToArray();
        var replay = Assert.IsType<RedEnvelopeRewardPolicy>(RewardPolicyJson.Load(Json)).Pool.Spec
            .Split(new Incentives.Rewards.Randomness.SeededRandomSource(20260215)).ToArray();

        Assert.Equal(EnvelopeAlgorithm.CutTheLine, policy.Pool.Spec.Algorithm);
        Assert.True(policy.Pool.Spec.LuckyAmounts);
        Assert.Equal(replay, opened);
        Assert.Equal(100_000, opened.Sum(m => m.MinorUnits));
    }

    [Fact]
    public void Definitions_round_trip_through_camel_case_json()
    {
        var definition = RewardPolicyJson.Deserialize("""{"type":"percentage","currency":"CNY","percent":8.5,"cap":{"amount":"50.00","currency":"CNY"}}""");

        var json = RewardPolicyJson.Serialize(definition);

        Assert.Equal("""{"type":"percentage","currency":"CNY","percent":8.5,"cap":{"amount":"50.00","currency":"CNY"}}""", Compact(json));
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_path()
    {
        var definition = RewardPolicyJson.Deserialize("""
            {
              "type": "percentage",
              "currency": "CNY",
              "percent": 120,
              "rounding": "bankers",
              "floor": { "amount": "60.00", "currency": "CNY" },
              "cap": { "amount": "50.00", "currency": "CNY" }
            }
            """);

        var e = Assert.Throws<ValidationException>(() => RewardPolicyJson.Compile(definition));

        Assert.Equal(
            new[] { "percent:reward.percent-out-of-range", "rounding:reward.unknown-rounding", "cap:reward.cap-below-floor" },
            e.Errors.Select(f => $"{f.PropertyName}:{f.ErrorCode}"));
        Assert.Contains("rounding: 'bankers' is not a rounding mode", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Tier_problems_carry_the_tier_index_in_their_path()
    {
        var result = new RewardPolicyDefinitionValidator().TestValidate(RewardPolicyJson.Deserialize("""
            {
              "type": "tiered",
              "tiers": [
                { "minimumOrder": { "amount": "300.00", "currency": "CNY" }, "reward": { "amount": "30.00", "currency": "CNY" } },
                { "minimumOrder": { "amount": "100.00", "currency": "CNY" }, "reward": { "amount": "8.00", "currency": "CNY" } },
                { "minimumOrder": { "amount": "500.00", "currency": "USD" }, "reward": { "amount": "0.00", "currency": "CNY" } },
                { "reward": { "amount": "50.00", "currency": "CNY" } }
              ]
            }
            """));

        Assert.Equal(
            new[]
            {
                "tiers[1].minimumOrder:reward.tiers-not-increasing",
                "tiers[1].reward:reward.rewards-decreasing",
                "tiers[2].minimumOrder:reward.currency-mismatch",
                "tiers[2].reward:reward.not-positive",
                "tiers[3].minimumOrder:definition.required",
            },
            result.Errors.Select(f => $"{f.PropertyName}:{f.ErrorCode}"));
    }

    [Fact]
    public void Envelope_problems_are_reported_with_their_paths()
    {
        var result = new RewardPolicyDefinitionValidator().TestValidate(RewardPolicyJson.Deserialize("""
            {
              "type": "redEnvelope",
              "total": { "amount": "5.00", "currency": "CNY" },
              "count": 10,
              "minimum": { "amount": "1.00", "currency": "CNY" },
              "maximum": { "amount": "200.00", "currency": "USD" },
              "algorithm": "random"
            }
            """));

        Assert.Equal(
            new[] { "maximum:reward.currency-mismatch", "algorithm:reward.unknown-algorithm" },
            result.Errors.Select(f => $"{f.PropertyName}:{f.ErrorCode}"));

        var impossible = new RewardPolicyDefinitionValidator().TestValidate(RewardPolicyJson.Deserialize("""
            {"type":"redEnvelope","total":{"amount":"5.00","currency":"CNY"},"count":0,"minimum":{"amount":"1.00","currency":"CNY"},"maximum":{"amount":"2.00","currency":"CNY"}}
            """));
        impossible.ShouldHaveValidationErrorFor("count").WithErrorCode("reward.not-positive");

        var tooSmall = new RewardPolicyDefinitionValidator().TestValidate(RewardPolicyJson.Deserialize("""
            {"type":"redEnvelope","total":{"amount":"5.00","currency":"CNY"},"count":10,"minimum":{"amount":"1.00","currency":"CNY"},"maximum":{"amount":"2.00","currency":"CNY"}}
            """));
        tooSmall.ShouldHaveValidationErrorFor("total").WithErrorCode("reward.split-impossible");
    }

    [Theory]
    [InlineData("""{"type":"lottery"}""", "type", "reward.unknown-type")]
    [InlineData("""{"amount":{"amount":"1.00","currency":"CNY"}}""", "type", "definition.required")]
    [InlineData("""{"type":"fixed"}""", "amount", "definition.required")]
    [InlineData("""{"type":"percentage","currency":"XYZ","percent":5}""", "currency", "money.unknown-currency")]
    [InlineData("""{"type":"percentage","currency":"CNY","percent":0}""", "percent", "reward.percent-out-of-range")]
    [InlineData("""{"type":"percentage","currency":"CNY","percent":5,"floor":{"amount":"1.00","currency":"USD"}}""", "floor", "reward.currency-mismatch")]
    [InlineData("""{"type":"tiered","tiers":[]}""", "tiers", "definition.required")]
    [InlineData("""{"type":"randomRange","minimum":{"amount":"2.00","currency":"CNY"},"maximum":{"amount":"1.00","currency":"CNY"}}""", "maximum", "reward.maximum-below-minimum")]
    [InlineData("""{"type":"randomRange","minimum":{"amount":"-2.00","currency":"CNY"},"maximum":{"amount":"1.00","currency":"CNY"}}""", "minimum.amount", "money.invalid-amount")]
    [InlineData("""{"type":"fixed","amount":{"amount":"8.00","currency":"CNY"},"cap":{"amount":"1.00","currency":"CNY"}}""", "cap", "reward.property-not-applicable")]
    [InlineData("""{"type":"redEnvelope","total":{"amount":"1.00","currency":"CNY"},"count":1,"minimum":{"amount":"0.00","currency":"CNY"},"maximum":{"amount":"1.00","currency":"CNY"}}""", "minimum", "reward.not-positive")]
    [InlineData("""{"type":"fixed","amount":{"amount":"1.001","currency":"CNY"}}""", "amount.amount", "money.invalid-amount")]
    [InlineData("""{"type":"fixed","amount":{"amount":"1.00","currency":"CNX"}}""", "amount.currency", "money.unknown-currency")]
    public void Single_problems_have_their_path_and_code(string json, string path, string code)
    {
        var result = new RewardPolicyDefinitionValidator().TestValidate(RewardPolicyJson.Deserialize(json));

        var failure = Assert.Single(result.Errors);
        Assert.Equal(path, failure.PropertyName);
        Assert.Equal(code, failure.ErrorCode);
    }

    [Fact]
    public void Nested_use_prefixes_the_parent_path()
    {
        // A campaign validator embeds the reward validator; paths must read "reward.tiers[0].reward".
        var campaign = new InlineValidator<Holder>();
        campaign.RuleFor(h => h.Reward).SetValidator(new RewardPolicyDefinitionValidator()).OverridePropertyName("reward");

        var result = campaign.Validate(new Holder(RewardPolicyJson.Deserialize("""{"type":"tiered","tiers":[{"minimumOrder":{"amount":"1.00","currency":"CNY"}}]}""")));

        Assert.Equal("reward.tiers[0].reward", Assert.Single(result.Errors).PropertyName);
    }

    [Fact]
    public void Malformed_json_is_a_validation_failure_with_its_path()
    {
        var nullJson = Assert.Throws<ValidationException>(() => RewardPolicyJson.Load("null"));
        var wrongKind = Assert.Throws<ValidationException>(() => RewardPolicyJson.Load("""{"type":"tiered","tiers":{"minimumOrder":1}}"""));

        Assert.Equal("json.invalid", Assert.Single(nullJson.Errors).ErrorCode);
        Assert.Equal("tiers", Assert.Single(wrongKind.Errors).PropertyName);
    }

    [Fact]
    public void An_unknown_property_is_rejected_not_ignored()
    {
        // The reviewer's case: a misspelt "capp" loaded as a policy without a cap.
        var e = Assert.Throws<ValidationException>(() => RewardPolicyJson.Load("""
            {"type":"percentage","currency":"CNY","percent":10,"capp":{"amount":"5.00","currency":"CNY"}}
            """));

        var failure = Assert.Single(e.Errors);
        Assert.Equal("json.invalid", failure.ErrorCode);
        Assert.Equal("capp", failure.PropertyName);
        Assert.Contains("capp", failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Type_rounding_and_algorithm_names_match_without_regard_to_case()
    {
        var percentage = RewardPolicyJson.Load("""{"TYPE":"Percentage","currency":"CNY","percent":10,"rounding":"AWAYFROMZERO"}""");
        var envelope = RewardPolicyJson.Load("""
            {"type":"REDENVELOPE","total":{"amount":"10.00","currency":"CNY"},"count":2,"minimum":{"amount":"1.00","currency":"CNY"},"maximum":{"amount":"9.00","currency":"CNY"},"algorithm":"CutTheLine"}
            """);

        Assert.Equal(MidpointRounding.AwayFromZero, Assert.IsType<PercentageRewardPolicy>(percentage).Rounding);
        Assert.Equal(EnvelopeAlgorithm.CutTheLine, Assert.IsType<RedEnvelopeRewardPolicy>(envelope).Pool.Spec.Algorithm);
        Assert.Contains("\"type\": \"redEnvelope\"", RewardPolicyJson.Serialize(envelope), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"fixed","amount":{"amount":"8.88","currency":"CNY"}}""")]
    [InlineData("""{"type":"percentage","currency":"CNY","percent":8.5,"rounding":"toEven","floor":{"amount":"1.00","currency":"CNY"},"cap":{"amount":"50.00","currency":"CNY"},"allowAboveOrder":true}""")]
    [InlineData("""{"type":"percentage","currency":"JPY","percent":3,"rounding":"toZero"}""")]
    [InlineData("""{"type":"tiered","tiers":[{"minimumOrder":{"amount":"100.00","currency":"CNY"},"reward":{"amount":"8.00","currency":"CNY"}},{"minimumOrder":{"amount":"300.00","currency":"CNY"},"reward":{"amount":"30.00","currency":"CNY"}}]}""")]
    [InlineData("""{"type":"randomRange","minimum":{"amount":"0.00","currency":"CNY"},"maximum":{"amount":"8.88","currency":"CNY"}}""")]
    [InlineData("""{"type":"redEnvelope","total":{"amount":"1000.00","currency":"CNY"},"count":100,"minimum":{"amount":"1.00","currency":"CNY"},"maximum":{"amount":"200.00","currency":"CNY"},"algorithm":"cutTheLine","luckyAmounts":true,"seed":18446744073709551615}""")]
    [InlineData("""{"type":"redEnvelope","total":{"amount":"10.00","currency":"CNY"},"count":3,"minimum":{"amount":"1.00","currency":"CNY"},"maximum":{"amount":"5.00","currency":"CNY"},"algorithm":"doubleMean","luckyAmounts":false}""")]
    public void Every_policy_round_trips_through_its_definition(string json)
    {
        var policy = RewardPolicyJson.Load(json);

        var written = RewardPolicyJson.Serialize(policy);
        var again = RewardPolicyJson.Load(written);

        Assert.Equal(Compact(json), Compact(written));
        Assert.Equal(policy.GetType(), again.GetType());
        Assert.Equal(written, RewardPolicyJson.Serialize(again));
    }

    [Fact]
    public void A_custom_policy_has_no_definition()
    {
        Assert.Equal("policy", Assert.Throws<ArgumentException>(() => RewardPolicyJson.ToDefinition(new CustomPolicy())).ParamName);
    }

    [Fact]
    public void A_loaded_pool_is_new_and_a_persisted_state_restores_it()
    {
        const string Json = """
            {"type":"redEnvelope","total":{"amount":"100.00","currency":"CNY"},"count":10,"minimum":{"amount":"1.00","currency":"CNY"},"maximum":{"amount":"20.00","currency":"CNY"}}
            """;
        var definition = RewardPolicyJson.Deserialize(Json);
        var first = Assert.IsType<RedEnvelopeRewardPolicy>(RewardPolicyJson.Compile(definition));
        var paid = Enumerable.Range(0, 4).Select(_ => first.Evaluate(new RewardRequest()).Amount).ToList();
        var state = first.Pool.State;

        var reloaded = Assert.IsType<RedEnvelopeRewardPolicy>(RewardPolicyJson.Compile(definition));
        var restored = Assert.IsType<RedEnvelopeRewardPolicy>(RewardPolicyJson.Compile(definition, state));
        paid.AddRange(Enumerable.Range(0, 7).Select(_ => restored.Evaluate(new RewardRequest())).Where(o => o.IsRewarded).Select(o => o.Amount));

        Assert.Equal(RedEnvelopePoolState.Initial(reloaded.Pool.Spec), reloaded.Pool.State); // JSON alone is the initial state
        Assert.Equal(10, paid.Count);
        Assert.Equal(Cny(100m), paid.Aggregate((a, b) => a + b));
        Assert.Equal("poolState", Assert.Throws<ArgumentException>(() => RewardPolicyJson.Compile(definition, new RedEnvelopePoolState(Cny(200m), 10))).ParamName);
        Assert.Equal("poolState", Assert.Throws<ArgumentException>(() => RewardPolicyJson.Compile(
            RewardPolicyJson.Deserialize("""{"type":"fixed","amount":{"amount":"1.00","currency":"CNY"}}"""), state)).ParamName);
    }

    [Fact]
    public void Compile_prefixes_the_paths_of_a_definition_embedded_in_a_larger_one()
    {
        var definition = RewardPolicyJson.Deserialize("""{"type":"tiered","tiers":[{"minimumOrder":{"amount":"1.00","currency":"CNY"}}]}""");

        var e = Assert.Throws<ValidationException>(() => RewardPolicyJson.Compile(definition, "campaigns[2].reward"));

        Assert.Equal("campaigns[2].reward.tiers[0].reward", Assert.Single(e.Errors).PropertyName);
        Assert.Contains("campaigns[2].reward.tiers[0].reward: ", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Money_problems_are_reported_with_every_other_problem()
    {
        var e = Assert.Throws<ValidationException>(() => RewardPolicyJson.Load("""
            {"type":"percentage","currency":"CNY","percent":0,"floor":{"amount":"1.00","currency":"XYZ"},"cap":{"amount":"abc","currency":"CNY"}}
            """));

        Assert.Equal(
            new[] { "percent:reward.percent-out-of-range", "floor.currency:money.unknown-currency", "cap.amount:money.invalid-amount" },
            e.Errors.Select(f => $"{f.PropertyName}:{f.ErrorCode}"));
    }

    private static string Compact(string json) =>
        System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonDocument.Parse(json).RootElement);

    private sealed class CustomPolicy() : RewardPolicy(Currency.CNY)
    {
        protected override RewardOutcome EvaluateCore(RewardRequest request, Incentives.Rewards.Randomness.IRandomSource random) =>
            RewardOutcome.Rewarded(Money.FromDecimal(1m, Currency.CNY));
    }

    public sealed record Holder(RewardPolicyDefinition Reward);
}
