using System.Collections.Generic;
using Incentives.Time.Json;

namespace Incentives.Budgets.Json;

/// <summary>A budget tree as data (JSON, camelCase): an optional window and a flat list of nodes with path-like ids.</summary>
/// <remarks>Validate with <see cref="BudgetTreeDefinitionValidator"/>; compile with <see cref="BudgetTreeJson"/>.</remarks>
public sealed class BudgetTreeDefinition
{
    /// <summary>
    /// Gets or sets the campaign window (the Time area's form: <c>zone</c>, <c>start</c> and one of <c>end</c>, <c>days</c>,
    /// <c>period</c>); needed by pacing plans and per-day caps. Slots and participant-local time are not allowed here.
    /// </summary>
    public CampaignWindowDefinition? Window { get; set; }

    /// <summary>Gets or sets the nodes; exactly one root (a single-segment id), every other node's parent listed too.</summary>
    public IList<BudgetNodeDefinition>? Nodes { get; set; }
}
