using System.Linq;
using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Tests.Budgets;
using Incentives.Eligibility;
using Incentives.Rewards;
using Incentives.Rewards.Envelopes;
using Incentives.Rewards.Randomness;
using Incentives.Time;
using NodaTime;
using NodaTime.Testing;
using static Incentives.Tests.Campaigns.CampaignFixtures;

namespace Incentives.Tests.Campaigns;

public sealed class CampaignEngineTests
{
    [Fact]
    public async Task A_claim_inside_the_window_is_granted_and_reserved_on_the_routed_node()
    {
        // docs/engine.md "A first claim"
        var campaign = Campaign.Create("lunch")
            .During(Festival)
            .When(EligibilityRule.Channel("app"))
            .Rewarding(new FixedRewardPolicy(Cny(8.88m)))
            .DrawingFrom("fest", "fest/{channel}/{category}")
            .HoldingFor(Duration.FromMinutes(30))
            .Build();
        using var engine = Engine(campaign);

        var result = await engine.ClaimAsync(Claim("alice", "app", "food", Day(1, hour: 12)), "order-1");

        Assert.True(result.IsGranted);
        var grant = Assert.Single(result.Grants);
        Assert.Equal("lunch", grant.CampaignId);
        Assert.Equal("fest/app/food", grant.NodePath);
        Assert.Equal(Cny(8.88m), grant.Amount);
        Assert.Equal(Day(1, hour: 12) + Duration.FromMinutes(30), grant.ExpiresAt);
        var snapshot = await engine.Ledgers["fest"].GetSnapshotAsync(Day(1, 13));
        Assert.Equal(Cny(8.88m), snapshot["fest/app/food"].Reserved);
        Assert.Equal(Cny(8.88m), snapshot["fest"].Reserved);
    }

    [Fact]
    public async Task Outside_the_window_the_denial_says_not_started_or_ended()
    {
        using var engine = Engine(Fixed("lunch", 1m).Build());

        var early = await engine.ClaimAsync(Claim(at: Festival.Start - Duration.FromSeconds(1)), "k1");
        var late = await engine.ClaimAsync(Claim(at: Festival.End), "k2");

        Assert.Equal(ClaimDenialCodes.WindowNotStarted, Assert.Single(early.Denials).Code);
        Assert.Equal(ClaimDenialCodes.WindowEnded, Assert.Single(late.Denials).Code);
        Assert.False(early.IsGranted);
    }

    [Fact]
    public async Task Outside_every_slot_the_denial_says_outside_slots()
    {
        var evenings = SlotSchedule.Create(Festival, DailySlot.Every(new LocalTime(20, 0), new LocalTime(22, 0)));
        using var engine = Engine(Fixed("evening", 1m).During(evenings).Build());

        var noon = await engine.ClaimAsync(Claim(at: Day(1, 12)), "k1");
        var evening = await engine.ClaimAsync(Claim(at: Day(1, 21)), "k2");

        Assert.Equal(ClaimDenialCodes.OutsideSlots, Assert.Single(noon.Denials).Code);
        Assert.True(evening.IsGranted);
    }

    [Fact]
    public async Task An_ineligible_claim_is_denied_with_the_eligibility_failure_codes()
    {
        using var engine = Engine(Fixed("app-food", 1m).When(AppOrWeb()).Build());

        var result = await engine.ClaimAsync(Claim(channel: "kiosk", category: "toys"), "k1");

        var reason = Assert.Single(result.Denials);
        Assert.Equal(ClaimDenialCodes.NotEligible, reason.Code);
        Assert.Equal(
            new[] { EligibilityCodes.ChannelNotAllowed, EligibilityCodes.CategoryNotAllowed },
            reason.EligibilityFailures.Select(f => f.Code));
    }

