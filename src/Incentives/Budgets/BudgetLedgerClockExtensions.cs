using System;
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
    /// <returns>The outcome of <see cref="IBudgetLedger.Reserve"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ledger"/> or <paramref name="clock"/> is null.</exception>
    /// <exception cref="ArgumentException">A bad argument, see <see cref="IBudgetLedger.Reserve"/>.</exception>
    public static ReserveResult Reserve(
        this IBudgetLedger ledger, IClock clock, string idempotencyKey, string nodePath, string participantId, Money amount, Duration holdFor)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetCurrentInstant();
        return ledger.Reserve(new ReserveRequest(idempotencyKey, nodePath, participantId, amount, now, now + holdFor));
    }

    /// <summary>Commits at the clock's current instant.</summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="id">The reservation.</param>
    /// <param name="amount">The amount to grant.</param>
    /// <returns>The outcome of <see cref="IBudgetLedger.Commit"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ledger"/> or <paramref name="clock"/> is null.</exception>
    public static LedgerResult Commit(this IBudgetLedger ledger, IClock clock, ReservationId id, Money amount)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(clock);
        return ledger.Commit(id, amount, clock.GetCurrentInstant());
    }

    /// <summary>Releases at the clock's current instant.</summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="id">The reservation.</param>
    /// <returns>The outcome of <see cref="IBudgetLedger.Release"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ledger"/> or <paramref name="clock"/> is null.</exception>
    public static LedgerResult Release(this IBudgetLedger ledger, IClock clock, ReservationId id)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(clock);
        return ledger.Release(id, clock.GetCurrentInstant());
    }

    /// <summary>Expires every hold due at the clock's current instant.</summary>
    /// <param name="ledger">The ledger.</param>
    /// <param name="clock">The clock.</param>
    /// <returns>How many holds expired.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ledger"/> or <paramref name="clock"/> is null.</exception>
    public static int ExpireDue(this IBudgetLedger ledger, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(clock);
        return ledger.ExpireDue(clock.GetCurrentInstant());
    }
}
