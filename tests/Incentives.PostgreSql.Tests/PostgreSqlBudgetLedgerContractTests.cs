using Incentives.Budgets;
using Incentives.Tests.Budgets;

namespace Incentives.PostgreSql.Tests;

/// <summary>Runs the unchanged <see cref="BudgetLedgerContractTests"/> against <see cref="PostgreSqlBudgetLedger"/>.</summary>
public sealed class PostgreSqlBudgetLedgerContractTests : BudgetLedgerContractTests
{
    protected override IBudgetLedger CreateLedger(BudgetTree tree) => Ledgers.Fresh(tree);
}
