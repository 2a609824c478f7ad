using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.Campaigns;
using NodaTime;
using NodaTime.Testing;
using static Incentives.Tests.Campaigns.CampaignFixtures;

namespace Incentives.Tests.Campaigns;

/// <summary>
/// An engine that makes its own in-memory ledgers (the programme constructor, and the DI default) keeps its claims' ledger keys
/// itself: the ledger does not record them a second time, yet a caller who reserves or refunds in such a ledger directly with a
/// claim's ledger key (<c>{key}:{campaignId}</c>) still meets the claim, as with a ledger the engine does not own.
/// </summary>
public sealed class CampaignEngineOwnedLedgerTests
{
    private static readonly Instant Noon = Day(1);

    [Fact]
    public async Task A_direct_reservation_with_a_claims_ledger_key_replays_the_claims_reservation()
    {
        using var engine = OwningEngine(Fixed("lunch", 5m).Build());
        var ledger = engine.Ledgers["fest"];

        var grant = (await engine.ClaimAsync(Claim(at: Noon), "order-1")).Grant;
        var whole = await ledger.ReserveAsync(new ReserveRequest("order-1:lunch", grant.NodePath, "alice", grant.Amount, Noon, Noon + Duration.FromMinutes(5)));
        var other = await ledger.ReserveAsync(new ReserveRequest("order-1:lunch", grant.NodePath, "bob", grant.Amount, Noon, Noon + Duration.FromMinutes(5)));

        Assert.True(whole.IsReplay);
        Assert.Equal(grant.ReservationId, whole.ReservationId);
        Assert.Equal(BudgetDenialCode.IdempotencyKeyConflict, other.Denial!.Code);
        Assert.Contains("order-1:lunch", other.Denial.Message, StringComparison.Ordinal);
        Assert.Equal("order-1:lunch", (await ledger.GetReservationAsync(grant.ReservationId))!.Value.IdempotencyKey);
        Assert.Equal(Cny(5m), (await ledger.GetSnapshotAsync(Noon))["fest"].Reserved);
    }

    [Fact]
    public async Task A_claim_replays_a_reservation_made_directly_before_with_its_ledger_key()
    {
        using var engine = OwningEngine(Fixed("lunch", 5m).Build());
        var ledger = engine.Ledgers["fest"];

        var before = await ledger.ReserveAsync(new ReserveRequest("order-2:lunch", "fest/app/food", "alice", Cny(5m), Noon, Noon + Campaign.DefaultHold));
        var claimed = await engine.ClaimAsync(Claim(at: Noon), "order-2");

        Assert.Equal(before.ReservationId, claimed.Grant.ReservationId);
        Assert.Equal(Cny(5m), (await ledger.GetSnapshotAsync(Noon))["fest"].Reserved);
    }

    [Fact]
    public async Task A_direct_reservation_with_a_key_the_engine_does_not_know_is_a_new_reservation()
    {
        // Near misses: another campaign's suffix, a key the engine never saw, a claim that was denied by this campaign.
        using var engine = OwningEngine(Fixed("lunch", 5m).When(Incentives.Eligibility.EligibilityRule.Channel("app")).Build());
        var ledger = engine.Ledgers["fest"];
        var granted = (await engine.ClaimAsync(Claim(at: Noon), "order-1")).Grant;
        Assert.False((await engine.ClaimAsync(Claim(channel: "web", at: Noon), "order-web")).IsGranted);

        foreach (var key in new[] { "order-1:dinner", "order-1", "order-9:lunch", "order-web:lunch", "rder-1:lunch" })
        {
            var reserved = await ledger.ReserveAsync(new ReserveRequest(key, "fest/app/food", "alice", Cny(1m), Noon, Noon + Campaign.DefaultHold));
            Assert.True(reserved.IsReserved, key);
            Assert.False(reserved.IsReplay, key);
            Assert.NotEqual(granted.ReservationId, reserved.ReservationId);
        }

        Assert.Equal(Cny(10m), (await ledger.GetSnapshotAsync(Noon))["fest"].Reserved);
    }

    [Fact]
    public async Task A_refund_whose_key_is_a_claims_ledger_key_is_refused_as_a_conflict()
    {
        using var engine = OwningEngine(Fixed("lunch", 5m).Build());
        var ledger = engine.Ledgers["fest"];
        var grant = (await engine.ClaimAsync(Claim(at: Noon), "order-1")).Grant;
        Assert.True((await engine.CommitAsync(grant, Noon)).Succeeded);

        var refund = await ledger.RefundAsync(new RefundRequest("order-1:lunch", grant.ReservationId, Cny(1m), Noon));

        Assert.Equal(BudgetDenialCode.IdempotencyKeyConflict, refund.Denial!.Code);
        Assert.Equal(Cny(5m), (await ledger.GetSnapshotAsync(Noon))["fest"].Committed);
    }

