using System.Collections.Generic;
using System.Linq;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Tests.Budgets;
using NodaTime;
using NodaTime.Testing;
using static Incentives.Tests.Campaigns.CampaignFixtures;

namespace Incentives.Tests.Campaigns;

/// <summary>
/// A retry returns a result equal to the first, field by field, whatever the store keeps: a claim granted by one campaign is kept
/// in a compact form and rebuilt on a retry, other results are kept as they are.
/// </summary>
public sealed class CampaignEngineReplayTests
{
    [Fact]
    public void A_replay_of_a_claim_granted_by_one_campaign_equals_the_first_result_field_by_field()
    {
        var clock = new FakeClock(Day(1));
        using var engine = new CampaignEngine(
            [Fixed("lunch", 5m).HoldingFor(Duration.FromMinutes(7)).Build()],
            new Dictionary<string, IBudgetLedger> { ["fest"] = new InMemoryBudgetLedger(Tree()) },
            clock,
            new CampaignEngineOptions { Retention = Duration.FromHours(1) });

        var first = engine.ClaimAsync(Claim("alice", at: Day(1)), "order-1").RunSync();
        // A prune that keeps the claim (its hold runs until 12:07) must not change what a retry sees.
        engine.PruneSettled(Day(1) + Duration.FromMinutes(5));
        var retry = engine.ClaimAsync(Claim("alice", at: Day(1, 13)), "order-1").RunSync();
        var again = engine.ClaimAsync(Claim("alice", at: Day(1, 13)), "order-1").RunSync();

        Assert.False(first.IsReplay);
        foreach (var replay in new[] { retry, again })
        {
            Assert.True(replay.IsReplay);
            AssertSameOutcome(first, replay);
            var (a, b) = (first.Grant, replay.Grant);
            Assert.Equal(("lunch", "fest", "fest/app/food"), (b.CampaignId, b.BudgetId, b.NodePath));
            Assert.Equal(a.ReservationId, b.ReservationId);
            Assert.Equal(Cny(5m), b.Amount);
            Assert.Equal(Day(1), b.ReservedAt);
            Assert.Equal(Day(1) + Duration.FromMinutes(7), b.ExpiresAt);
            Assert.Equal(a.Reference, b.Reference);
            Assert.Equal(first.KeepUntil, replay.KeepUntil);
        }

        Assert.Equal(first.ToString() + " (replay)", retry.ToString());
        Assert.Equal(Cny(5m), engine.Ledgers["fest"].GetSnapshotAsync(Day(1)).RunSync()["fest"].Reserved);
    }

    [Fact]
    public void A_replay_of_a_claim_granted_by_one_campaign_for_another_participant_is_a_key_conflict()
    {
        using var engine = Engine(Fixed("lunch", 5m).Build());

        var first = engine.ClaimAsync(Claim("alice"), "order-1").RunSync();
        var bob = engine.ClaimAsync(Claim("bob"), "order-1").RunSync();

        Assert.True(first.IsGranted);
        Assert.False(bob.IsGranted);
        Assert.Equal(("bob", ClaimDenialCodes.KeyConflict), (bob.ParticipantId, Assert.Single(bob.Denials).Code));
    }

    [Fact]
    public void A_replay_of_a_stacked_claim_with_two_grants_equals_the_first_result_field_by_field()
    {
        using var engine = Engine(
            Fixed("lunch", 5m).WithStacking(StackingMode.Stackable).WithPriority(2).Build(),
            Fixed("dinner", 3m).WithStacking(StackingMode.Stackable).WithPriority(1).Build());

        var first = engine.ClaimAsync(Claim(), "order-1").RunSync();
        var retry = engine.ClaimAsync(Claim(), "order-1").RunSync();

        Assert.Equal(["lunch", "dinner"], first.Grants.Select(g => g.CampaignId));
        Assert.True(retry.IsReplay);
        AssertSameOutcome(first, retry);
        Assert.Equal(Cny(8m), retry.TotalIn(Currency.CNY));
        Assert.Equal(Cny(8m), engine.Ledgers["fest"].GetSnapshotAsync(Day(1)).RunSync()["fest"].Reserved);
    }

    [Fact]
    public void A_replay_of_a_claim_granted_with_denials_of_other_campaigns_keeps_the_denials()
    {
        using var engine = Engine(Fixed("lunch", 5m).WithPriority(2).Build(), Fixed("dinner", 3m).WithPriority(1).Build());

        var first = engine.ClaimAsync(Claim(), "order-1").RunSync();
        var retry = engine.ClaimAsync(Claim(), "order-1").RunSync();

        Assert.Equal("lunch", first.Grant.CampaignId);
        Assert.Equal(ClaimDenialCodes.NotSelected, Assert.Single(first.Denials).Code);
        Assert.True(retry.IsReplay);
        AssertSameOutcome(first, retry);
    }

    private static void AssertSameOutcome(ClaimResult first, ClaimResult replay)
    {
        Assert.Equal(first.IdempotencyKey, replay.IdempotencyKey);
        Assert.Equal(first.ParticipantId, replay.ParticipantId);
        Assert.Equal(first.IsGranted, replay.IsGranted);
        // CampaignGrant is a record: equal grants have equal fields.
        Assert.Equal(first.Grants, replay.Grants);
        Assert.Equal(
            first.Denials.Select(d => (d.CampaignId, d.Code, d.Message, d.NodePath)),
            replay.Denials.Select(d => (d.CampaignId, d.Code, d.Message, d.NodePath)));
        Assert.Equal(first.KeepUntil, replay.KeepUntil);
    }
}
