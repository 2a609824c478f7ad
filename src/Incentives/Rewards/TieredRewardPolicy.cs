using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Incentives.Rewards.Randomness;

namespace Incentives.Rewards;

/// <summary>
/// Gives the reward of the highest tier the order reaches: "spend 100, get 8; spend 300, get 30".
/// JSON: <c>{"type":"tiered","tiers":[{"minimumOrder":{...},"reward":{...}}, ...]}</c>.
/// </summary>
/// <remarks>
/// Tiers have strictly increasing minimum orders and non-decreasing rewards, so the reward never decreases when the
/// order grows. An order below the first tier gets no reward with <see cref="NoRewardReason.BelowFirstTier"/>.
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class TieredRewardPolicy : RewardPolicy
{
    /// <summary>Initializes the policy.</summary>
    /// <param name="tiers">The tiers, in increasing order of minimum order; at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// There is no tier; a tier is not valid (e.g. <c>default(RewardTier)</c>: its minimum order and reward must be
    /// greater than zero, in one currency; the message gives the index); or the minimum orders are not strictly increasing, or a reward is smaller than the previous one.
    /// </exception>
    /// <exception cref="CurrencyMismatchException">The tiers are not all in one currency.</exception>
    public TieredRewardPolicy(IEnumerable<RewardTier> tiers)
        : this(ToArray(tiers))
    {
    }

    private TieredRewardPolicy(ImmutableArray<RewardTier> tiers)
        : base(tiers[0].MinimumOrder.Currency)
    {
        for (var i = 1; i < tiers.Length; i++)
        {
            var previous = tiers[i - 1];
            var tier = tiers[i];
            if (tier.MinimumOrder.Currency != Currency)
            {
                throw new CurrencyMismatchException(Currency, tier.MinimumOrder.Currency, nameof(tiers));
            }

            if (tier.MinimumOrder.MinorUnits <= previous.MinimumOrder.MinorUnits)
            {
                throw new ArgumentException(
                    $"Tier {i} starts at {tier.MinimumOrder}, not above tier {i - 1} at {previous.MinimumOrder}: minimum orders must strictly increase.",
                    nameof(tiers));
            }

            if (tier.Reward.MinorUnits < previous.Reward.MinorUnits)
            {
                throw new ArgumentException(
                    $"Tier {i} gives {tier.Reward}, less than tier {i - 1} ({previous.Reward}): a larger order must not get a smaller reward.",
                    nameof(tiers));
            }
        }

        Tiers = tiers;
    }

    /// <summary>Gets the tiers in increasing order.</summary>
    public ImmutableArray<RewardTier> Tiers { get; }

    /// <inheritdoc />
    protected override RewardOutcome EvaluateCore(RewardRequest request, IRandomSource random) => ForOrder(request.OrderAmount);

    /// <inheritdoc />
    internal override RewardOutcome EvaluateOrder(Money? orderAmount, string? participantId, IRandomSource random) => ForOrder(orderAmount);

    private RewardOutcome ForOrder(Money? orderAmount)
    {
        if (TryGetOrder(orderAmount, out var order) is { } refusal)
        {
            return refusal;
        }

        for (var i = Tiers.Length - 1; i >= 0; i--)
        {
            if (order.MinorUnits >= Tiers[i].MinimumOrder.MinorUnits)
            {
                return RewardOutcome.Rewarded(Tiers[i].Reward);
            }
        }

        return NoReward(NoRewardReason.BelowFirstTier, $"The order {order} is below the first tier ({Tiers[0].MinimumOrder}).");
    }

    private static ImmutableArray<RewardTier> ToArray(IEnumerable<RewardTier> tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        var array = tiers.ToImmutableArray();
        if (array.IsEmpty)
        {
            throw new ArgumentException("A tiered reward needs at least one tier.", nameof(tiers));
        }

        for (var i = 0; i < array.Length; i++)
        {
            // default(RewardTier) skips the tier's constructor: zero amounts of no currency.
            var tier = array[i];
            if (!tier.MinimumOrder.IsPositive || !tier.Reward.IsPositive || tier.Reward.Currency != tier.MinimumOrder.Currency)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Tier {i} (minimum order {tier.MinimumOrder}, reward {tier.Reward}) is not a valid tier: both must be greater than zero and in one currency; build tiers with new RewardTier(minimumOrder, reward)."),
                    nameof(tiers));
            }
        }

        return array;
    }
}