    [Fact]
    public async Task The_ledgers_the_engine_made_keep_no_key_record_per_claim()
    {
        // The same claims through an engine that owns its ledger and one that is given a ledger: only the given ledger records
        // a key per claim (the engine's store holds one either way), which its owner's prune then forgets.
        using var owning = OwningEngine(Fixed("lunch", 0.10m).Build());
        var given = new InMemoryBudgetLedger(Tree());
        using var giving = new CampaignEngine([Fixed("lunch", 0.10m).Build()], new Dictionary<string, IBudgetLedger> { ["fest"] = given }, new FakeClock(Noon));
        foreach (var engine in new[] { owning, giving })
        {
            for (var i = 0; i < 10; i++)
            {
                var grant = (await engine.ClaimAsync(Claim($"p{i}", at: Noon), $"order-{i}")).Grant;
                Assert.True((await engine.CommitAsync(grant, Noon)).Succeeded);
            }
        }

        var end = Noon + Duration.FromDays(1);
        Assert.Equal(new CampaignPruneResult(10, 10, 0), owning.PruneSettled(end));
        Assert.Equal(new CampaignPruneResult(10, 0, 0), giving.PruneSettled(end));
        Assert.Equal(new LedgerPruneResult(10, 10), given.PruneSettled(end));
    }

    [Fact]
    public async Task A_claim_that_fails_after_reserving_releases_its_holds_and_its_retry_reserves_once()
    {
        // Two stackable campaigns reserve, then the claim fails (here: a metrics listener throws while the grants are reported).
        // The key is forgotten so that the claim can be retried; the holds it made go back, so the retry does not hold twice.
        using var engine = OwningEngine(
            Fixed("lunch", 5m).WithStacking(StackingMode.Stackable).Build(),
            Fixed("bonus", 2m).WithStacking(StackingMode.Stackable).Build());
        using var listener = Listen(engine, () => throw new InvalidOperationException("The metrics pipeline failed."), once: true);
        var ledger = engine.Ledgers["fest"];

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await engine.ClaimAsync(Claim(at: Noon), "order-1"));
        var afterFailure = (await ledger.GetSnapshotAsync(Noon))["fest"];
        var retry = await engine.ClaimAsync(Claim(at: Noon), "order-1");

