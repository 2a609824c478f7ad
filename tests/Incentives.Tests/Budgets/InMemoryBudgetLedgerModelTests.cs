using Incentives.Budgets;

namespace Incentives.Tests.Budgets;

/// <summary>Runs <see cref="BudgetLedgerModelTests"/> against <see cref="InMemoryBudgetLedger"/>.</summary>
public sealed class InMemoryBudgetLedgerModelTests : BudgetLedgerModelTests
{
    protected override IBudgetLedger CreateLedger(BudgetTree tree) => new InMemoryBudgetLedger(tree);
}
