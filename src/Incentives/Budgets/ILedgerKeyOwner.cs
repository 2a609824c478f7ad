namespace Incentives.Budgets;

/// <summary>
/// Keeps the idempotency keys of the reservations it makes in an <see cref="InMemoryBudgetLedger"/> itself, so that the ledger
/// does not record them a second time: the campaign engine, for the ledgers it creates (its idempotency store already holds one
/// record per claim key, and the ledger key of a claim's reservation is that key and the campaign's suffix). The ledger asks the
/// owner when a caller reserves directly with a key it does not know, so that such a key still meets the owner's reservation.
/// </summary>
/// <threadsafety>Implementations are thread-safe and take no lock that is held while calling the ledger.</threadsafety>
internal interface ILedgerKeyOwner
{
    /// <summary>Finds the reservation the owner made in <paramref name="ledger"/> under the ledger key <paramref name="key"/>.</summary>
    /// <param name="ledger">The ledger asking.</param>
    /// <param name="key">The whole ledger key a caller reserved with.</param>
    /// <param name="reservationId">The reservation's id when found.</param>
    /// <returns><see langword="true"/> when the owner made a reservation under that key and still remembers it.</returns>
    bool TryFindReservation(InMemoryBudgetLedger ledger, in KeyText key, out long reservationId);
}
