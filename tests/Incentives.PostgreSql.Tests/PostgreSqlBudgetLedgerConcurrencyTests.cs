using Incentives.Budgets;
using Incentives.Tests.Budgets;

namespace Incentives.PostgreSql.Tests;

/// <summary>Runs the unchanged <see cref="BudgetLedgerConcurrencyTests"/> against <see cref="PostgreSqlBudgetLedger"/>.</summary>
public sealed class PostgreSqlBudgetLedgerConcurrencyTests : BudgetLedgerConcurrencyTests
{
    protected override IBudgetLedger CreateLedger(BudgetTree tree) => Ledgers.Fresh(tree);
}
