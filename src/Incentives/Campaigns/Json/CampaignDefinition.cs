using Incentives.Eligibility.Json;
using Incentives.Rewards.Json;
using Incentives.Time.Json;

namespace Incentives.Campaigns.Json;

/// <summary>
/// The JSON form of a <see cref="Campaign"/>, composed from the definitions of the other areas: a window
/// (<see cref="CampaignWindowDefinition"/>), a rule (<see cref="RuleDefinition"/>), a reward (<see cref="RewardPolicyDefinition"/>)
/// and a budget reference (<see cref="CampaignBudgetDefinition"/>). Validate with <see cref="CampaignDefinitionValidator"/>; build
/// with <see cref="CampaignJson.Compile(CampaignDefinition, string)"/>.
/// </summary>
/// <remarks>Every property is nullable so that a missing part is a validation failure with its path, not a deserializer exception.</remarks>
public sealed class CampaignDefinition
{
    /// <summary>Gets or sets the campaign id (required): lower-case letters, digits, <c>.</c>, <c>_</c>, <c>-</c>.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the display name (default: the id).</summary>
    public string? Name { get; set; }

    /// <summary>Gets or sets the ISO 4217 currency (optional; when given, the reward and the budget must use it).</summary>
    public string? Currency { get; set; }

    /// <summary>Gets or sets the window and its slots (required).</summary>
    public CampaignWindowDefinition? Window { get; set; }

    /// <summary>Gets or sets the eligibility rule (optional: without one, every claim inside the window qualifies).</summary>
    public RuleDefinition? Rule { get; set; }

    /// <summary>Gets or sets the reward policy (required).</summary>
    public RewardPolicyDefinition? Reward { get; set; }

    /// <summary>Gets or sets the budget the campaign draws from (required).</summary>
    public CampaignBudgetDefinition? Budget { get; set; }

    /// <summary>Gets or sets how long a grant is held before it expires, as an ISO 8601 duration such as <c>PT15M</c> (default 15 minutes; no years or months).</summary>
    public string? Hold { get; set; }

    /// <summary>Gets or sets the priority, higher first (default 0).</summary>
    public int? Priority { get; set; }

    /// <summary>Gets or sets the stacking mode: <c>exclusive</c> (default), <c>stackable</c> or <c>bestForParticipant</c>.</summary>
    public string? Stacking { get; set; }
}
