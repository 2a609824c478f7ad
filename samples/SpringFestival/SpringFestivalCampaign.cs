using Incentives;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Eligibility;
using Incentives.Rewards;
using Incentives.Rewards.Envelopes;
using Incentives.Rewards.Randomness;
using Incentives.Simulation;
using Incentives.Time;
using NodaTime;

namespace SpringFestival;

/// <summary>
/// The seed campaign, in one file a reader can copy: 3,000,000,000 CNY of red envelopes over the nine days of the 2026
/// Spring Festival holiday in Asia/Shanghai, three apps x three categories, the Eve paced heavier, a per-person cap.
/// </summary>
public static class SpringFestivalCampaign
{
    public static readonly Money DefaultBudget = Money.FromDecimal(3_000_000_000m, Currency.CNY);

    public static readonly string[] Apps = ["marketplace", "payments", "travel"];
    public static readonly string[] Categories = ["food", "entertainment", "leisure"];

    // 2026-02-15 .. 2026-02-23, whole local days in Asia/Shanghai; Lunar New Year's Eve is 2026-02-16 (day 2).
    public static CampaignWindow Window { get; } =
        CampaignWindows.SpringFestivalHoliday(2026, DateTimeZoneProviders.Tzdb["Asia/Shanghai"]);

    // One weight per day: the Eve gets the most, the first days of the year a little more than the rest.
    public static readonly long[] DayWeights = [8, 20, 14, 12, 10, 9, 9, 9, 9];

    public static CampaignProgramme Build(Money total, ulong seed)
    {
        // The budget tree: the whole amount paced per day, split evenly over the apps, then over the categories.
        var perPerson = new ParticipantCaps { MaxAmountPerCampaign = Cny(20_000m), MaxGrantsPerDay = 3 };
        var tree = new BudgetTreeBuilder(Currency.CNY, Window)
            .Add("sf", total, PacingPlan.Weighted(DayWeights, rollOver: true), perPerson);
        var perApp = total.Allocate(Apps.Length);
        for (var a = 0; a < Apps.Length; a++)
        {
            tree.Add($"sf/{Apps[a]}", perApp[a]);
            var perCategory = perApp[a].Allocate(Categories.Length);
            for (var c = 0; c < Categories.Length; c++)
            {
                tree.Add($"sf/{Apps[a]}/{Categories[c]}", perCategory[c]);
            }
        }

        // Who qualifies: inside the window, one of the three apps and categories, an order of at least 20 CNY, not blocked.
        var rule = EligibilityRule.AllOf(
            EligibilityRule.Window(Window),
            EligibilityRule.Channel(Apps),
            EligibilityRule.Category(Categories),
            EligibilityRule.MinOrderAmount(Cny(20m)),
            EligibilityRule.LacksSegment("blocked"));

        // Red envelopes of 1.00 .. 8,888.00 CNY, mean 1,000 CNY (a simulated claim stands for about a thousand real ones, so a
        // few million claims can burn billions). The pool holds a quarter more than the budget: cancelled and refunded money
        // returns to the budget, not to the pool, so the budget, not the pool, is what runs out.
        var poolTotal = total + total.Allocate(1, 3)[0]; // total + a quarter
        var envelopes = new RedEnvelopePool(
            new RedEnvelopeSpec(poolTotal, checked((int)(poolTotal.MinorUnits / 100_000)), Cny(1m), Cny(8_888m)),
            new SeededRandomSource(seed));

        var campaign = Campaign.Create("spring-festival")
            .Named("Spring Festival red envelopes")
            .During(Window)
            .When(rule)
            .Rewarding(new RedEnvelopeRewardPolicy(envelopes))
            .DrawingFrom("sf", "sf/{channel}/{category}")
            .HoldingFor(Duration.FromMinutes(15))
            .Build();
        return CampaignProgramme.Create([campaign], [new("sf", tree.Build())]);
    }

    // The traffic: more on the Eve, three apps plus a web channel the campaign ignores, some electronics orders
    // (not a campaign category), small orders below the minimum, a few blocked accounts, heavy repeat claimers.
    public static TrafficModel Traffic(int claims) => new()
    {
        Claims = claims,
        Participants = Math.Max(1, claims / 5),
        RepeatSkew = 2.5,
        DayWeights = [.. DayWeights.Select(w => (int)w)],
        Regions = [new("CN", 90), new("HK", 5), new("SG", 5)],
        Channels = [new("marketplace", 5), new("payments", 3), new("travel", 2), new("web", 1)],
        Categories = [new("food", 5), new("entertainment", 3), new("leisure", 2), new("electronics", 1)],
        OrderSizes = [new(5m, 19.99m, 2), new(20m, 200m, 6), new(200m, 2_000m, 2)],
        BlockedShare = 0.02,
        CancelShare = 0.10,
        RefundShare = 0.03,
    };

    private static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);
}
