using System;
using Incentives.Budgets;

namespace Incentives.PostgreSql.Tests;

/// <summary>Opens a PostgreSQL ledger on a fresh tree id, so that every test starts from an empty ledger.</summary>
internal static class Ledgers
{
    public static PostgreSqlBudgetLedger Fresh(BudgetTree tree) =>
        PostgreSqlBudgetLedger.OpenAsync(PostgresServer.DataSource, "test-" + Guid.NewGuid().ToString("N"), tree).GetAwaiter().GetResult();
}
