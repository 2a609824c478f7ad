using System;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;

namespace Incentives.Budgets;

/// <summary>
/// Conveniences that read the instant from an injected <see cref="IClock"/> (a <c>FakeClock</c> in tests) and pass it
/// to the <see cref="IBudgetLedger"/> operations, which themselves never read a clock.
/// </summary>
public static class BudgetLedgerClockExtensions
{
    /// <summary>Reserves at the clock's current instant, holding the money for <paramref name="holdFor"/>.</summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="idempotencyKey">The caller's key for this claim.</param>
    /// <param name="nodePath">The node to reserve on.</param>
    /// <param name="participantId">The participant.</param>
    /// <param name="amount">The amount.</param>
    /// <param name="holdFor">How long the hold lasts; must be positive.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome of <see cref="IBudgetLedger.ReserveAsync"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ledger"/> or <paramref name="clock"/> is null.</exception>
    /// <exception cref="ArgumentException">A bad argument, see <see cref="IBudgetLedger.ReserveAsync"/>.</exception>
    public static ValueTask<ReserveResult> ReserveAsync(
        this IBudgetLedger ledger,
        IClock clock,
        string idempotencyKey,
        string nodePath,
        string participantId,
        Money amount,
        Duration holdFor,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetCurrentInstant();
        return ledger.ReserveAsync(new ReserveRequest(idempotencyKey, nodePath, participantId, amount, now, now + holdFor), cancellationToken);
    }

    /// <summary>Commits at the clock's current instant.</summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="id">The reservation.</param>
    /// <param name="amount">The amount to grant.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome of <see cref="IBudgetLedger.CommitAsync"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ledger"/> or <paramref name="clock"/> is null.</exception>
    public static ValueTask<LedgerResult> CommitAsync(
        this IBudgetLedger ledger, IClock clock, ReservationId id, Money amount, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(clock);
        return ledger.CommitAsync(id, amount, clock.GetCurrentInstant(), cancellationToken);
    }

    /// <summary>Releases at the clock's current instant.</summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="id">The reservation.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The outcome of <see cref="IBudgetLedger.ReleaseAsync"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ledger"/> or <paramref name="clock"/> is null.</exception>
    public static ValueTask<LedgerResult> ReleaseAsync(
        this IBudgetLedger ledger, IClock clock, ReservationId id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(clock);
        return ledger.ReleaseAsync(id, clock.GetCurrentInstant(), cancellationToken);
    }

    /// <summary>Expires every hold due at the clock's current instant.</summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many holds expired.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ledger"/> or <paramref name="clock"/> is null.</exception>
    public static ValueTask<int> ExpireDueAsync(this IBudgetLedger ledger, IClock clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(clock);
        return ledger.ExpireDueAsync(clock.GetCurrentInstant(), cancellationToken);
    }
}
