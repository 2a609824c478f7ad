using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;

namespace Incentives.Budgets;

/// <summary>
/// Holds, grants and gives back money of one <see cref="BudgetTree"/> so that no node, no campaign day and no
/// participant cap is ever exceeded, whatever the interleaving of calls.
/// </summary>
/// <remarks>
/// <para>Guarantees every implementation must give (the contract test suite checks them):</para>
/// <list type="bullet">
/// <item>At every node and day, at every instant: <c>Reserved + Committed &lt;= Released &lt;= Limit</c>,
/// <c>Limit == Available + Reserved + Committed</c> to the minor unit, and nothing is negative.</item>
/// <item>A reservation is all or nothing across the node, its ancestors, the pacing of each, and every cap.</item>
/// <item>Expected refusals (limit, pacing, cap, outside window, idempotency conflict, unknown or settled
/// reservation) are result values; nothing moves when one is returned.</item>
/// <item>Bad arguments (null or empty key or participant, zero or negative amount, another currency, unknown path,
/// expiry not after the instant) throw an <see cref="ArgumentException"/> before anything moves. An implementation
/// may throw it from the call itself or through the returned task; a caller that awaits sees the same exception.</item>
/// <item>The same idempotency key with the same request returns the first outcome; with a different request it
/// returns <see cref="BudgetDenialCode.IdempotencyKeyConflict"/>, never a second reservation.</item>
/// <item>Time comes only from the instants passed in; the ledger's time is the latest instant it has seen, and a
/// held reservation whose expiry is at or before that time is expired before anything else happens.</item>
/// <item>Every operation is asynchronous so that a durable store does not block a thread on I/O; the in-memory
/// ledger completes synchronously. A token that is already cancelled makes the operation throw
/// <see cref="OperationCanceledException"/> before anything moves. Once a durable store has sent a change, a
/// cancellation may leave it done or not done: retry with the same idempotency key (or settlement) to find out.</item>
/// </list>
/// </remarks>
public interface IBudgetLedger
{
    /// <summary>Gets the tree whose money this ledger holds.</summary>
    BudgetTree Tree { get; }

    /// <summary>Holds an amount on a node and every ancestor for a participant, if it fits everything, atomically.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call; see the interface remarks.</param>
    /// <returns>Reserved with an id, or denied with the node or cap that refused and what was left.</returns>
    /// <exception cref="ArgumentException">A bad argument (see the interface remarks); nothing moved.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before anything moved.</exception>
    ValueTask<ReserveResult> ReserveAsync(ReserveRequest request, CancellationToken cancellationToken = default);

    /// <summary>Commits a held reservation in full or in part; the uncommitted rest goes back to the budget.</summary>
    /// <param name="id">The reservation.</param>
    /// <param name="amount">The amount to grant, greater than zero and at most the amount reserved.</param>
    /// <param name="instant">When the commit happens; a reservation expired by then cannot be committed.</param>
    /// <param name="cancellationToken">Cancels the call; see the interface remarks.</param>
    /// <returns>Done, or refused (<see cref="BudgetDenialCode.UnknownReservation"/>, <see cref="BudgetDenialCode.AlreadySettled"/>,
    /// <see cref="BudgetDenialCode.ReservationExpired"/>, <see cref="BudgetDenialCode.ExceedsReserved"/>). Committing again with
    /// the same amount returns the first outcome as a replay.</returns>
    /// <exception cref="ArgumentException">The amount is not positive or in another currency.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before anything moved.</exception>
    ValueTask<LedgerResult> CommitAsync(ReservationId id, Money amount, Instant instant, CancellationToken cancellationToken = default);

    /// <summary>Releases a held reservation: all its money goes back to the budget and the participant's caps.</summary>
    /// <param name="id">The reservation.</param>
    /// <param name="instant">When the release happens.</param>
    /// <param name="cancellationToken">Cancels the call; see the interface remarks.</param>
    /// <returns>Done (a repeated release is a replay), or refused (unknown, committed, expired).</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled before anything moved.</exception>
    ValueTask<LedgerResult> ReleaseAsync(ReservationId id, Instant instant, CancellationToken cancellationToken = default);

    /// <summary>Refunds part or all of a committed grant: the money returns to the nodes on the same campaign day as the reservation.</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call; see the interface remarks.</param>
    /// <returns>Done with the day the money returned to, or refused (unknown, not committed, exceeds what is committed, key conflict).</returns>
    /// <exception cref="ArgumentException">A null or empty key, an amount that is not positive or in another currency.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled before anything moved.</exception>
    ValueTask<LedgerResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default);

    /// <summary>Advances the ledger's time to <paramref name="now"/> and expires every held reservation whose expiry is at or before it.</summary>
    /// <param name="now">The current instant.</param>
    /// <param name="cancellationToken">Cancels the call; see the interface remarks.</param>
    /// <returns>How many reservations this call expired.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled before anything moved.</exception>
    ValueTask<int> ExpireDueAsync(Instant now, CancellationToken cancellationToken = default);

    /// <summary>Finds a reservation.</summary>
    /// <param name="id">The reservation id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>What the ledger knows about it, or null when the id is unknown.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    ValueTask<ReservationInfo?> GetReservationAsync(ReservationId id, CancellationToken cancellationToken = default);

    /// <summary>Reads every node and day at one consistent point.</summary>
    /// <param name="at">The instant for released amounts; the ledger's latest instant is used when later.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The snapshot.</returns>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    ValueTask<LedgerSnapshot> GetSnapshotAsync(Instant at, CancellationToken cancellationToken = default);

    /// <summary>Reads what a participant has used against every cap of the tree.</summary>
    /// <param name="participantId">The participant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One entry per cap (per day for per-day caps), in tree order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="participantId"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The token was cancelled.</exception>
    ValueTask<IReadOnlyList<ParticipantCapUsage>> GetParticipantUsageAsync(string participantId, CancellationToken cancellationToken = default);
}
