using Incentives.Budgets;
using Incentives.Tests.Budgets;

namespace Incentives.PostgreSql.Tests;

/// <summary>Runs the unchanged <see cref="BudgetLedgerModelTests"/> against <see cref="PostgreSqlBudgetLedger"/>.</summary>
public sealed class PostgreSqlBudgetLedgerModelTests : BudgetLedgerModelTests
{
    protected override IBudgetLedger CreateLedger(BudgetTree tree) => Ledgers.Fresh(tree);
}
