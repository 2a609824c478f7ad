using Incentives.Budgets;

namespace Incentives.Tests.Budgets;

/// <summary>Runs <see cref="BudgetLedgerConcurrencyTests"/> against <see cref="InMemoryBudgetLedger"/>.</summary>
public sealed class InMemoryBudgetLedgerConcurrencyTests : BudgetLedgerConcurrencyTests
{
    protected override IBudgetLedger CreateLedger(BudgetTree tree) => new InMemoryBudgetLedger(tree);
}
