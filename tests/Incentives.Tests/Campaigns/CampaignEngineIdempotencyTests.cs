using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.Campaigns;
using NodaTime;
using NodaTime.Testing;
using static Incentives.Tests.Campaigns.CampaignFixtures;

namespace Incentives.Tests.Campaigns;

public sealed class CampaignEngineIdempotencyTests
{
    [Fact]
    public async Task A_retry_while_the_first_call_is_in_flight_waits_and_gets_the_same_grant()
    {
        var ledger = new GatedLedger(Tree());
        using var engine = new CampaignEngine([Fixed("lunch", 5m).Build()], new Dictionary<string, IBudgetLedger> { ["fest"] = ledger }, new FakeClock(Day(1)));

        var first = engine.ClaimAsync(Claim(), "order-1").AsTask();
        var retry = engine.ClaimAsync(Claim(), "order-1").AsTask();
        Assert.False(first.IsCompleted);
        Assert.False(retry.IsCompleted);
        ledger.Open();

        var (a, b) = (await first, await retry);
        Assert.Equal(a.Grant.Reference, b.Grant.Reference);
        Assert.False(a.IsReplay);
        Assert.True(b.IsReplay);
        Assert.Equal(1, ledger.Reservations);
    }

    [Fact]
    public async Task A_claim_whose_ledger_fails_throws_and_can_be_retried_with_the_same_key()
    {
        var ledger = new GatedLedger(Tree()) { FailNext = true };
        using var engine = new CampaignEngine([Fixed("lunch", 5m).Build()], new Dictionary<string, IBudgetLedger> { ["fest"] = ledger }, new FakeClock(Day(1)));
        ledger.Open();

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await engine.ClaimAsync(Claim(), "order-1"));
        var retry = await engine.ClaimAsync(Claim(), "order-1");

        Assert.True(retry.IsGranted);
        Assert.False(retry.IsReplay);
    }

    /// <summary>An in-memory ledger whose reservations wait until <see cref="Open"/> (and can fail once): an asynchronous store in miniature.</summary>
    private sealed class GatedLedger(BudgetTree tree) : IBudgetLedger
    {
        private readonly InMemoryBudgetLedger inner = new(tree);
        private readonly TaskCompletionSource gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Reservations { get; private set; }

        public bool FailNext { get; set; }

        public BudgetTree Tree => inner.Tree;

        public void Open() => gate.TrySetResult();

        public async ValueTask<ReserveResult> ReserveAsync(ReserveRequest request, CancellationToken cancellationToken = default)
        {
            await gate.Task;
            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("The store is unreachable.");
            }

            Reservations++;
            return await inner.ReserveAsync(request, cancellationToken);
        }

        public ValueTask<LedgerResult> CommitAsync(ReservationId id, Money amount, Instant instant, CancellationToken cancellationToken = default) => inner.CommitAsync(id, amount, instant, cancellationToken);

        public ValueTask<LedgerResult> ReleaseAsync(ReservationId id, Instant instant, CancellationToken cancellationToken = default) => inner.ReleaseAsync(id, instant, cancellationToken);

        public ValueTask<LedgerResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default) => inner.RefundAsync(request, cancellationToken);

        public ValueTask<int> ExpireDueAsync(Instant now, CancellationToken cancellationToken = default) => inner.ExpireDueAsync(now, cancellationToken);

        public ValueTask<ReservationInfo?> GetReservationAsync(ReservationId id, CancellationToken cancellationToken = default) => inner.GetReservationAsync(id, cancellationToken);

        public ValueTask<LedgerSnapshot> GetSnapshotAsync(Instant at, CancellationToken cancellationToken = default) => inner.GetSnapshotAsync(at, cancellationToken);

        public ValueTask<IReadOnlyList<ParticipantCapUsage>> GetParticipantUsageAsync(string participantId, CancellationToken cancellationToken = default) => inner.GetParticipantUsageAsync(participantId, cancellationToken);
    }
}
