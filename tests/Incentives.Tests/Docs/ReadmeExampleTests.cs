using System.Collections.Generic;
using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Claims;
using Incentives.Eligibility;
using Incentives.Rewards;
using Incentives.Rewards.Envelopes;
using Incentives.Time;
using NodaTime;
using NodaTime.Testing;

namespace Incentives.Tests.Docs;

/// <summary>Holds the README's example, so that the code a reader copies compiles and does what the README says.</summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public async Task The_readme_example_grants_a_red_envelope_inside_the_2026_spring_festival_window()
    {
        // README: "A campaign in 20 lines" (the README's clock is SystemClock.Instance)
        IClock clock = new FakeClock(Instant.FromUtc(2026, 2, 16, 12, 0));
        var shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var window = CampaignWindows.SpringFestivalHoliday(2026, shanghai);            // 2026-02-15..23, from the State Council notice
        var cny = (decimal amount) => Money.FromDecimal(amount, Currency.CNY);

        var budget = new BudgetTreeBuilder(Currency.CNY, window)
            .Add("festival", cny(3_000_000_000m), PacingPlan.Even(), new ParticipantCaps { MaxGrantsPerDay = 3 })
            .Add("festival/marketplace", cny(1_500_000_000m))
            .Build();
        var envelopes = new RedEnvelopePool(new RedEnvelopeSpec(cny(1_000_000m), 100_000, cny(1m), cny(200m)));
        var campaign = Campaign.Create("hongbao")
            .During(window)
            .When(EligibilityRule.AllOf(EligibilityRule.Channel("marketplace"), EligibilityRule.MinOrderAmount(cny(50m))))
            .Rewarding(new RedEnvelopeRewardPolicy(envelopes))
            .DrawingFrom("festival", "festival/{channel}")
            .Build();
        using var engine = new CampaignEngine([campaign], new Dictionary<string, IBudgetLedger> { ["festival"] = new InMemoryBudgetLedger(budget) }, clock);

        var claim = new Claim(new Participant("user-42"), clock.GetCurrentInstant(), "marketplace") { OrderAmount = cny(88m) };
        var result = await engine.ClaimAsync(claim, idempotencyKey: "order-9001");
        var grant = result.Grants[0];
        await engine.CommitAsync(grant.Reference, grant.Amount);                         // paid: the money is spent for good
        // end of README example

        Assert.True(result.IsGranted);
        Assert.InRange(grant.Amount.MinorUnits, 100, 20_000);
        var snapshot = await engine.Ledgers["festival"].GetSnapshotAsync(claim.At);
        Assert.Equal(grant.Amount, snapshot["festival/marketplace"].Committed);
        Assert.Equal(grant.Amount, snapshot["festival"].Committed);
        Assert.Equal(99_999, envelopes.RemainingCount);
    }
}
