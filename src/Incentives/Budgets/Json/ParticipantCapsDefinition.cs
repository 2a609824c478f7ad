using Incentives.Serialization;

namespace Incentives.Budgets.Json;

/// <summary><see cref="ParticipantCaps"/> as data; at least one must be set.</summary>
public sealed class ParticipantCapsDefinition
{
    /// <summary>Gets or sets the most per participant over the campaign.</summary>
    public MoneyDefinition? MaxAmountPerCampaign { get; set; }

    /// <summary>Gets or sets the most grants per participant over the campaign.</summary>
    public int? MaxGrantsPerCampaign { get; set; }

    /// <summary>Gets or sets the most per participant per campaign day.</summary>
    public MoneyDefinition? MaxAmountPerDay { get; set; }

    /// <summary>Gets or sets the most grants per participant per campaign day.</summary>
    public int? MaxGrantsPerDay { get; set; }
}
