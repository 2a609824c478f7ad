using System.Collections.Generic;

namespace Incentives.Campaigns.Json;

/// <summary>The JSON form of a <see cref="CampaignProgramme"/>: budget trees and the campaigns that draw from them.</summary>
public sealed class CampaignProgrammeDefinition
{
    /// <summary>Gets or sets the budgets, each with an id and a tree.</summary>
    public IList<ProgrammeBudgetDefinition?>? Budgets { get; set; }

    /// <summary>Gets or sets the campaigns.</summary>
    public IList<CampaignDefinition?>? Campaigns { get; set; }
}
