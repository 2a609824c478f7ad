namespace Incentives.Budgets;

/// <summary>What <see cref="InMemoryBudgetLedger.PruneSettled"/> removed.</summary>
/// <param name="Reservations">The settled reservations forgotten.</param>
/// <param name="IdempotencyRecords">The idempotency keys forgotten (of those reservations, of their refunds, and of refused requests).</param>
public readonly record struct LedgerPruneResult(int Reservations, int IdempotencyRecords);
