using Incentives.Budgets;

namespace Incentives.Tests.Budgets;

/// <summary>Runs the ledger contract against <see cref="InMemoryBudgetLedger"/>.</summary>
public sealed class InMemoryBudgetLedgerContractTests : BudgetLedgerContractTests
{
    protected override IBudgetLedger CreateLedger(BudgetTree tree) => new InMemoryBudgetLedger(tree);
}
