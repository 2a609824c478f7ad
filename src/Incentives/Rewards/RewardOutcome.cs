using System;

namespace Incentives.Rewards;

/// <summary>The result of a reward policy: an amount, or no reward with a machine-readable reason and a message.</summary>
/// <remarks><c>default</c> is "no reward" with reason <see cref="NoRewardReason.None"/> and a zero amount of no currency; use the factories.</remarks>
/// <threadsafety>Immutable value type; thread-safe.</threadsafety>
public readonly record struct RewardOutcome
{
    private RewardOutcome(Money amount, NoRewardReason reason, string message)
    {
        Amount = amount;
        Reason = reason;
        Message = message;
    }

    /// <summary>Gets a value indicating whether the claim is rewarded (with a positive <see cref="Amount"/>).</summary>
    public bool IsRewarded => Reason == NoRewardReason.None && Amount.IsPositive;

    /// <summary>Gets the reward, or zero when there is none.</summary>
    public Money Amount { get; }

    /// <summary>Gets why there is no reward; <see cref="NoRewardReason.None"/> when rewarded.</summary>
    public NoRewardReason Reason { get; }

    /// <summary>Gets the machine-readable code of <see cref="Reason"/> (for example <c>"reward.below-first-tier"</c>, see <see cref="RewardCodes"/>), or an empty string when rewarded.</summary>
    public string Code => Reason switch
    {
        NoRewardReason.None => string.Empty,
        NoRewardReason.OrderAmountRequired => RewardCodes.OrderAmountRequired,
        NoRewardReason.OrderCurrencyMismatch => RewardCodes.OrderCurrencyMismatch,
        NoRewardReason.OrderAmountNotPositive => RewardCodes.OrderAmountNotPositive,
        NoRewardReason.BelowFirstTier => RewardCodes.BelowFirstTier,
        NoRewardReason.ZeroAmount => RewardCodes.ZeroAmount,
        NoRewardReason.PoolExhausted => RewardCodes.PoolExhausted,
        _ => "reward.unknown",
    };

    /// <summary>Gets a human-readable explanation (empty when rewarded).</summary>
    public string Message { get; }

    /// <summary>Creates a reward of the given amount.</summary>
    /// <param name="amount">The reward, greater than zero.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is zero or negative.</exception>
    public static RewardOutcome Rewarded(Money amount)
    {
        if (!amount.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(amount), amount, "A reward must be greater than zero; report a zero reward with NoReward(ZeroAmount).");
        }

        return new(amount, NoRewardReason.None, string.Empty);
    }

    /// <summary>Creates a "no reward" outcome.</summary>
    /// <param name="currency">The policy's currency, for the zero <see cref="Amount"/>.</param>
    /// <param name="reason">Why, not <see cref="NoRewardReason.None"/>.</param>
    /// <param name="message">A human-readable explanation.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> or <paramref name="message"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reason"/> is <see cref="NoRewardReason.None"/> or undefined.</exception>
    public static RewardOutcome NoReward(Currency currency, NoRewardReason reason, string message)
    {
        ArgumentNullException.ThrowIfNull(currency);
        ArgumentNullException.ThrowIfNull(message);
        if (reason == NoRewardReason.None || !Enum.IsDefined(reason))
        {
            throw new ArgumentOutOfRangeException(nameof(reason), reason, "Give the reason why there is no reward.");
        }

        return new(Money.Zero(currency), reason, message);
    }

    /// <summary>Returns <c>"CNY 8.00"</c> when rewarded, or the code and message, e.g. <c>"reward.below-first-tier: ..."</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => IsRewarded ? Amount.ToString() : $"{Code}: {Message}";
}
