using System;
using Incentives.Rewards.Randomness;

namespace Incentives.Rewards;

/// <summary>Gives every granted claim the same amount, with or without an order. JSON: <c>{"type":"fixed","amount":{...}}</c>.</summary>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class FixedRewardPolicy : RewardPolicy
{
    /// <summary>Initializes the policy.</summary>
    /// <param name="amount">The reward, greater than zero.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is zero or negative.</exception>
    public FixedRewardPolicy(Money amount)
        : base(amount.Currency)
    {
        if (!amount.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A fixed reward must be greater than zero.");
        }

        Amount = amount;
    }

    /// <summary>Gets the reward.</summary>
    public Money Amount { get; }

    /// <inheritdoc />
    protected override RewardOutcome EvaluateCore(RewardRequest request, IRandomSource random) => RewardOutcome.Rewarded(Amount);

    /// <inheritdoc />
    internal override RewardOutcome EvaluateOrder(Money? orderAmount, string? participantId, IRandomSource random) => RewardOutcome.Rewarded(Amount);
}
