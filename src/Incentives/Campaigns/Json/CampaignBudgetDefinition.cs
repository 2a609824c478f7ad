using System.Collections.Generic;

namespace Incentives.Campaigns.Json;

/// <summary>The JSON form of a campaign's budget reference and <see cref="BudgetRoute"/>.</summary>
/// <remarks>Give <see cref="Path"/>, <see cref="Map"/>, or both (entries first, then the template, then <see cref="Fallback"/>).</remarks>
public sealed class CampaignBudgetDefinition
{
    /// <summary>Gets or sets the budget id (required).</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the node path or path template, e.g. <c>spring-festival/{channel}/{category}</c>.</summary>
    public string? Path { get; set; }

    /// <summary>Gets or sets explicit entries by channel and category.</summary>
    public IList<BudgetRouteEntryDefinition?>? Map { get; set; }

    /// <summary>Gets or sets the node used when nothing else resolves to a node.</summary>
    public string? Fallback { get; set; }
}
