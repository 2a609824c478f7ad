using System;
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

/// <summary>The code of docs/recipes/*.md (diaspora at local midnight, evening flash slots, multi-currency budget).</summary>
public sealed class RecipeTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly DateTimeZone Vancouver = DateTimeZoneProviders.Tzdb["America/Vancouver"];

    private static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    private static CampaignEngine Engine(Campaign campaign, BudgetTree tree, Instant now) =>
        new(CampaignProgramme.Create([campaign], new Dictionary<string, BudgetTree> { [campaign.BudgetId] = tree }), new FakeClock(now));

    [Fact]
    public async Task Diaspora_campaign_opens_at_midnight_local_to_each_participant()
    {
        // docs/recipes/diaspora-local-midnight.md
        // New Year's Day 2026 (the 17th of February): the first hour after midnight, on each participant's own clock.
        var firstHour = CampaignWindow.Create(new LocalDateTime(2026, 2, 17, 0, 0), new LocalDateTime(2026, 2, 17, 1, 0), Shanghai)
            .WithTimeReference(WindowTimeReference.Participant);

        // The budget's own window must hold every participant's hour: 2026-02-16 to 2026-02-19 in Shanghai does.
        var budget = new BudgetTreeBuilder(Currency.CNY, CampaignWindow.ForDays(new LocalDate(2026, 2, 16), 3, Shanghai))
            .Add("diaspora", Cny(50_000m))
            .Build();
        var midnight = Campaign.Create("midnight")
            .During(firstHour)
            .Rewarding(new FixedRewardPolicy(Cny(6.66m)))
            .DrawingFrom("diaspora", "diaspora")
            .Build();
        using var engine = Engine(midnight, budget, Instant.FromUtc(2026, 2, 17, 0, 0));

        // The same instant, 00:10 UTC: ten past midnight in London (UTC+0), 08:10 in Shanghai.
        var tenPast = Instant.FromUtc(2026, 2, 17, 0, 10);
        var inLondon = await engine.ClaimAsync(new Claim(new Participant("li-london") { HomeZone = London }, tenPast, "app"), "k1");
        var inShanghai = await engine.ClaimAsync(new Claim(new Participant("wang-shanghai") { HomeZone = Shanghai }, tenPast, "app"), "k2");
        // 08:05 UTC is five past midnight in Vancouver (UTC-8 in February).
        var inVancouver = await engine.ClaimAsync(
            new Claim(new Participant("chen-vancouver") { HomeZone = Vancouver }, Instant.FromUtc(2026, 2, 17, 8, 5), "app"), "k3");

        Assert.True(inLondon.IsGranted);
        Assert.Equal(ClaimDenialCodes.WindowEnded, Assert.Single(inShanghai.Denials).Code);
        Assert.True(inVancouver.IsGranted);
        // end of snippet

        // A participant without a home zone is read on the campaign's clock (Shanghai): 00:10 UTC is 08:10 there.
        var unknownZone = await engine.ClaimAsync(new Claim(new Participant("anon"), tenPast, "app"), "k4");
        Assert.Equal(ClaimDenialCodes.WindowEnded, Assert.Single(unknownZone.Denials).Code);
    }

    [Fact]
    public async Task Evening_flash_slots_open_ten_minutes_a_night_and_an_hour_on_the_eve()
    {
        // docs/recipes/evening-flash-slots.md
        var festival = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, Shanghai);
        var flash = SlotSchedule.Create(
            festival,
            DailySlot.Every(new LocalTime(20, 0), new LocalTime(20, 10)),                           // every evening, 20:00-20:10
            DailySlot.OnDate(new LocalDate(2026, 2, 16), new LocalTime(20, 10), new LocalTime(21, 0))); // the Eve: on to 21:00 (slots never overlap)

        var budget = new BudgetTreeBuilder(Currency.CNY, festival)
            .Add("flash", Cny(9_000m), PacingPlan.Even(), new ParticipantCaps { MaxGrantsPerDay = 1 })
            .Build();
        var campaign = Campaign.Create("flash")
            .During(flash)
            .Rewarding(new FixedRewardPolicy(Cny(18.88m)))
            .DrawingFrom("flash", "flash")
            .HoldingFor(Duration.FromMinutes(5))
            .Build();
        using var engine = Engine(campaign, budget, festival.Start);

        Instant At(int day, int hour, int minute) => new LocalDateTime(2026, 2, day, hour, minute).InZoneStrictly(Shanghai).ToInstant();
        Claim ClaimBy(string who, Instant at) => new(new Participant(who), at, "app");

        var first = await engine.ClaimAsync(ClaimBy("alice", At(15, 20, 5)), "a1");
        var again = await engine.ClaimAsync(ClaimBy("alice", At(15, 20, 6)), "a2");    // one grant per person per day
        var late = await engine.ClaimAsync(ClaimBy("bob", At(15, 20, 15)), "b1");      // after the ten minutes
        var eve = await engine.ClaimAsync(ClaimBy("bob", At(16, 20, 45)), "b2");       // the Eve's hour

        Assert.True(first.IsGranted);
        Assert.Equal(ClaimDenialCodes.CapCountReached, Assert.Single(again.Denials).Code);
        Assert.Equal(ClaimDenialCodes.OutsideSlots, Assert.Single(late.Denials).Code);
        Assert.True(eve.IsGranted);
        // end of snippet

        // Pacing: 9,000 over nine days is 1,000 a day; the Eve's grant counts on day 2.
        var snapshot = await engine.Ledgers["flash"].GetSnapshotAsync(At(16, 21, 0));
        Assert.Equal(Cny(1_000m), snapshot["flash"].Days[1].Limit);
        Assert.Equal(Cny(18.88m), snapshot["flash"].Days[1].Reserved);
    }

    [Fact]
    public async Task A_dollar_budget_funded_in_yuan_pays_orders_in_any_currency_above_a_yuan_minimum()
    {
        // docs/recipes/multi-currency-budget.md
        // Finance approved CNY 1,000,000 for overseas shoppers; the campaign pays in US dollars.
        // 6.9608 CNY per USD (the rate used across the docs); ToZero, so the dollar budget never exceeds the approval.
        var cnyPerUsd = ExchangeRate.FromQuote(6.9608m, Currency.CNY, perUnitOf: Currency.USD);
        var approved = Cny(1_000_000m);
        var inDollars = cnyPerUsd.Inverse().Convert(approved, MidpointRounding.ToZero);
        Assert.Equal(Money.FromDecimal(143_661.64m, Currency.USD), inDollars); // 1,000,000 / 6.9608 = 143,661.6481...

        var festival = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, Shanghai);
        var budget = new BudgetTreeBuilder(Currency.USD, festival).Add("overseas", inDollars).Build();

        // Orders of at least CNY 50, whatever currency they are paid in: converted toward zero, so rounding never qualifies an order.
        var minimum = EligibilityRule.MinOrderAmount(Cny(50m), CurrencyConversions.FromRates(MidpointRounding.ToZero, cnyPerUsd));
        var campaign = Campaign.Create("overseas")
            .During(festival)
            .When(minimum)
            .Rewarding(new FixedRewardPolicy(Money.FromDecimal(1.00m, Currency.USD)))
            .DrawingFrom("overseas", "overseas")
            .Build();
        using var engine = Engine(campaign, budget, festival.Start);

        Claim Order(string key, Money amount) => new(new Participant(key), festival.Start, "web") { OrderAmount = amount };
        var small = await engine.ClaimAsync(Order("p1", Money.FromDecimal(7.18m, Currency.USD)), "o1"); // CNY 49.97 after conversion
        var large = await engine.ClaimAsync(Order("p2", Money.FromDecimal(8.00m, Currency.USD)), "o2"); // CNY 55.68
        var inYuan = await engine.ClaimAsync(Order("p3", Cny(50m)), "o3");

        Assert.Equal(EligibilityCodes.OrderBelowMinimum, Assert.Single(Assert.Single(small.Denials).EligibilityFailures).Code);
        Assert.Equal(Money.FromDecimal(1.00m, Currency.USD), large.Grant.Amount);
        Assert.True(inYuan.IsGranted);
        // end of snippet
    }
}
