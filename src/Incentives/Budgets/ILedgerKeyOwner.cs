using System.Threading.Tasks;

namespace Incentives.Budgets;

/// <summary>
/// Keeps the idempotency keys of the reservations it makes in an <see cref="InMemoryBudgetLedger"/> itself, so that the ledger
/// does not record them a second time: the campaign engine, for the ledgers it creates (its idempotency store already holds one
/// record per claim key, and the ledger key of a claim's reservation is that key and the campaign's suffix). The ledger asks the
/// owner, under its lock, when a caller reserves or refunds directly with a key it does not know, so that such a key still meets
/// the owner's reservation.
/// </summary>
/// <threadsafety>
/// Implementations are thread-safe. They are called under the ledger's lock: they may take their own locks, but never call a
/// ledger while holding one (the only order is ledger, then owner).
/// </threadsafety>
internal interface ILedgerKeyOwner
{
    /// <summary>Finds the reservation the owner made in <paramref name="ledger"/> under the ledger key <paramref name="key"/>.</summary>
    /// <param name="ledger">The ledger asking.</param>
    /// <param name="key">The whole ledger key a caller reserves or refunds with.</param>
    /// <param name="reservationId">The reservation's id when found.</param>
    /// <param name="wait">
    /// Whether the caller will wait for an operation still running: <see langword="false"/> when it only needs to know (a refund
    /// is refused either way), so that nothing is made to be awaited.
    /// </param>
    /// <param name="running">
    /// When not found: a task that completes when the owner's operation with that key, still running, ends (it may reserve
    /// under the key at any moment until then; a completed task when <paramref name="wait"/> is <see langword="false"/>), or
    /// <see langword="null"/> when the owner knows nothing of the key.
    /// </param>
    /// <returns><see langword="true"/> when the owner made a reservation under that key and still remembers it.</returns>
    bool TryFindReservation(InMemoryBudgetLedger ledger, in KeyText key, bool wait, out long reservationId, out Task? running);
}
