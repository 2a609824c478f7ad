using System.Collections.Generic;

namespace Incentives.Budgets.Json;

/// <summary>A budget tree as data (JSON, camelCase): an optional window and a flat list of nodes with path-like ids.</summary>
/// <remarks>Validate with <see cref="BudgetTreeDefinitionValidator"/>; compile with <see cref="BudgetTreeJson"/>.</remarks>
public sealed class BudgetTreeDefinition
{
    /// <summary>Gets or sets the campaign window; needed by pacing plans and per-day caps.</summary>
    public BudgetWindowDefinition? Window { get; set; }

    /// <summary>Gets or sets the nodes; exactly one root (a single-segment id), every other node's parent listed too.</summary>
    public IList<BudgetNodeDefinition>? Nodes { get; set; }
}
