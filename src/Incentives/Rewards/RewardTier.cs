using System;

namespace Incentives.Rewards;

/// <summary>One tier of a <see cref="TieredRewardPolicy"/>: orders of at least <see cref="MinimumOrder"/> get <see cref="Reward"/>.</summary>
/// <remarks>Equality is by value.</remarks>
/// <threadsafety>Immutable value type; thread-safe.</threadsafety>
public readonly record struct RewardTier
{
    /// <summary>Initializes a tier.</summary>
    /// <param name="minimumOrder">The smallest order amount of the tier ("spend 100"), greater than zero.</param>
    /// <param name="reward">The reward of the tier ("get 8"), greater than zero, in the same currency.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="minimumOrder"/> or <paramref name="reward"/> is not positive.</exception>
    /// <exception cref="CurrencyMismatchException">The currencies differ.</exception>
    public RewardTier(Money minimumOrder, Money reward)
    {
        if (!minimumOrder.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(minimumOrder), minimumOrder, "A tier's minimum order must be greater than zero.");
        }

        if (reward.Currency != minimumOrder.Currency)
        {
            throw new CurrencyMismatchException(minimumOrder.Currency, reward.Currency, nameof(reward));
        }

        if (!reward.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(reward), reward, "A tier's reward must be greater than zero.");
        }

        MinimumOrder = minimumOrder;
        Reward = reward;
    }

    /// <summary>Gets the smallest order amount of the tier.</summary>
    public Money MinimumOrder { get; }

    /// <summary>Gets the reward of the tier.</summary>
    public Money Reward { get; }
}
