using System.Linq;
using System.Threading.Tasks;
using Incentives.Campaigns;
using Incentives.Rewards;
using NodaTime.Testing;
using static Incentives.Tests.Campaigns.CampaignFixtures;

namespace Incentives.Tests.Campaigns;

public sealed class StackingTests
{
    [Fact]
    public async Task An_exclusive_campaign_of_highest_priority_is_granted_alone()
    {
        using var engine = Engine(
            Fixed("vip", 9m).WithPriority(10).WithStacking(StackingMode.Exclusive).Build(),
            Fixed("everyone", 1m).WithPriority(0).WithStacking(StackingMode.Stackable).Build());

        var result = await engine.ClaimAsync(Claim(), "k1");

        Assert.Equal("vip", Assert.Single(result.Grants).CampaignId);
        var other = Assert.Single(result.Denials);
        Assert.Equal(("everyone", ClaimDenialCodes.NotSelected), (other.CampaignId, other.Code));
    }

    [Fact]
    public async Task Stackable_campaigns_are_all_granted_together_in_priority_order()
    {
        // docs/engine.md "Stacking"
        using var engine = Engine(
            Fixed("base", 2m).WithStacking(StackingMode.Stackable).Build(),
            Fixed("bonus", 3m).WithPriority(5).WithStacking(StackingMode.Stackable).Build(),
            Fixed("solo", 50m).WithPriority(-1).WithStacking(StackingMode.Exclusive).Build());

        var result = await engine.ClaimAsync(Claim(), "k1");

        Assert.Equal(new[] { "bonus", "base" }, result.Grants.Select(g => g.CampaignId));
        Assert.Equal(Cny(5m), result.TotalIn(Currency.CNY));
        Assert.Equal(ClaimDenialCodes.NotSelected, Assert.Single(result.ReasonsFor("solo")).Code);
    }

    [Fact]
    public async Task Best_for_participant_grants_only_the_campaign_paying_the_most()
    {
        var percent = Campaign.Create("ten-percent").During(Festival).DrawingFrom("fest", "fest/{channel}/{category}")
            .Rewarding(new PercentageRewardPolicy(Currency.CNY, 10m)).WithStacking(StackingMode.BestForParticipant).Build();
        var flat = Fixed("flat", 5m).WithStacking(StackingMode.BestForParticipant).WithPriority(1).Build();
        using var engine = Engine(percent, flat);

        var small = await engine.ClaimAsync(Claim(order: 30m), "k1");   // 10% of 30 = 3 < 5
        var large = await engine.ClaimAsync(Claim(order: 80m), "k2");   // 10% of 80 = 8 > 5

        Assert.Equal(("flat", Cny(5m)), (small.Grant.CampaignId, small.Grant.Amount));
        Assert.Equal(("ten-percent", Cny(8m)), (large.Grant.CampaignId, large.Grant.Amount));
        Assert.Equal(ClaimDenialCodes.NotSelected, Assert.Single(large.Denials).Code);
    }

    [Fact]
    public async Task Stacked_grants_that_fit_are_kept_when_another_stacked_budget_refuses()
    {
        // fest/app holds 60.00: "big" (45.00) fits once; the second claim gets only "small" and is told which node refused "big".
        using var engine = Engine(
            Fixed("big", 45m).WithPriority(1).WithStacking(StackingMode.Stackable).Build(),
            Fixed("small", 1m).WithStacking(StackingMode.Stackable).Build());

        var first = await engine.ClaimAsync(Claim("a"), "k1");
        var second = await engine.ClaimAsync(Claim("b"), "k2");

        Assert.Equal(2, first.Grants.Count);
        Assert.Equal("small", Assert.Single(second.Grants).CampaignId);
        var refused = Assert.Single(second.Denials);
        Assert.Equal(("big", ClaimDenialCodes.BudgetExhausted, "fest/app"), (refused.CampaignId, refused.Code, refused.NodePath));
    }

    [Fact]
    public async Task When_the_chosen_campaign_has_no_budget_left_the_next_one_by_priority_grants()
    {
        var tree = Tree(root: 100m);
        using var engine = Engine(new FakeClock(Day(1)), tree,
            Fixed("main", 50m).WithPriority(10).Build(),
            Campaign.Create("backup").During(Festival).Rewarding(new FixedRewardPolicy(Cny(2m))).DrawingFrom("fest", "fest/web/food").Build());

        var first = await engine.ClaimAsync(Claim("a"), "k1");
        var second = await engine.ClaimAsync(Claim("b"), "k2");

        Assert.Equal("main", first.Grant.CampaignId);
        Assert.Equal("backup", second.Grant.CampaignId);
        Assert.Equal(ClaimDenialCodes.BudgetExhausted, Assert.Single(second.ReasonsFor("main")).Code);
    }
}
