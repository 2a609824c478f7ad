using Incentives.Serialization;

namespace Incentives.Budgets.Json;

/// <summary>One node of a <see cref="BudgetTreeDefinition"/>.</summary>
public sealed class BudgetNodeDefinition
{
    /// <summary>Gets or sets the path-like id, e.g. <c>spring-festival/marketplace/food</c>.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the limit, e.g. <c>{"amount":"3000000000","currency":"CNY"}</c>; every node uses the same currency.</summary>
    public MoneyDefinition? Limit { get; set; }

    /// <summary>Gets or sets the pacing plan, or null.</summary>
    public PacingDefinition? Pacing { get; set; }

    /// <summary>Gets or sets the participant caps, or null.</summary>
    public ParticipantCapsDefinition? Caps { get; set; }
}