    [Fact]
    public async Task When_the_node_runs_out_the_denial_names_the_node()
    {
        using var engine = Engine(Fixed("big", 30m).Build());

        var first = await engine.ClaimAsync(Claim("a"), "k1");
        var second = await engine.ClaimAsync(Claim("b"), "k2");

        Assert.True(first.IsGranted);
        var reason = Assert.Single(second.Denials);
        Assert.Equal(ClaimDenialCodes.BudgetExhausted, reason.Code);
        Assert.Equal("fest/app/food", reason.NodePath);
        Assert.Equal(BudgetDenialCode.NodeLimitReached, reason.BudgetDenial!.Code);
    }

    [Fact]
    public async Task When_the_participant_cap_is_reached_the_denial_says_cap()
    {
        var tree = Tree(new ParticipantCaps { MaxGrantsPerCampaign = 1 });
        using var engine = Engine(new FakeClock(Day(1)), tree, Fixed("once", 1m).Build());

        var first = await engine.ClaimAsync(Claim("alice"), "k1");
        var second = await engine.ClaimAsync(Claim("alice"), "k2");
        var bob = await engine.ClaimAsync(Claim("bob"), "k3");

        Assert.True(first.IsGranted);
        Assert.Equal(ClaimDenialCodes.CapCountReached, Assert.Single(second.Denials).Code);
        Assert.Equal("fest", second.Denials[0].NodePath);
        Assert.True(bob.IsGranted);
    }

    [Fact]
    public async Task A_reward_of_nothing_is_a_denial_with_the_reward_reason()
    {
        var campaign = Campaign.Create("pct").During(Festival).DrawingFrom("fest", "fest/{channel}/{category}")
            .Rewarding(new PercentageRewardPolicy(Currency.CNY, 5m)).Build();
        using var engine = Engine(campaign);

        var result = await engine.ClaimAsync(Claim(order: null), "k1");

        var reason = Assert.Single(result.Denials);
        Assert.Equal(ClaimDenialCodes.NoReward, reason.Code);
        Assert.Equal(NoRewardReason.OrderAmountRequired, reason.RewardReason);
    }

    [Fact]
    public async Task A_route_with_no_node_for_the_claim_denies_it_and_a_fallback_catches_it()
    {
        var strict = Fixed("strict", 1m).Build();
        var caught = Campaign.Create("caught").During(Festival).Rewarding(new FixedRewardPolicy(Cny(1m)))
            .DrawingFrom("fest", BudgetRoute.Template("fest/{channel}/{category}", fallback: "fest/web")).Build();
        using var strictEngine = Engine(strict);
        using var caughtEngine = Engine(caught);

        var denied = await strictEngine.ClaimAsync(Claim(channel: "app", category: "toys"), "k1");
        var granted = await caughtEngine.ClaimAsync(Claim(channel: "app", category: "toys"), "k1");

        Assert.Equal(ClaimDenialCodes.NoBudgetNode, Assert.Single(denied.Denials).Code);
        Assert.Equal("fest/web", granted.Grant.NodePath);
    }

    [Fact]
    public async Task An_explicit_map_entry_wins_over_the_template()
    {
        var route = BudgetRoute.Template("fest/{channel}/{category}").Map("kiosk", null, "fest/web/food");
        using var engine = Engine(Campaign.Create("mapped").During(Festival).Rewarding(new FixedRewardPolicy(Cny(1m))).DrawingFrom("fest", route).Build());

        var result = await engine.ClaimAsync(Claim(channel: "kiosk", category: "anything"), "k1");

        Assert.Equal("fest/web/food", result.Grant.NodePath);
    }

    [Fact]
    public async Task Retrying_with_the_same_key_returns_the_same_grants_and_reserves_once()
    {
        using var engine = Engine(Fixed("lunch", 5m).Build());

        var first = await engine.ClaimAsync(Claim(), "order-7");
        var retry = await engine.ClaimAsync(Claim(), "order-7");

        Assert.False(first.IsReplay);
        Assert.True(retry.IsReplay);
        Assert.Equal(first.Grant.ReservationId, retry.Grant.ReservationId);
        Assert.Equal(Cny(5m), engine.Ledgers["fest"].GetSnapshotAsync(Day(1)).RunSync().Nodes[0].Reserved);
    }