        Assert.Equal((Cny(0m), Cny(0m)), (afterFailure.Reserved, afterFailure.Committed));
        Assert.Equal(2, retry.Grants.Count);
        Assert.False(retry.IsReplay);
        Assert.Equal(Cny(7m), (await ledger.GetSnapshotAsync(Noon))["fest"].Reserved);
        Assert.Equal(2, retry.Grants.Select(g => g.ReservationId).Distinct().Count());
    }

    [Fact]
    public async Task A_direct_reservation_with_the_ledger_key_of_one_of_a_claims_stacked_grants_replays_that_grant()
    {
        using var engine = OwningEngine(
            Fixed("lunch", 5m).WithStacking(StackingMode.Stackable).Build(),
            Fixed("bonus", 2m).WithStacking(StackingMode.Stackable).Build());
        var ledger = engine.Ledgers["fest"];
        var claimed = await engine.ClaimAsync(Claim(at: Noon), "order-1");
        var bonus = Assert.Single(claimed.Grants, g => g.CampaignId == "bonus");

        var whole = await ledger.ReserveAsync(new ReserveRequest("order-1:bonus", bonus.NodePath, "alice", bonus.Amount, Noon, Noon + Duration.FromMinutes(5)));

        Assert.Equal(2, claimed.Grants.Count);
        Assert.True(whole.IsReplay);
        Assert.Equal(bonus.ReservationId, whole.ReservationId);
        Assert.Equal(Cny(7m), (await ledger.GetSnapshotAsync(Noon))["fest"].Reserved);
    }

    [Fact]
    public async Task A_direct_reservation_made_while_the_claim_with_its_key_runs_waits_for_the_claim_and_replays_its_reservation()
    {
        // The grants are reported to metrics while the claim still runs: the direct call made then cannot be decided at once
        // (the claim may still reserve under the key); it completes when the claim does, with the claim's reservation.
        using var engine = OwningEngine(Fixed("lunch", 5m).Build());
        var ledger = engine.Ledgers["fest"];
        Task<ReserveResult>? direct = null;
        var completedInside = true;
        using var listener = Listen(engine, () =>
        {
            direct ??= ledger.ReserveAsync(new ReserveRequest("order-1:lunch", "fest/app/food", "alice", Cny(5m), Noon, Noon + Campaign.DefaultHold)).AsTask();
            completedInside = direct.IsCompleted;
        });

        var grant = (await engine.ClaimAsync(Claim(at: Noon), "order-1")).Grant;
        var reserved = await direct!;

        Assert.False(completedInside);
        Assert.True(reserved.IsReplay);
        Assert.Equal(grant.ReservationId, reserved.ReservationId);
        Assert.Equal(Cny(5m), (await ledger.GetSnapshotAsync(Noon))["fest"].Reserved);
    }

    [Fact]
    public async Task A_failed_claim_leaves_a_hold_it_replayed_from_a_direct_reservation_to_its_maker()
    {
        using var engine = OwningEngine(
            Fixed("lunch", 5m).WithStacking(StackingMode.Stackable).Build(),
            Fixed("bonus", 2m).WithStacking(StackingMode.Stackable).Build());
        var ledger = engine.Ledgers["fest"];
        var direct = await ledger.ReserveAsync(new ReserveRequest("order-1:lunch", "fest/app/food", "alice", Cny(5m), Noon, Noon + Campaign.DefaultHold));
        using var listener = Listen(engine, () => throw new InvalidOperationException("The metrics pipeline failed."), once: true);

        await Assert.ThrowsAsync<InvalidOperationException>(async () => await engine.ClaimAsync(Claim(at: Noon), "order-1"));

        Assert.Equal(Cny(5m), (await ledger.GetSnapshotAsync(Noon))["fest"].Reserved); // the direct hold stays; the bonus went back
        Assert.Equal(ReservationState.Held, (await ledger.GetReservationAsync(direct.ReservationId))!.Value.State);
    }

    [Fact]
    public async Task A_refunded_reservation_kept_after_its_claim_is_pruned_is_replayed_by_a_retry_of_the_claim()
    {
        // Held 12:00-12:05, committed, refunded at 12:10; the 12:07 cut-off forgets the claim (kept until 12:05) but not the
        // reservation (settled again at 12:10): from the refund on, the ledger remembers the claim's ledger key itself.
        using var engine = OwningEngine(Fixed("lunch", 5m).HoldingFor(Duration.FromMinutes(5)).Build());
        var ledger = engine.Ledgers["fest"];
        var grant = (await engine.ClaimAsync(Claim(at: Noon), "order-1")).Grant;
        Assert.True((await engine.CommitAsync(grant, Noon + Duration.FromMinutes(1))).Succeeded);
        Assert.True((await engine.RefundAsync(grant.Reference, Cny(2m), "refund-1", Noon + Duration.FromMinutes(10))).Succeeded);

        var pruned = engine.PruneSettled(Noon + Duration.FromMinutes(7));
        var retry = await engine.ClaimAsync(Claim(at: Noon), "order-1");

        Assert.Equal(new CampaignPruneResult(1, 0, 0), pruned);
        Assert.Equal(grant.ReservationId, retry.Grant.ReservationId);
        var root = (await ledger.GetSnapshotAsync(Noon))["fest"];
        Assert.Equal((Cny(0m), Cny(3m)), (root.Reserved, root.Committed));
    }

    [Fact]
    public async Task A_second_engine_over_the_first_ones_ledgers_meets_its_claims_and_waits_for_one_still_running()
    {
        // The second engine is given the first one's ledgers: it does not own them, so it reserves with the joined key through the
        // ledger's interface, which asks the first engine; a claim of the second made while the first's claim with the same key
        // runs waits for it and gets its reservation.
        using var first = OwningEngine(Fixed("lunch", 5m).Build());
        using var second = new CampaignEngine([Fixed("lunch", 5m).Build()], first.Ledgers, new FakeClock(Noon));
        Task<ClaimResult>? meanwhile = null;
        using var listener = Listen(first, () => meanwhile ??= second.ClaimAsync(Claim(at: Noon), "order-1").AsTask(), once: true);

        var claimed = (await first.ClaimAsync(Claim(at: Noon), "order-1")).Grant;
        var waited = (await meanwhile!).Grant;
        var later = (await second.ClaimAsync(Claim(at: Noon), "order-2")).Grant;
        var again = (await first.ClaimAsync(Claim(at: Noon), "order-2")).Grant;

        Assert.Equal(claimed.ReservationId, waited.ReservationId);
        Assert.Equal(later.ReservationId, again.ReservationId); // the ledger recorded the second engine's key, and the first met it
        Assert.Equal(Cny(10m), (await first.Ledgers["fest"].GetSnapshotAsync(Noon))["fest"].Reserved);
    }

    /// <summary>Calls <paramref name="onGrant"/> when the engine reports a grant to its metrics (while the claim still runs).</summary>
    private static MeterListener Listen(CampaignEngine engine, Action onGrant, bool once = false)
    {
        var listener = new MeterListener();
        var calls = 0;
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter == engine.Meter && instrument.Name == Incentives.Diagnostics.IncentivesDiagnostics.GrantsInstrument)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, _, _, _) =>
        {
            if (!once || calls++ == 0)
            {
                onGrant();
            }
        });
        listener.Start();
        return listener;
    }

    private static CampaignEngine OwningEngine(params Campaign[] campaigns) =>
        new(CampaignProgramme.Create(campaigns, new Dictionary<string, BudgetTree> { ["fest"] = Tree() }), new FakeClock(Noon));
}
