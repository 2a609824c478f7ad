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
    public async Task A_claim_still_running_is_never_pruned_even_by_a_cut_off_at_the_end_of_time()
    {
        var ledger = new GatedLedger(Tree());
        using var engine = new CampaignEngine([Fixed("lunch", 5m).Build()], new Dictionary<string, IBudgetLedger> { ["fest"] = ledger }, new FakeClock(Day(1)));

        var first = engine.ClaimAsync(Claim(), "order-1").AsTask();
        Assert.Equal(new CampaignPruneResult(0, 0, 0), engine.PruneSettled(Instant.MaxValue));
        var retry = engine.ClaimAsync(Claim(), "order-1").AsTask();
        ledger.Open();

        var (a, b) = (await first, await retry);
        Assert.True(b.IsReplay);
        Assert.Equal(a.Grant.Reference, b.Grant.Reference);
        Assert.Equal(1, ledger.Reservations);
        Assert.Equal(1, engine.PruneSettled(Instant.MaxValue).ClaimResults); // once decided, the result is pruned exactly once
        Assert.Equal(0, engine.PruneSettled(Instant.MaxValue).ClaimResults);
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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_ledger_key_is_the_claim_key_and_the_campaign_id_joined_whether_the_ledger_is_called_directly_or_through_its_interface(bool direct)
    {
        // The engine hands the in-memory ledger the key and its suffix apart (no string per claim); any other ledger gets the
        // joined text. Either way the ledger's key is "{key}:{campaignId}": a caller who passes that text whole meets the claim.
        var ledger = new InMemoryBudgetLedger(Tree());
        IBudgetLedger seen = direct ? ledger : new GatedLedger(ledger);
        (seen as GatedLedger)?.Open();
        using var engine = new CampaignEngine([Fixed("lunch", 5m).Build()], new Dictionary<string, IBudgetLedger> { ["fest"] = seen }, new FakeClock(Day(1)));

        var grant = (await engine.ClaimAsync(Claim(at: Day(1)), "order-1")).Grant;
        var info = await ledger.GetReservationAsync(grant.ReservationId);
        var whole = await ledger.ReserveAsync(new ReserveRequest("order-1:lunch", grant.NodePath, "alice", grant.Amount, Day(1), Day(1) + Duration.FromMinutes(5)));
        var other = await ledger.ReserveAsync(new ReserveRequest("order-1:lunch", grant.NodePath, "bob", grant.Amount, Day(1), Day(1) + Duration.FromMinutes(5)));
        var before = await ledger.ReserveAsync(new ReserveRequest("order-2:lunch", grant.NodePath, "alice", grant.Amount, Day(1), Day(1) + Campaign.DefaultHold));
        var claimed = await engine.ClaimAsync(Claim(at: Day(1)), "order-2");

        Assert.Equal("order-1:lunch", info!.Value.IdempotencyKey);
        Assert.True(whole.IsReplay);
        Assert.Equal(grant.ReservationId, whole.ReservationId);
        Assert.Equal(BudgetDenialCode.IdempotencyKeyConflict, other.Denial!.Code);
        Assert.Contains("order-1:lunch", other.Denial.Message, StringComparison.Ordinal);
        Assert.Equal(before.ReservationId, claimed.Grant.ReservationId); // the ledger replayed the reservation made with the whole key
        Assert.Equal(10m, (await ledger.GetSnapshotAsync(Day(1)))["fest"].Reserved.Amount);
    }

    /// <summary>An in-memory ledger whose reservations wait until <see cref="Open"/> (and can fail once): an asynchronous store in miniature.</summary>
    private sealed class GatedLedger(InMemoryBudgetLedger inner) : IBudgetLedger
    {
        public GatedLedger(BudgetTree tree)
            : this(new InMemoryBudgetLedger(tree))
        {
        }

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
