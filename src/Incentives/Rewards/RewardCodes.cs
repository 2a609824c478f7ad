namespace Incentives.Rewards;

/// <summary>
/// The stable, machine-readable codes of the Rewards area: the runtime codes of <see cref="RewardOutcome.Code"/> and the
/// validation codes of <see cref="Json.RewardPolicyDefinitionValidator"/> (<c>ValidationFailure.ErrorCode</c>).
/// Codes are lower-case, dot-separated, kebab-case (<c>reward.what-is-wrong</c>) and never change meaning.
/// </summary>
/// <remarks>
/// Missing values, unknown currencies and malformed amounts use the shared codes of
/// <see cref="Serialization.DefinitionErrorCodes"/> (<c>definition.required</c>, <c>money.unknown-currency</c>,
/// <c>money.invalid-amount</c>, <c>json.invalid</c>).
/// </remarks>
public static class RewardCodes
{
    /// <summary>Runtime: an order-based policy and a claim without an order.</summary>
    public const string OrderAmountRequired = "reward.order-amount-required";

    /// <summary>Runtime: the order is in another currency than the policy.</summary>
    public const string OrderCurrencyMismatch = "reward.order-currency-mismatch";

    /// <summary>Runtime: the order amount is zero or negative.</summary>
    public const string OrderAmountNotPositive = "reward.order-amount-not-positive";

    /// <summary>Runtime: the order does not reach the first tier.</summary>
    public const string BelowFirstTier = "reward.below-first-tier";

    /// <summary>Runtime: the computed reward is zero.</summary>
    public const string ZeroAmount = "reward.zero-amount";

    /// <summary>Runtime: every envelope of the red-envelope pool has been opened.</summary>
    public const string PoolExhausted = "reward.pool-exhausted";

    /// <summary>Validation: <c>type</c> is not one of the reward types.</summary>
    public const string UnknownType = "reward.unknown-type";

    /// <summary>Validation: <c>rounding</c> is not a rounding mode name.</summary>
    public const string UnknownRounding = "reward.unknown-rounding";

    /// <summary>Validation: <c>algorithm</c> is not an envelope algorithm name.</summary>
    public const string UnknownAlgorithm = "reward.unknown-algorithm";

    /// <summary>Validation: a property that the policy's <c>type</c> does not use is present (it would be silently ignored).</summary>
    public const string PropertyNotApplicable = "reward.property-not-applicable";

    /// <summary>Validation: an amount or a count is zero where it must be greater than zero.</summary>
    public const string NotPositive = "reward.not-positive";

    /// <summary>Validation: <c>percent</c> is outside (0, 100].</summary>
    public const string PercentOutOfRange = "reward.percent-out-of-range";

    /// <summary>Validation: an amount is in another currency than the policy's.</summary>
    public const string CurrencyMismatch = "reward.currency-mismatch";

    /// <summary>Validation: <c>cap</c> is below <c>floor</c>.</summary>
    public const string CapBelowFloor = "reward.cap-below-floor";

    /// <summary>Validation: <c>maximum</c> is below <c>minimum</c>.</summary>
    public const string MaximumBelowMinimum = "reward.maximum-below-minimum";

    /// <summary>Validation: a tier's minimum order is not above the previous tier's.</summary>
    public const string TiersNotIncreasing = "reward.tiers-not-increasing";

    /// <summary>Validation: a tier's reward is below the previous tier's.</summary>
    public const string RewardsDecreasing = "reward.rewards-decreasing";

    /// <summary>Validation: no split of the pool can satisfy the bounds (<c>count × minimum &gt; total</c> or <c>count × maximum &lt; total</c>).</summary>
    public const string SplitImpossible = "reward.split-impossible";
}
