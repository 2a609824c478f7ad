using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Incentives.Budgets;
using NodaTime;

namespace Incentives.Benchmarks.Campaigns;

/// <summary>
/// A ledger that checks nothing and keeps nothing: every reservation succeeds with a new id, every commit succeeds. It exists
/// only to isolate the engine's own cost per claim from the ledger's in <see cref="CampaignEngineBenchmarks"/>; it is NOT a
/// budget ledger (no limit, no idempotency, no state).
/// </summary>
public sealed class StubBudgetLedger(BudgetTree tree) : IBudgetLedger
{
    private long lastId;

    /// <inheritdoc />
    public BudgetTree Tree { get; } = tree;

    /// <inheritdoc />
    public ValueTask<ReserveResult> ReserveAsync(ReserveRequest request, CancellationToken cancellationToken = default) =>
        new(ReserveResult.Reserved(new ReservationId(Interlocked.Increment(ref lastId)), request.Amount, 1));

    /// <inheritdoc />
    public ValueTask<LedgerResult> CommitAsync(ReservationId id, Money amount, Instant instant, CancellationToken cancellationToken = default) =>
        new(LedgerResult.Done(LedgerOperation.Commit, id, amount, Money.Zero(amount.Currency), 1));

    /// <inheritdoc />
    public ValueTask<LedgerResult> ReleaseAsync(ReservationId id, Instant instant, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The stub only reserves and commits.");

    /// <inheritdoc />
    public ValueTask<LedgerResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The stub only reserves and commits.");

    /// <inheritdoc />
    public ValueTask<int> ExpireDueAsync(Instant now, CancellationToken cancellationToken = default) => new(0);

    /// <inheritdoc />
    public ValueTask<ReservationInfo?> GetReservationAsync(ReservationId id, CancellationToken cancellationToken = default) => new((ReservationInfo?)null);

    /// <inheritdoc />
    public ValueTask<LedgerSnapshot> GetSnapshotAsync(Instant at, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The stub keeps no balances.");

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ParticipantCapUsage>> GetParticipantUsageAsync(string participantId, CancellationToken cancellationToken = default) =>
        new((IReadOnlyList<ParticipantCapUsage>)[]);
}
