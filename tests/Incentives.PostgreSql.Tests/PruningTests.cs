using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.Tests.Budgets;
using NodaTime;

namespace Incentives.PostgreSql.Tests;

/// <summary>
/// Runs the unchanged <see cref="BudgetLedgerPruningContractTests"/> against
/// <see cref="PostgreSqlBudgetLedger.PruneSettledAsync"/>: the same retention semantics and the same counts as
/// <see cref="InMemoryBudgetLedger.PruneSettled"/> on the same history.
/// </summary>
public sealed class PruningTests : BudgetLedgerPruningContractTests
{
    /// <inheritdoc />
    protected override IBudgetLedger CreateLedger(BudgetTree tree) => Ledgers.Fresh(tree);

    /// <inheritdoc />
    protected override ValueTask<LedgerPruneResult> PruneAsync(IBudgetLedger ledger, Instant settledBefore) =>
        ((PostgreSqlBudgetLedger)ledger).PruneSettledAsync(settledBefore);
}
