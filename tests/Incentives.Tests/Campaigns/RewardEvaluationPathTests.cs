using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Rewards;
using Incentives.Rewards.Randomness;

namespace Incentives.Tests.Campaigns;

/// <summary>The engine evaluates rewards through an allocation-free internal path; it must agree with the public <see cref="RewardPolicy.Evaluate(RewardRequest, IRandomSource)"/>.</summary>
public sealed class RewardEvaluationPathTests
{
    private static readonly RewardPolicy[] Policies =
    [
        new FixedRewardPolicy(Money.FromDecimal(8.88m, Currency.CNY)),
        new PercentageRewardPolicy(Currency.CNY, 12.5m, floor: Money.FromDecimal(1m, Currency.CNY), cap: Money.FromDecimal(30m, Currency.CNY)),
        new PercentageRewardPolicy(Currency.CNY, 0.01m),
        new TieredRewardPolicy([
            new RewardTier(Money.FromDecimal(50m, Currency.CNY), Money.FromDecimal(5m, Currency.CNY)),
            new RewardTier(Money.FromDecimal(200m, Currency.CNY), Money.FromDecimal(30m, Currency.CNY))]),
    ];

    [Property(MaxTest = 300)]
    public Property The_engine_path_gives_the_outcome_of_the_public_evaluate_for_every_shipped_policy() =>
        Prop.ForAll(
            Gen.Choose(0, Policies.Length - 1).ToArbitrary(),
            Gen.Choose(-100, 100_000).ToArbitrary(),
            Gen.Elements(0, 1, 2).ToArbitrary(),
            (policy, minor, kind) =>
            {
                // kind 0: an order in CNY (possibly zero or negative), 1: no order, 2: an order in another currency.
                Money? order = kind switch
                {
                    0 => Money.FromMinorUnits(minor, Currency.CNY),
                    1 => null,
                    _ => Money.FromMinorUnits(minor, Currency.USD),
                };
                var expected = Policies[policy].Evaluate(new RewardRequest(order, "alice"), new SeededRandomSource(1));
                var actual = Policies[policy].EvaluateOrder(order, "alice", new SeededRandomSource(1));
                return actual == expected;
            });

    [Fact]
    public void The_random_range_policy_draws_the_same_amount_on_both_paths_with_the_same_seed()
    {
        var policy = new RandomRangeRewardPolicy(Money.FromDecimal(1m, Currency.CNY), Money.FromDecimal(9m, Currency.CNY));

        Assert.Equal(policy.Evaluate(new RewardRequest(), new SeededRandomSource(5)), policy.EvaluateOrder(null, null, new SeededRandomSource(5)));
    }
}
