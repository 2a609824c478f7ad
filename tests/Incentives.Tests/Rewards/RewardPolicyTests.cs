using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Rewards;
using Incentives.Rewards.Envelopes;
using Incentives.Rewards.Randomness;

namespace Incentives.Tests.Rewards;

public sealed class RewardPolicyTests
{
    private static readonly IRandomSource Seeded = new SeededRandomSource(42);

    private static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    private static RewardRequest Order(decimal amount) => new(Cny(amount), "user-1");

    [Fact]
    public void Fixed_reward_is_the_same_with_or_without_an_order()
    {
        var policy = new FixedRewardPolicy(Cny(8.88m));

        Assert.Equal(Cny(8.88m), policy.Evaluate(new RewardRequest()).Amount);
        Assert.Equal(Cny(8.88m), policy.Evaluate(Order(1m), Seeded).Amount);
        Assert.Equal("amount", Assert.Throws<ArgumentOutOfRangeException>(() => new FixedRewardPolicy(Cny(0m))).ParamName);
    }

    [Fact]
    public void Percentage_reward_rounds_then_applies_floor_and_cap()
    {
        // 8% of 123.45 = 9.876: down to 9.87 (ToZero), to 9.88 (AwayFromZero); 8% of 5.00 = 0.40 -> floor 1.00;
        // 8% of 1,000.00 = 80.00 -> cap 50.00.
        var down = new PercentageRewardPolicy(Currency.CNY, 8m, MidpointRounding.ToZero, floor: Cny(1m), cap: Cny(50m));
        var up = new PercentageRewardPolicy(Currency.CNY, 8m, MidpointRounding.AwayFromZero);

        Assert.Equal(Cny(9.87m), down.Evaluate(Order(123.45m)).Amount);
        Assert.Equal(Cny(9.88m), up.Evaluate(Order(123.45m)).Amount);
        Assert.Equal(Cny(1m), down.Evaluate(Order(5m)).Amount);
        Assert.Equal(Cny(50m), down.Evaluate(Order(1_000m)).Amount);
    }

    [Fact]
    public void Percentage_reward_explains_orders_it_cannot_reward()
    {
        var policy = new PercentageRewardPolicy(Currency.CNY, 8m);

        Assert.Equal(NoRewardReason.OrderAmountRequired, policy.Evaluate(new RewardRequest()).Reason);
        Assert.Equal(NoRewardReason.OrderCurrencyMismatch, policy.Evaluate(new RewardRequest(Money.FromDecimal(10m, Currency.USD))).Reason);
        Assert.Equal(NoRewardReason.OrderAmountNotPositive, policy.Evaluate(Order(-3m)).Reason);
        var tiny = policy.Evaluate(Order(0.10m)); // 8% of 0.10 = 0.008, rounds down to zero
        Assert.False(tiny.IsRewarded);
        Assert.Equal("zero_amount", tiny.Code);
    }

    [Fact]
    public void Percentage_reward_rejects_bad_definitions_with_the_parameter_name()
    {
        Assert.Equal("percent", Assert.Throws<ArgumentOutOfRangeException>(() => new PercentageRewardPolicy(Currency.CNY, 0m)).ParamName);
        Assert.Equal("percent", Assert.Throws<ArgumentOutOfRangeException>(() => new PercentageRewardPolicy(Currency.CNY, 100.5m)).ParamName);
        Assert.Equal("cap", Assert.Throws<ArgumentOutOfRangeException>(() => new PercentageRewardPolicy(Currency.CNY, 5m, floor: Cny(10m), cap: Cny(5m))).ParamName);
        Assert.Equal("floor", Assert.Throws<CurrencyMismatchException>(() => new PercentageRewardPolicy(Currency.CNY, 5m, floor: Money.FromDecimal(1m, Currency.USD))).ParamName);
        Assert.Equal("rounding", Assert.Throws<ArgumentOutOfRangeException>(() => new PercentageRewardPolicy(Currency.CNY, 5m, (MidpointRounding)9)).ParamName);
    }

    [Property(MaxTest = 300)]
    public Property Percentage_rewards_respect_floor_and_cap_and_are_never_negative() =>
        Prop.ForAll(
            (from order in Gen.Choose(-100_000, 10_000_000)
             from basisPoints in Gen.Choose(1, 10_000)
             from floor in Gen.Choose(0, 500)
             from capAboveFloor in Gen.Choose(0, 5_000)
             from rounding in Gen.Elements(Enum.GetValues<MidpointRounding>())
             select (order, basisPoints, floor, capAboveFloor, rounding)).ToArbitrary(),
            c =>
            {
                var cap = c.floor + c.capAboveFloor + 1;
                var policy = new PercentageRewardPolicy(
                    Currency.CNY, c.basisPoints / 100m, c.rounding, Money.FromMinorUnits(c.floor, Currency.CNY), Money.FromMinorUnits(cap, Currency.CNY));
                var outcome = policy.Evaluate(new RewardRequest(Money.FromMinorUnits(c.order, Currency.CNY)));
                return !outcome.Amount.IsNegative
                    && (!outcome.IsRewarded || (outcome.Amount.MinorUnits >= c.floor && outcome.Amount.MinorUnits <= cap))
                    && (c.order <= 0 ? !outcome.IsRewarded : c.floor == 0 || outcome.IsRewarded);
            });