    [Fact]
    public async Task A_key_reused_by_another_participant_is_a_key_conflict_not_a_grant()
    {
        using var engine = Engine(Fixed("lunch", 5m).Build());

        await engine.ClaimAsync(Claim("alice"), "order-7");
        var bob = await engine.ClaimAsync(Claim("bob"), "order-7");

        Assert.False(bob.IsGranted);
        Assert.Equal(ClaimDenialCodes.KeyConflict, Assert.Single(bob.Denials).Code);
        Assert.Null(bob.Denials[0].CampaignId);
    }

    [Fact]
    public async Task Commit_and_release_pass_through_to_the_ledger_at_the_clock_instant()
    {
        // docs/engine.md "Commit, release, refund"
        var clock = new FakeClock(Day(1, 12));
        using var engine = Engine(clock, Tree(), Fixed("lunch", 5m).Build());
        var paid = (await engine.ClaimAsync(Claim("alice", at: Day(1, 12)), "order-1")).Grant;
        var cancelled = (await engine.ClaimAsync(Claim("bob", at: Day(1, 12)), "order-2")).Grant;

        clock.AdvanceMinutes(5);
        var commit = await engine.CommitAsync(paid);
        var release = await engine.ReleaseAsync(cancelled.Reference);
        var refund = await engine.RefundAsync(paid.Reference, Cny(2m), "refund-1");

        Assert.True(commit.Succeeded);
        Assert.True(release.Succeeded);
        Assert.True(refund.Succeeded);
        var info = await engine.GetReservationAsync(paid.Reference);
        Assert.Equal(ReservationState.Committed, info!.Value.State);
        Assert.Equal(Cny(2m), info.Value.Refunded);
        var node = engine.Ledgers["fest"].GetSnapshotAsync(clock.GetCurrentInstant()).RunSync()["fest/app/food"];
        Assert.Equal(Cny(3m), node.Committed);
        Assert.Equal(Cny(0m), node.Reserved);
    }

    [Fact]
    public async Task A_hold_not_committed_in_time_expires_back_into_the_budget()
    {
        var clock = new FakeClock(Day(1, 12));
        using var engine = Engine(clock, Tree(), Fixed("lunch", 5m).HoldingFor(Duration.FromMinutes(10)).Build());
        var grant = (await engine.ClaimAsync(Claim(at: Day(1, 12)), "order-1")).Grant;

        clock.AdvanceMinutes(11);
        var expired = await engine.ExpireDueAsync();
        var late = await engine.CommitAsync(grant);

        Assert.Equal(1, expired);
        Assert.False(late.Succeeded);
        Assert.Equal(Cny(0m), engine.Ledgers["fest"].GetSnapshotAsync(clock.GetCurrentInstant()).RunSync()["fest"].Reserved);
    }

    [Fact]
    public async Task An_unknown_campaign_in_a_grant_reference_is_refused_as_unknown()
    {
        using var engine = Engine(Fixed("lunch", 5m).Build());

        var result = await engine.CommitAsync(new GrantReference("nope", new ReservationId(1)), Cny(1m));

        Assert.False(result.Succeeded);
        Assert.Equal(BudgetDenialCode.UnknownReservation, result.Denial!.Code);
    }

    [Fact]
    public async Task A_red_envelope_refused_by_the_budget_goes_back_to_its_pool()
    {
        // The budget (0.50) is smaller than the smallest envelope (1.00), so every reservation is refused.
        var pool = new RedEnvelopePool(new RedEnvelopeSpec(Cny(10m), 4, Cny(1m), Cny(5m)), new SeededRandomSource(7));
        var envelope = Campaign.Create("hongbao").During(Festival).Rewarding(new RedEnvelopeRewardPolicy(pool))
            .DrawingFrom("fest", "fest/{channel}/{category}").Build();
        using var engine = Engine(new NodaTime.Testing.FakeClock(Day(1)), Tree(root: 0.5m), envelope);

        var result = await engine.ClaimAsync(Claim(), "k1");

        Assert.False(result.IsGranted);
        Assert.Equal(ClaimDenialCodes.BudgetExhausted, Assert.Single(result.Denials).Code);
        Assert.Equal(4, pool.RemainingCount);
        Assert.Equal(Cny(10m), pool.RemainingAmount);
    }

