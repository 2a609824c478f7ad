namespace Incentives.Campaigns.Json;

/// <summary>The JSON form of a <see cref="BudgetRouteEntry"/>.</summary>
public sealed class BudgetRouteEntryDefinition
{
    /// <summary>Gets or sets the claim's channel (required).</summary>
    public string? Channel { get; set; }

    /// <summary>Gets or sets the claim's category; omitted for any category.</summary>
    public string? Category { get; set; }

    /// <summary>Gets or sets the node path (required).</summary>
    public string? Path { get; set; }
}
