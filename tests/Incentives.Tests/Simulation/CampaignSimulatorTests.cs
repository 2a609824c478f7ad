using System;
using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Eligibility;
using Incentives.Rewards;
using Incentives.Rewards.Envelopes;
using Incentives.Rewards.Randomness;
using Incentives.Simulation;
using Incentives.Time;
using NodaTime;

namespace Incentives.Tests.Simulation;

public sealed class CampaignSimulatorTests
{
    private static readonly CampaignWindow Window = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 3, "Asia/Shanghai");

    private static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    // A small programme: 3,000 CNY paced over three days (the second heavier), two channel nodes, red envelopes of 1..20 CNY,
    // at most 3 grants per participant per day.
    private static CampaignProgramme Programme(decimal limit = 3_000m, ulong poolSeed = 7)
    {
        var tree = new BudgetTreeBuilder(Currency.CNY, Window)
            .Add("fest", Cny(limit), PacingPlan.Weighted([1, 2, 1]), new ParticipantCaps { MaxGrantsPerDay = 3 })
            .Add("fest/app", Cny(limit / 2))
            .Add("fest/web", Cny(limit / 2))
            .Build();
        var pool = new RedEnvelopePool(new RedEnvelopeSpec(Cny(limit * 2), (int)(limit / 5), Cny(1m), Cny(20m)), new SeededRandomSource(poolSeed));
        var campaign = Campaign.Create("envelopes")
            .During(Window)
            .When(EligibilityRule.AllOf(EligibilityRule.MinOrderAmount(Cny(20m)), EligibilityRule.LacksSegment("blocked")))
            .Rewarding(new RedEnvelopeRewardPolicy(pool))
            .DrawingFrom("fest", "fest/{channel}")
            .Build();
        return CampaignProgramme.Create([campaign], [new("fest", tree)]);
    }

    private static TrafficModel Traffic(int claims = 2_000) => new()
    {
        Claims = claims,
        Participants = 300,
        DayWeights = [1, 3, 1],
        Channels = [new("app", 3), new("web", 1)],
        Categories = [new("food", 1), new("leisure", 1)],
    };

    private static Task<SimulationReport> Run(ulong seed, TrafficModel? traffic = null, decimal limit = 3_000m) =>
        new CampaignSimulator(Programme(limit), new SimulationOptions { Window = Window, Traffic = traffic ?? Traffic(), Seed = seed }).RunAsync();

    [Fact]
    public async Task The_automatic_retention_prunes_without_changing_the_report()
    {
        // Refunds come at most 10 min + 48 x 10 min after their claim: the automatic retention is about 9.4 hours, so a
        // three-day run prunes the engine and its ledgers many times; the report must be the one of a run that never prunes.
        var traffic = Traffic(3_000) with { RefundDelay = Duration.FromMinutes(10), RefundShare = 0.3 };
        var pruned = await new CampaignSimulator(Programme(), new SimulationOptions { Window = Window, Traffic = traffic, Seed = 5 }).RunAsync();
        var kept = await new CampaignSimulator(Programme(), new SimulationOptions { Window = Window, Traffic = traffic, Seed = 5, Retention = Duration.FromDays(3653) }).RunAsync();

        Assert.Equal(kept.ToJson(), pruned.ToJson());
        Assert.True(pruned.GrantedClaims > 100);
        Assert.True(pruned.Days.Sum(d => d.Flows.Refunded.MinorUnits) > 0);
        Assert.Equal(Duration.FromMinutes(10 + 480 + 15 + 60), CampaignSimulator.SafeRetention(Programme(), traffic));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-60)]
    public void A_retention_that_is_not_positive_is_refused(int minutes) =>
        Assert.Throws<ArgumentException>(() => new CampaignSimulator(Programme(), new SimulationOptions { Window = Window, Retention = Duration.FromMinutes(minutes) }));

    [Fact]
    public async Task The_same_seed_gives_the_same_report_and_another_seed_another()
    {
        var first = (await Run(42)).ToJson();
        var second = (await Run(42)).ToJson();
        var other = (await Run(43)).ToJson();

        Assert.Equal(first, second);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task A_run_makes_every_claim_in_the_window_and_reports_days_nodes_denials_and_envelopes()
    {
        var report = await Run(20260215);

        Assert.Equal(2_000, report.Claims);
        Assert.Equal(["2026-02-15", "2026-02-16", "2026-02-17"], report.Days.Select(d => d.Date));
        // Day weights 1:3:1 of 2,000 claims, apportioned exactly.
        Assert.Equal([400L, 1_200L, 400L], report.Days.Select(d => d.Claims));
        Assert.Equal(["fest", "fest/app", "fest/web"], report.Nodes.Select(n => n.Path));
        Assert.Empty(report.Violations);
        Assert.True(report.InvariantChecks > 72 * 3, "a snapshot check every hour for every node");
        Assert.Empty(report.FindDiscrepancies());
        // The traffic is far larger than 3,000 CNY of 1..20 CNY envelopes: the budget runs out and says when.
        Assert.True(report.Denials.ContainsKey("budget.day-exhausted") || report.Denials.ContainsKey("budget.exhausted"));
        Assert.Contains(report.Nodes, n => n.ExhaustedAt is not null || n.Days.Any(d => d.DayExhaustedAt is not null));
        Assert.True(report.Denials["eligibility.not-eligible"] > 0, "orders below 20 CNY and blocked participants are refused");
        Assert.True(report.Denials.ContainsKey("cap.count-reached"), "repeat claimers hit the 3-grants-a-day cap");
        Assert.True(report.GrantsPerParticipant.Max > report.GrantsPerParticipant.Median, "a few participants claim much more often than most");
        Assert.True(report.GrantsPerParticipant.Population <= 300);
        Assert.InRange(report.Envelopes.Min.Amount, 1m, 20m);
        Assert.InRange(report.Envelopes.Max.Amount, 1m, 20m);
        Assert.True(report.Totals.Granted - report.Totals.Released <= Cny(3_000m) + report.Totals.Refunded);
    }

    [Fact]
    public async Task The_report_round_trips_through_json()
    {
        var report = await Run(5, Traffic(300));

        var json = report.ToJson();

        Assert.Equal(json, SimulationReport.FromJson(json).ToJson());
        Assert.Contains("\"granted\": {", json, StringComparison.Ordinal);
        Assert.Contains("\"currency\": \"CNY\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void An_invalid_traffic_model_is_refused_with_every_problem()
    {
        var traffic = new TrafficModel { Claims = -1, DayWeights = [1, 2], Channels = [], CancelShare = 2 };

        var e = Assert.Throws<ArgumentException>(() => new CampaignSimulator(Programme(), new SimulationOptions { Window = Window, Traffic = traffic }));

        Assert.Equal("options", e.ParamName);
        Assert.Contains("Claims", e.Message, StringComparison.Ordinal);
        Assert.Contains("DayWeights must hold 3", e.Message, StringComparison.Ordinal);
        Assert.Contains("Channels", e.Message, StringComparison.Ordinal);
        Assert.Contains("CancelShare", e.Message, StringComparison.Ordinal);
    }

    private static readonly Arbitrary<(ulong Seed, TrafficModel Traffic, decimal Limit)> RandomModels =
        (from seed in Gen.Choose(0, int.MaxValue)
         from claims in Gen.Choose(50, 600)
         from participants in Gen.Choose(1, 200)
         from skew in Gen.Choose(1, 4)
         from cancel in Gen.Choose(0, 100)
         from refund in Gen.Choose(0, 100)
         from day in Gen.ArrayOf(Gen.Choose(0, 5), 3).Where(w => w.Any(x => x > 0))
         from limit in Gen.Elements(100m, 600m, 3_000m)
         from settle in Gen.Choose(1, 5)
         select ((ulong)seed, new TrafficModel
         {
             Claims = claims,
             Participants = participants,
             RepeatSkew = skew,
             CancelShare = cancel / 100.0,
             RefundShare = refund / 100.0,
             DayWeights = day,
             Channels = [new("app", 2), new("web", 1), new("kiosk", 1)],
             SettleDelay = Duration.FromMinutes(settle),
         }, limit)).ToArbitrary();

    [Property(MaxTest = 25)]
    public Property Budget_invariants_hold_and_flows_reconcile_for_random_traffic_models() =>
        Prop.ForAll(RandomModels, model =>
        {
            var report = Run(model.Seed, model.Traffic, model.Limit).GetAwaiter().GetResult();
            Assert.Empty(report.Violations);
            Assert.Empty(report.FindDiscrepancies());
            Assert.Equal(model.Traffic.Claims, report.Claims);
            return report.Nodes[0].Reserved + report.Nodes[0].Committed <= report.Nodes[0].Limit;
        });

    [Fact]
    public void The_simulation_clock_reports_what_it_was_set_to()
    {
        var start = Instant.FromUtc(2026, 2, 14, 16, 0);
        var clock = new SimulationClock(start);

        clock.Now = start + Duration.FromMinutes(5);

        Assert.Equal(start + Duration.FromMinutes(5), ((IClock)clock).GetCurrentInstant());
    }
}
