using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Incentives.Budgets;
using NodaTime;

namespace Incentives.Campaigns;

/// <summary>
/// The asynchronous ledger calls the engine makes, over today's synchronous <see cref="IBudgetLedger"/>. When the ledger interface
/// itself becomes asynchronous (<c>ReserveAsync</c>, <c>CommitAsync</c>, ...), its instance methods take precedence and this file
/// is deleted.
/// </summary>
internal static class LedgerAsyncAdapter
{
    public static ValueTask<ReserveResult> ReserveAsync(this IBudgetLedger ledger, ReserveRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(ledger.Reserve(request));
    }

    public static ValueTask<LedgerResult> CommitAsync(this IBudgetLedger ledger, ReservationId id, Money amount, Instant instant, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(ledger.Commit(id, amount, instant));
    }

    public static ValueTask<LedgerResult> ReleaseAsync(this IBudgetLedger ledger, ReservationId id, Instant instant, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(ledger.Release(id, instant));
    }

    public static ValueTask<LedgerResult> RefundAsync(this IBudgetLedger ledger, RefundRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(ledger.Refund(request));
    }

    public static ValueTask<int> ExpireDueAsync(this IBudgetLedger ledger, Instant now, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(ledger.ExpireDue(now));
    }

    public static ValueTask<ReservationInfo?> GetReservationAsync(this IBudgetLedger ledger, ReservationId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(ledger.TryGetReservation(id, out var info) ? info : null);
    }

    public static ValueTask<LedgerSnapshot> GetSnapshotAsync(this IBudgetLedger ledger, Instant at, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(ledger.GetSnapshot(at));
    }

    public static ValueTask<IReadOnlyList<ParticipantCapUsage>> GetParticipantUsageAsync(this IBudgetLedger ledger, string participantId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(ledger.GetParticipantUsage(participantId));
    }
}
