using Incentives.Serialization;

namespace Incentives.Rewards.Json;

/// <summary>One tier of a <c>"tiered"</c> policy in JSON: <c>{"minimumOrder":{"amount":"100.00","currency":"CNY"},"reward":{"amount":"8.00","currency":"CNY"}}</c>.</summary>
public sealed class RewardTierDefinition
{
    /// <summary>Gets or sets the smallest order amount of the tier (<c>minimumOrder</c>).</summary>
    public MoneyDefinition? MinimumOrder { get; set; }

    /// <summary>Gets or sets the reward of the tier (<c>reward</c>).</summary>
    public MoneyDefinition? Reward { get; set; }
}
