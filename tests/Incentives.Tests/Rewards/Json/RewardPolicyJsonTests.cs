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

        Assert.Equal("""{"type":"percentage","currency":"CNY","percent":8.5,"cap":{"amount":"50.00","currency":"CNY"}}""", json);
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
            new[] { "percent:out_of_range", "rounding:unknown_rounding", "cap:cap_below_floor" },
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
                "tiers[1].minimumOrder:tiers_not_increasing",
                "tiers[1].reward:rewards_decreasing",
                "tiers[2].minimumOrder:currency_mismatch",
                "tiers[2].reward:not_positive",
                "tiers[3].minimumOrder:required",
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
            new[] { "maximum:currency_mismatch", "algorithm:unknown_algorithm" },
            result.Errors.Select(f => $"{f.PropertyName}:{f.ErrorCode}"));

        var impossible = new RewardPolicyDefinitionValidator().TestValidate(RewardPolicyJson.Deserialize("""
            {"type":"redEnvelope","total":{"amount":"5.00","currency":"CNY"},"count":0,"minimum":{"amount":"1.00","currency":"CNY"},"maximum":{"amount":"2.00","currency":"CNY"}}
            """));
        impossible.ShouldHaveValidationErrorFor("count").WithErrorCode("not_positive");

        var tooSmall = new RewardPolicyDefinitionValidator().TestValidate(RewardPolicyJson.Deserialize("""
            {"type":"redEnvelope","total":{"amount":"5.00","currency":"CNY"},"count":10,"minimum":{"amount":"1.00","currency":"CNY"},"maximum":{"amount":"2.00","currency":"CNY"}}
            """));
        tooSmall.ShouldHaveValidationErrorFor("total").WithErrorCode("split_impossible");
    }

    [Theory]
    [InlineData("""{"type":"lottery"}""", "type", "unknown_type")]
    [InlineData("""{"amount":{"amount":"1.00","currency":"CNY"}}""", "type", "required")]
    [InlineData("""{"type":"fixed"}""", "amount", "required")]
    [InlineData("""{"type":"percentage","currency":"XYZ","percent":5}""", "currency", "unknown_currency")]
    [InlineData("""{"type":"percentage","currency":"CNY","percent":0}""", "percent", "out_of_range")]
    [InlineData("""{"type":"percentage","currency":"CNY","percent":5,"floor":{"amount":"1.00","currency":"USD"}}""", "floor", "currency_mismatch")]
    [InlineData("""{"type":"tiered","tiers":[]}""", "tiers", "required")]
    [InlineData("""{"type":"randomRange","minimum":{"amount":"2.00","currency":"CNY"},"maximum":{"amount":"1.00","currency":"CNY"}}""", "maximum", "maximum_below_minimum")]
    [InlineData("""{"type":"randomRange","minimum":{"amount":"-2.00","currency":"CNY"},"maximum":{"amount":"1.00","currency":"CNY"}}""", "minimum", "negative")]
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
    public void Malformed_json_is_a_json_exception()
    {
        Assert.Throws<System.Text.Json.JsonException>(() => RewardPolicyJson.Load("""{"type":"fixed","amount":{"amount":"1.001","currency":"CNY"}}"""));
        Assert.Throws<System.Text.Json.JsonException>(() => RewardPolicyJson.Load("null"));
    }

    public sealed record Holder(RewardPolicyDefinition Reward);
}
