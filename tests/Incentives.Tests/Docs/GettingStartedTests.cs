using System.Collections.Generic;
using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Claims;
using Incentives.Eligibility;
using Incentives.Rewards;
using Incentives.Time;
using NodaTime;
using NodaTime.Testing;

namespace Incentives.Tests.Docs;

/// <summary>The code of docs/getting-started.md.</summary>
public sealed class GettingStartedTests
{
    [Fact]
    public async Task The_first_campaign_grants_a_claim_and_commits_it()
    {
        // docs/getting-started.md "The first campaign"
        var shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var festival = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, shanghai);

        // CNY 1,000 for the nine days, at most CNY 600 of it through the app.
        var budget = new BudgetTreeBuilder(Currency.CNY, festival)
            .Add("fest", Money.FromDecimal(1_000m, Currency.CNY))
            .Add("fest/app", Money.FromDecimal(600m, Currency.CNY))
            .Build();

        var lunch = Campaign.Create("lunch")
            .During(festival)
            .When(EligibilityRule.Channel("app"))
            .Rewarding(new FixedRewardPolicy(Money.FromDecimal(8.88m, Currency.CNY)))
            .DrawingFrom("fest", "fest/{channel}")
            .Build();

        var clock = new FakeClock(Instant.FromUtc(2026, 2, 15, 4, 0)); // SystemClock.Instance in an application
        using var engine = new CampaignEngine(
            CampaignProgramme.Create([lunch], new Dictionary<string, BudgetTree> { ["fest"] = budget }), clock);

        // A claim: who, when, through which channel; the idempotency key makes a retry safe.
        var claim = new Claim(new Participant("alice"), clock.GetCurrentInstant(), "app");
        var result = await engine.ClaimAsync(claim, idempotencyKey: "order-1001");

        Assert.True(result.IsGranted);
        Assert.Equal(Money.FromDecimal(8.88m, Currency.CNY), result.Grant.Amount);

        // The order is paid: commit the grant (or ReleaseAsync when it is cancelled).
        var commit = await engine.CommitAsync(result.Grant);
        Assert.True(commit.Succeeded);

        var snapshot = await engine.Ledgers["fest"].GetSnapshotAsync(clock.GetCurrentInstant());
        Assert.Equal(Money.FromDecimal(8.88m, Currency.CNY), snapshot["fest/app"].Committed);
        Assert.Equal(Money.FromDecimal(991.12m, Currency.CNY), snapshot["fest"].Available);
        // end of snippet

        // What a retry with the same key gets: the same grant, nothing reserved twice.
        var retry = await engine.ClaimAsync(claim, "order-1001");
        Assert.True(retry.IsReplay);
        Assert.Equal(result.Grant.ReservationId, retry.Grant.ReservationId);
    }

    [Fact]
    public async Task A_denied_claim_says_why()
    {
        // docs/getting-started.md "When the answer is no"
        var festival = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, "Asia/Shanghai");
        var budget = new BudgetTreeBuilder(Currency.CNY, festival).Add("fest", Money.FromDecimal(1_000m, Currency.CNY)).Build();
        var lunch = Campaign.Create("lunch").During(festival).When(EligibilityRule.Channel("app"))
            .Rewarding(new FixedRewardPolicy(Money.FromDecimal(8.88m, Currency.CNY))).DrawingFrom("fest", "fest").Build();
        using var engine = new CampaignEngine(
            CampaignProgramme.Create([lunch], new Dictionary<string, BudgetTree> { ["fest"] = budget }), new FakeClock(festival.Start));

        var result = await engine.ClaimAsync(new Claim(new Participant("bob"), festival.Start, "kiosk"), "order-1002");

        Assert.False(result.IsGranted);
        var reason = Assert.Single(result.Denials);
        Assert.Equal(("lunch", "eligibility.not-eligible"), (reason.CampaignId, reason.Code));
        Assert.Equal("channel.not-allowed", Assert.Single(reason.EligibilityFailures).Code);
    }
}
