namespace Incentives.Rewards.Json;

/// <summary>The <c>"type"</c> values of <see cref="RewardPolicyDefinition"/>.</summary>
public static class RewardPolicyTypes
{
    /// <summary>A <see cref="FixedRewardPolicy"/>.</summary>
    public const string Fixed = "fixed";

    /// <summary>A <see cref="PercentageRewardPolicy"/>.</summary>
    public const string Percentage = "percentage";

    /// <summary>A <see cref="TieredRewardPolicy"/>.</summary>
    public const string Tiered = "tiered";

    /// <summary>A <see cref="RandomRangeRewardPolicy"/>.</summary>
    public const string RandomRange = "randomRange";

    /// <summary>A <see cref="RedEnvelopeRewardPolicy"/>.</summary>
    public const string RedEnvelope = "redEnvelope";
}