    [Fact]
    public async Task A_quote_reserves_nothing_and_opens_no_envelope()
    {
        var pool = new RedEnvelopePool(new RedEnvelopeSpec(Cny(10m), 4, Cny(1m), Cny(5m)), new SeededRandomSource(7));
        var envelope = Campaign.Create("hongbao").During(Festival).Rewarding(new RedEnvelopeRewardPolicy(pool))
            .DrawingFrom("fest", "fest/{channel}/{category}").Build();
        using var engine = Engine(envelope);

        var quote = await engine.QuoteAsync(Claim());

        var offer = Assert.Single(quote.Offers);
        Assert.Null(offer.Amount);
        Assert.Equal(4, offer.EnvelopesRemaining);
        Assert.Equal(Cny(1m), offer.Minimum);
        Assert.Equal(Cny(5m), offer.Maximum);
        Assert.True(offer.IsSelected);
        Assert.Equal(0, pool.OpenedCount);
        Assert.Equal(Cny(0m), engine.Ledgers["fest"].GetSnapshotAsync(Day(1)).RunSync()["fest"].Reserved);
    }

    [Fact]
    public async Task A_quote_reports_fixed_amounts_and_why_other_campaigns_do_not_apply()
    {
        using var engine = Engine(Fixed("lunch", 5m).Build(), Fixed("web-only", 2m).When(EligibilityRule.Channel("web")).Build());

        var quote = await engine.QuoteAsync(Claim(channel: "app"));

        Assert.Equal(Cny(5m), Assert.Single(quote.Offers).Amount);
        Assert.Equal(ClaimDenialCodes.NotEligible, Assert.Single(quote.Denials).Code);
    }

    [Fact]
    public void GrantReference_round_trips_through_text()
    {
        var reference = new GrantReference("spring-festival", new ReservationId(42));

        Assert.Equal("spring-festival:R42", reference.ToString());
        Assert.Equal(reference, GrantReference.Parse("spring-festival:R42"));
        Assert.False(GrantReference.TryParse("spring-festival:42", out _));
        Assert.False(GrantReference.TryParse("Bad Id:R1", out _));
    }

    [Fact]
    public void Guard_clauses_reject_programming_errors()
    {
        using var engine = Engine(Fixed("lunch", 5m).Build());

        Assert.Throws<System.ArgumentNullException>(() => { _ = engine.ClaimAsync(null!, "k"); });
        Assert.Throws<System.ArgumentException>(() => { _ = engine.ClaimAsync(Claim(), " "); });
        Assert.Throws<System.ArgumentException>(() => Campaign.Create("Not An Id"));
        var incomplete = Assert.Throws<FluentValidation.ValidationException>(() => Campaign.Create("x").Build());
        Assert.Equal(new[] { "window", "reward", "budget" }, incomplete.Errors.Select(e => e.PropertyName));
    }

    [Fact]
    public void Campaigns_that_do_not_fit_their_budget_fail_at_construction_with_every_problem()
    {
        var usd = Campaign.Create("usd").During(Festival).Rewarding(new FixedRewardPolicy(Money.FromDecimal(1m, Currency.USD)))
            .DrawingFrom("fest", "fest/nowhere").Build();
        var orphan = Fixed("orphan", 1m, budget: "missing").Build();

        var e = Assert.Throws<FluentValidation.ValidationException>(() => Engine(usd, orphan));

        Assert.Equal(
            new[] { ("campaigns[0].reward", CampaignErrorCodes.CurrencyMismatch), ("campaigns[0].budget.path", CampaignErrorCodes.UnknownNode), ("campaigns[1].budget.id", CampaignErrorCodes.UnknownBudget) },
            e.Errors.Select(f => (f.PropertyName, f.ErrorCode)));
    }
}
