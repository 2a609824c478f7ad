using System;
using System.Linq;
using Incentives.Rewards;
using Incentives.Rewards.Envelopes;
using Incentives.Rewards.Json;
using Incentives.Rewards.Randomness;

namespace Incentives.Tests.Rewards;

/// <summary>The examples of docs/rewards.md, compiled and checked here so that the docs never rot.</summary>
public sealed class RewardsDocsExamplesTests
{
    [Fact]
    public void Policies_built_in_code()
    {
        var cny = Currency.CNY;
        var order = new RewardRequest(Money.FromDecimal(350m, cny), participantId: "u-42");

        var fixedReward = new FixedRewardPolicy(Money.FromDecimal(8.88m, cny));
        var percentage = new PercentageRewardPolicy(
            cny, percent: 8m, MidpointRounding.ToZero, floor: Money.FromDecimal(1m, cny), cap: Money.FromDecimal(20m, cny));
        var tiered = new TieredRewardPolicy([
            new RewardTier(Money.FromDecimal(100m, cny), Money.FromDecimal(8m, cny)),
            new RewardTier(Money.FromDecimal(300m, cny), Money.FromDecimal(30m, cny)),
        ]);

        Assert.Equal("CNY 8.88", fixedReward.Evaluate(order).ToString());
        Assert.Equal("CNY 20.00", percentage.Evaluate(order).ToString()); // 8% of 350.00 = 28.00, capped at 20.00
        Assert.Equal("CNY 30.00", tiered.Evaluate(order).ToString());

        var small = tiered.Evaluate(new RewardRequest(Money.FromDecimal(60m, cny)));
        Assert.False(small.IsRewarded);
        Assert.Equal(NoRewardReason.BelowFirstTier, small.Reason);
        Assert.Equal("reward.below-first-tier: The order CNY 60.00 is below the first tier (CNY 100.00).", small.ToString());
    }

    [Fact]
    public void Splitting_a_pool_and_replaying_it_from_its_seed()
    {
        // 100.00 CNY in 10 envelopes of 1.00 to 20.00 each.
        var spec = new RedEnvelopeSpec(
            total: Money.FromDecimal(100m, Currency.CNY),
            count: 10,
            minimum: Money.FromDecimal(1m, Currency.CNY),
            maximum: Money.FromDecimal(20m, Currency.CNY),
            EnvelopeAlgorithm.DoubleMean);

        var amounts = spec.Split(new SeededRandomSource(seed: 20260215)).ToArray();
        var replay = spec.Split(new SeededRandomSource(seed: 20260215)).ToArray();

        Assert.Equal(amounts, replay);
        Assert.Equal(10, amounts.Length);
        Assert.Equal(Money.FromDecimal(100m, Currency.CNY), amounts.Aggregate((a, b) => a + b));
        Assert.All(amounts, a => Assert.InRange(a.MinorUnits, 100, 2_000));
    }

    [Fact]
    public void Streaming_ten_million_envelopes_in_a_reused_buffer()
    {
        // The campaign's 3,000,000,000 CNY in 10,000,000 envelopes of 1.00 to 2,000.00: memory is one buffer.
        var spec = new RedEnvelopeSpec(
            Money.FromDecimal(3_000_000_000m, Currency.CNY), 10_000_000,
            Money.FromDecimal(1m, Currency.CNY), Money.FromDecimal(2_000m, Currency.CNY));
        var splitter = spec.CreateSplitter(new SeededRandomSource(seed: 1));
        Span<long> buffer = stackalloc long[1024];
        long count = 0, sum = 0, min = long.MaxValue, max = long.MinValue;

        int n;
        while ((n = splitter.Fill(buffer)) > 0)
        {
            foreach (var fen in buffer[..n])
            {
                count++;
                sum += fen;
                min = Math.Min(min, fen);
                max = Math.Max(max, fen);
            }
        }

        Assert.Equal(10_000_000, count);
        Assert.Equal(300_000_000_000, sum);
        Assert.True(min >= 100 && max <= 200_000);
    }

    [Fact]
    public void Opening_a_shared_pool()
    {
        var pool = new RedEnvelopePool(new RedEnvelopeSpec(
            Money.FromDecimal(10m, Currency.CNY), 3, Money.FromDecimal(1m, Currency.CNY), Money.FromDecimal(5m, Currency.CNY)));

        var first = pool.Open(); // any thread may call Open concurrently
        Assert.True(first.IsOpened);
        Assert.Equal(1, first.Sequence);
        Assert.True(pool.TryOpen(out _));
        Assert.True(pool.TryOpen(out _));
        Assert.False(pool.Open().IsOpened); // exhausted: a value, not an exception
    }

    [Fact]
    public void Loading_a_policy_from_json()
    {
        var policy = RewardPolicyJson.Load("""
            {
              "type": "redEnvelope",
              "total": { "amount": "1000000.00", "currency": "CNY" },
              "count": 100000,
              "minimum": { "amount": "1.00", "currency": "CNY" },
              "maximum": { "amount": "200.00", "currency": "CNY" },
              "algorithm": "doubleMean",
              "luckyAmounts": true,
              "seed": 20260215
            }
            """);

        var outcome = policy.Evaluate(new RewardRequest(participantId: "u-42"));

        Assert.True(outcome.IsRewarded);
        Assert.InRange(outcome.Amount.MinorUnits, 100, 20_000);
    }

    [Fact]
    public void Returning_an_envelope_the_budget_denied()
    {
        var policy = new RedEnvelopeRewardPolicy(new RedEnvelopePool(new RedEnvelopeSpec(
            Money.FromDecimal(10m, Currency.CNY), 3, Money.FromDecimal(1m, Currency.CNY), Money.FromDecimal(5m, Currency.CNY))));

        var outcome = policy.Evaluate(new RewardRequest(participantId: "u-42"));
        if (outcome.IsRewarded && !TryReserveBudget(outcome.Amount))
        {
            policy.ReturnUnused(outcome); // the envelope goes back: the pool still sums exactly to 10.00
        }

        Assert.Equal(3, policy.Pool.RemainingCount);
        Assert.Equal(Money.FromDecimal(10m, Currency.CNY), policy.Pool.RemainingAmount);

        static bool TryReserveBudget(Money amount) => amount.IsZero; // stands for a budget that is exhausted
    }

    [Fact]
    public void Persisting_and_restoring_a_pool_across_a_restart()
    {
        var definition = RewardPolicyJson.Deserialize("""
            {
              "type": "redEnvelope",
              "total": { "amount": "100.00", "currency": "CNY" },
              "count": 10,
              "minimum": { "amount": "1.00", "currency": "CNY" },
              "maximum": { "amount": "20.00", "currency": "CNY" }
            }
            """);
        var policy = (RedEnvelopeRewardPolicy)RewardPolicyJson.Compile(definition);

        var outcome = policy.Evaluate(new RewardRequest(participantId: "u-42"));
        RedEnvelopePoolState saved = policy.Pool.State; // persist it with the grant, in the same transaction

        // After a restart: the same definition and the saved state. Compile(definition) alone would be a full pool again.
        var restored = (RedEnvelopeRewardPolicy)RewardPolicyJson.Compile(definition, saved);

        Assert.Equal(9, restored.Pool.RemainingCount);
        Assert.Equal(Money.FromDecimal(100m, Currency.CNY) - outcome.Amount, restored.Pool.RemainingAmount);
    }
}
