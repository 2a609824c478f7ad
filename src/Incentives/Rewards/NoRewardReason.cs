namespace Incentives.Rewards;

/// <summary>Why a policy gave no reward: an expected outcome, reported as a value, never as an exception.</summary>
public enum NoRewardReason
{
    /// <summary>Not a reason: the claim was rewarded.</summary>
    None = 0,

    /// <summary>The policy depends on the order amount and the request has none (code <c>reward.order-amount-required</c>).</summary>
    OrderAmountRequired = 1,

    /// <summary>The order is in another currency than the policy (code <c>reward.order-currency-mismatch</c>).</summary>
    OrderCurrencyMismatch = 2,

    /// <summary>The order amount is zero or negative (code <c>reward.order-amount-not-positive</c>).</summary>
    OrderAmountNotPositive = 3,

    /// <summary>The order is below the first tier's minimum (code <c>reward.below-first-tier</c>).</summary>
    BelowFirstTier = 4,

    /// <summary>The computed reward is zero, e.g. a percentage of a tiny order rounded down (code <c>reward.zero-amount</c>).</summary>
    ZeroAmount = 5,

    /// <summary>Every envelope of the red-envelope pool has been opened (code <c>reward.pool-exhausted</c>).</summary>
    PoolExhausted = 6,
}
