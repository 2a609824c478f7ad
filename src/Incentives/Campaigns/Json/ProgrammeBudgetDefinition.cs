using Incentives.Budgets.Json;

namespace Incentives.Campaigns.Json;

/// <summary>One budget of a programme: its id and its tree (<see cref="BudgetTreeDefinition"/>).</summary>
public sealed class ProgrammeBudgetDefinition
{
    /// <summary>Gets or sets the budget id (required), referenced by <c>campaigns[i].budget.id</c>.</summary>
    public string? Id { get; set; }

    /// <summary>Gets or sets the budget tree (required).</summary>
    public BudgetTreeDefinition? Tree { get; set; }
}