    [Fact]
    public void Tiers_give_the_highest_tier_reached()
    {
        // "Spend 100, get 8; spend 300, get 30."
        var policy = new TieredRewardPolicy([new RewardTier(Cny(100m), Cny(8m)), new RewardTier(Cny(300m), Cny(30m))]);

        var below = policy.Evaluate(Order(99.99m));
        Assert.Equal(NoRewardReason.BelowFirstTier, below.Reason);
        Assert.Equal("below_first_tier", below.Code);
        Assert.Equal(Cny(8m), policy.Evaluate(Order(100m)).Amount);
        Assert.Equal(Cny(8m), policy.Evaluate(Order(299.99m)).Amount);
        Assert.Equal(Cny(30m), policy.Evaluate(Order(300m)).Amount);
        Assert.Equal(Cny(30m), policy.Evaluate(Order(1_000_000m)).Amount);
    }

    [Fact]
    public void Tiers_must_increase_and_not_reduce_rewards()
    {
        Assert.Equal("tiers", Assert.Throws<ArgumentException>(() => new TieredRewardPolicy([new RewardTier(Cny(300m), Cny(30m)), new RewardTier(Cny(100m), Cny(8m))])).ParamName);
        Assert.Equal("tiers", Assert.Throws<ArgumentException>(() => new TieredRewardPolicy([new RewardTier(Cny(100m), Cny(30m)), new RewardTier(Cny(300m), Cny(8m))])).ParamName);
        Assert.Equal("tiers", Assert.Throws<ArgumentException>(() => new TieredRewardPolicy([])).ParamName);
        Assert.Equal("tiers", Assert.Throws<CurrencyMismatchException>(() => new TieredRewardPolicy([new RewardTier(Cny(100m), Cny(8m)), new RewardTier(Money.FromDecimal(300m, Currency.USD), Money.FromDecimal(30m, Currency.USD))])).ParamName);
        Assert.Equal("reward", Assert.Throws<CurrencyMismatchException>(() => new RewardTier(Cny(100m), Money.FromDecimal(8m, Currency.USD))).ParamName);
    }

    [Property(MaxTest = 300)]
    public Property Tier_rewards_are_monotone_in_the_order_amount() =>
        Prop.ForAll(
            Gen.Choose(1, 6).SelectMany(n => Gen.ArrayOf(Gen.Choose(1, 10_000), n)).ToArbitrary(),
            Gen.Choose(-1_000, 80_000).ToArbitrary(),
            Gen.Choose(0, 80_000).ToArbitrary(),
            (steps, order, more) =>
            {
                // Tiers from cumulative steps: strictly increasing thresholds, non-decreasing rewards.
                var thresholds = steps.Select((_, i) => steps.Take(i + 1).Sum()).ToArray();
                var tiers = thresholds.Select((t, i) => new RewardTier(Money.FromMinorUnits(t, Currency.CNY), Money.FromMinorUnits((i + 1) * 100L, Currency.CNY)));
                var policy = new TieredRewardPolicy(tiers);
                long Reward(long o) => policy.Evaluate(new RewardRequest(Money.FromMinorUnits(o, Currency.CNY))).Amount.MinorUnits;
                return Reward(order) <= Reward(order + more);
            });

    [Fact]
    public void Random_range_draws_within_bounds_and_replays_from_a_seed()
    {
        var policy = new RandomRangeRewardPolicy(Cny(1m), Cny(8.88m));

        var first = Enumerable.Range(0, 500).Select(_ => policy.Evaluate(new RewardRequest(), new SeededRandomSource(5)).Amount).Distinct().ToArray();
        var many = new SeededRandomSource(6);
        var draws = Enumerable.Range(0, 2_000).Select(_ => policy.Evaluate(new RewardRequest(), many).Amount.MinorUnits).ToArray();

        Assert.Single(first);
        Assert.All(draws, d => Assert.InRange(d, 100, 888));
        Assert.True(draws.Distinct().Count() > 600, "2,000 draws over 789 amounts hit most of them");
        Assert.Equal("maximum", Assert.Throws<ArgumentOutOfRangeException>(() => new RandomRangeRewardPolicy(Cny(2m), Cny(1m))).ParamName);
        Assert.Equal("maximum", Assert.Throws<CurrencyMismatchException>(() => new RandomRangeRewardPolicy(Cny(1m), Money.FromDecimal(2m, Currency.USD))).ParamName);
    }

    [Fact]
    public void Red_envelope_reward_opens_the_pool_until_it_is_exhausted()
    {
        var spec = new RedEnvelopeSpec(Cny(10m), 3, Cny(1m), Cny(5m));
        var policy = new RedEnvelopeRewardPolicy(new RedEnvelopePool(spec, new SeededRandomSource(9)));

        var outcomes = Enumerable.Range(0, 4).Select(_ => policy.Evaluate(Order(50m))).ToArray();

        Assert.All(outcomes.Take(3), o => Assert.True(o.IsRewarded));
        Assert.Equal(Cny(10m), outcomes.Take(3).Aggregate(Money.Zero(Currency.CNY), (sum, o) => sum + o.Amount));
        Assert.Equal(NoRewardReason.PoolExhausted, outcomes[3].Reason);
        Assert.Equal("pool_exhausted", outcomes[3].Code);
    }

    [Fact]
    public void Null_requests_are_programming_errors()
    {
        var policy = new FixedRewardPolicy(Cny(1m));

        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => policy.Evaluate(null!)).ParamName);
        Assert.Equal("random", Assert.Throws<ArgumentNullException>(() => policy.Evaluate(new RewardRequest(), null!)).ParamName);
    }
}
