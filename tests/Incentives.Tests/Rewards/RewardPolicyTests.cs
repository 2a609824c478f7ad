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
        Assert.Equal("reward.zero-amount", tiny.Code);
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
                // By default the reward never exceeds the order: the floor applies up to the order amount.
                return !outcome.Amount.IsNegative
                    && (!outcome.IsRewarded || (outcome.Amount.MinorUnits >= Math.Min(c.floor, c.order) && outcome.Amount.MinorUnits <= Math.Min(cap, c.order)))
                    && (c.order <= 0 ? !outcome.IsRewarded : c.floor == 0 || outcome.IsRewarded);
            });

    [Property(MaxTest = 200)]
    public Property Percentage_rewards_allowed_above_the_order_are_always_within_floor_and_cap() =>
        Prop.ForAll(
            Gen.Choose(1, 100_000).ToArbitrary(),
            Gen.Choose(0, 10_000).ToArbitrary(),
            Gen.Choose(1, 10_000).ToArbitrary(),
            (order, floor, capAboveFloor) =>
            {
                var cap = floor + capAboveFloor;
                var policy = new PercentageRewardPolicy(
                    Currency.CNY, 10m, floor: Money.FromMinorUnits(floor, Currency.CNY), cap: Money.FromMinorUnits(cap, Currency.CNY), allowAboveOrder: true);
                var amount = policy.Evaluate(new RewardRequest(Money.FromMinorUnits(order, Currency.CNY))).Amount.MinorUnits;
                return amount >= floor && amount <= cap;
            });

    [Fact]
    public void Percentage_reward_never_exceeds_the_order_unless_allowed()
    {
        // The reviewer's case: 10% of 0.01 CNY with a floor of 50.00 gave 50.00.
        var capped = new PercentageRewardPolicy(Currency.CNY, 10m, floor: Cny(50m));
        var allowed = new PercentageRewardPolicy(Currency.CNY, 10m, floor: Cny(50m), allowAboveOrder: true);

        Assert.Equal(Cny(0.01m), capped.Evaluate(Order(0.01m)).Amount);
        Assert.Equal(Cny(30m), capped.Evaluate(Order(30m)).Amount);
        Assert.Equal(Cny(50m), capped.Evaluate(Order(80m)).Amount);
        Assert.Equal(Cny(50m), allowed.Evaluate(Order(0.01m)).Amount);
        Assert.False(capped.AllowAboveOrder);
    }

    [Fact]
    public void Tiers_give_the_highest_tier_reached()
    {
        // "Spend 100, get 8; spend 300, get 30."
        var policy = new TieredRewardPolicy([new RewardTier(Cny(100m), Cny(8m)), new RewardTier(Cny(300m), Cny(30m))]);

        var below = policy.Evaluate(Order(99.99m));
        Assert.Equal(NoRewardReason.BelowFirstTier, below.Reason);
        Assert.Equal("reward.below-first-tier", below.Code);
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

    [Fact]
    public void A_default_tier_is_rejected_by_the_constructor_with_its_index()
    {
        var first = Assert.Throws<ArgumentException>(() => new TieredRewardPolicy([default]));
        var second = Assert.Throws<ArgumentException>(() => new TieredRewardPolicy([new RewardTier(Cny(100m), Cny(8m)), default]));

        Assert.Equal("tiers", first.ParamName);
        Assert.StartsWith("Tier 0 ", first.Message, StringComparison.Ordinal);
        Assert.Equal("tiers", second.ParamName);
        Assert.StartsWith("Tier 1 ", second.Message, StringComparison.Ordinal);
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
        Assert.Equal("reward.pool-exhausted", outcomes[3].Code);
    }

    [Fact]
    public void Red_envelope_reward_draws_with_its_pool_source_and_ignores_the_random_argument()
    {
        // Two pools seeded alike give the same envelopes whatever source is passed to Evaluate.
        var spec = new RedEnvelopeSpec(Cny(100m), 10, Cny(1m), Cny(20m));
        var a = new RedEnvelopeRewardPolicy(new RedEnvelopePool(spec, new SeededRandomSource(11)));
        var b = new RedEnvelopeRewardPolicy(new RedEnvelopePool(spec, new SeededRandomSource(11)));

        var fromA = Enumerable.Range(0, 10).Select(_ => a.Evaluate(Order(1m), new SeededRandomSource(1)).Amount).ToArray();
        var fromB = Enumerable.Range(0, 10).Select(_ => b.Evaluate(Order(1m), SecureRandomSource.Shared).Amount).ToArray();

        Assert.Equal(spec.Split(new SeededRandomSource(11)), fromA);
        Assert.Equal(fromA, fromB);
    }

    [Fact]
    public void An_unused_red_envelope_returns_to_the_pool()
    {
        var spec = new RedEnvelopeSpec(Cny(10m), 3, Cny(1m), Cny(5m));
        var policy = new RedEnvelopeRewardPolicy(new RedEnvelopePool(spec, new SeededRandomSource(9)));
        RewardPolicy asBase = policy;

        var denied = asBase.Evaluate(Order(50m));
        asBase.ReturnUnused(denied); // e.g. the budget refused it
        asBase.ReturnUnused(RewardOutcome.NoReward(Currency.CNY, NoRewardReason.PoolExhausted, "nothing to return")); // ignored
        var granted = Enumerable.Range(0, 3).Select(_ => asBase.Evaluate(Order(50m))).ToArray();

        Assert.True(denied.IsRewarded);
        Assert.All(granted, o => Assert.True(o.IsRewarded));
        Assert.Equal(Cny(10m), granted.Aggregate(Cny(0m), (sum, o) => sum + o.Amount));
        Assert.Equal(NoRewardReason.PoolExhausted, asBase.Evaluate(Order(50m)).Reason);
        Assert.Equal("outcome", Assert.Throws<ArgumentException>(() => asBase.ReturnUnused(RewardOutcome.Rewarded(Cny(6m)))).ParamName); // above the maximum
    }

    [Fact]
    public void Returning_an_unused_reward_to_a_stateless_policy_does_nothing()
    {
        var policy = new FixedRewardPolicy(Cny(8m));

        policy.ReturnUnused(policy.Evaluate(new RewardRequest()));

        Assert.Equal(Cny(8m), policy.Evaluate(new RewardRequest()).Amount);
    }

    [Fact]
    public void Red_envelope_reward_needs_a_positive_minimum_so_that_one_claim_opens_one_envelope()
    {
        // With a zero minimum, one claim used to open (and silently burn) every empty envelope before a positive one.
        var pool = new RedEnvelopePool(new RedEnvelopeSpec(Cny(0.01m), 5, Cny(0m), Cny(0.01m)), new SeededRandomSource(1));

        var e = Assert.Throws<ArgumentException>(() => new RedEnvelopeRewardPolicy(pool));

        Assert.Equal("pool", e.ParamName);
        Assert.Equal(0, pool.OpenedCount);
    }

    [Fact]
    public void Null_requests_are_programming_errors()
    {
        var policy = new FixedRewardPolicy(Cny(1m));

        Assert.Equal("request", Assert.Throws<ArgumentNullException>(() => policy.Evaluate(null!)).ParamName);
        Assert.Equal("random", Assert.Throws<ArgumentNullException>(() => policy.Evaluate(new RewardRequest(), null!)).ParamName);
    }
}
