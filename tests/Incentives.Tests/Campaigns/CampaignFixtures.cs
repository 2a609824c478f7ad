using System.Collections.Generic;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Claims;
using Incentives.Eligibility;
using Incentives.Rewards;
using Incentives.Time;
using NodaTime;

namespace Incentives.Tests.Campaigns;

/// <summary>A three-day festival in Asia/Shanghai and the campaigns, trees and claims the engine tests share.</summary>
internal static class CampaignFixtures
{
    public static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>2026-02-15 to 2026-02-18 (exclusive) in Asia/Shanghai: day 1 starts 2026-02-14T16:00Z.</summary>
    public static readonly CampaignWindow Festival = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 3, Shanghai);

    public static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    /// <summary>An instant on a festival day (1-based), at a local hour.</summary>
    public static Instant Day(int number, int hour = 12) => Festival.Days[number - 1].Interval.Start + Duration.FromHours(hour);

    /// <summary>fest 100.00 ├ fest/app 60.00 ├ fest/app/food 50.00 ├ fest/app/fun 50.00 └ fest/web 60.00 ├ fest/web/food 50.00 └ fest/web/fun 50.00.</summary>
    public static BudgetTree Tree(ParticipantCaps? caps = null, decimal root = 100m) => new BudgetTreeBuilder(Currency.CNY, Festival)
        .Add("fest", Cny(root), caps: caps)
        .Add("fest/app", Cny(60m))
        .Add("fest/app/food", Cny(50m))
        .Add("fest/app/fun", Cny(50m))
        .Add("fest/web", Cny(60m))
        .Add("fest/web/food", Cny(50m))
        .Add("fest/web/fun", Cny(50m))
        .Build();

    public static CampaignBuilder Fixed(string id, decimal amount, string budget = "fest") =>
        Campaign.Create(id).During(Festival).Rewarding(new FixedRewardPolicy(Cny(amount))).DrawingFrom(budget, "fest/{channel}/{category}");

    public static Claim Claim(string participant = "alice", string channel = "app", string? category = "food", Instant? at = null, decimal? order = null) =>
        new(new Participant(participant), at ?? Day(1), channel)
        {
            Category = category,
            OrderAmount = order is { } o ? Cny(o) : null,
        };

    public static CampaignEngine Engine(IClock clock, BudgetTree tree, params Campaign[] campaigns) =>
        new(campaigns, new Dictionary<string, IBudgetLedger> { ["fest"] = new InMemoryBudgetLedger(tree) }, clock);

    public static CampaignEngine Engine(params Campaign[] campaigns) =>
        Engine(new NodaTime.Testing.FakeClock(Day(1)), Tree(), campaigns);

    /// <summary>A rule for the app and web channels and the food and fun categories.</summary>
    public static EligibilityRule AppOrWeb() => EligibilityRule.AllOf(EligibilityRule.Channel("app", "web"), EligibilityRule.Category("food", "fun"));
}
