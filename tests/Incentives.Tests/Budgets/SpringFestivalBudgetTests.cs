using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.Budgets.Json;
using Incentives.Time;
using NodaTime;

namespace Incentives.Tests.Budgets;

/// <summary>
/// The Spring Festival campaign of the domain guide: 3,000,000,000 CNY over the nine days from 2026-02-15 in
/// Asia/Shanghai, heavier on New Year's Eve (2026-02-16; Lunar New Year's Day 2026 is 2026-02-17), split by app
/// (marketplace, payments, travel) and by category (food, entertainment, leisure), at most 10,000 CNY and
/// 3 envelopes a day per person.
/// </summary>
public sealed class SpringFestivalBudgetTests
{
    // Day weights 10:25:15:10:10:10:8:6:6 (sum 100): 300M, 750M (the Eve), 450M, 300M, 300M, 300M, 240M, 180M, 180M.
    private static readonly long[] DayWeights = [10, 25, 15, 10, 10, 10, 8, 6, 6];

    private static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    public static BudgetTree BuildInCode()
    {
        // docs/budgets.md: "The Spring Festival tree in code"
        var shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var window = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, shanghai);
        var perPerson = new ParticipantCaps { MaxAmountPerCampaign = Cny(10_000m), MaxGrantsPerDay = 3 };
        return new BudgetTreeBuilder(Currency.CNY, window)
            .Add("spring-festival", Cny(3_000_000_000m), PacingPlan.Weighted(DayWeights, rollOver: true), perPerson)
            .Add("spring-festival/marketplace", Cny(1_500_000_000m))
            .Add("spring-festival/marketplace/food", Cny(800_000_000m))
            .Add("spring-festival/marketplace/entertainment", Cny(500_000_000m))
            .Add("spring-festival/marketplace/leisure", Cny(400_000_000m))
            .Add("spring-festival/payments", Cny(1_000_000_000m))
            .Add("spring-festival/payments/food", Cny(400_000_000m))
            .Add("spring-festival/payments/entertainment", Cny(300_000_000m))
            .Add("spring-festival/payments/leisure", Cny(300_000_000m))
            .Add("spring-festival/travel", Cny(500_000_000m))
            .Add("spring-festival/travel/food", Cny(150_000_000m))
            .Add("spring-festival/travel/entertainment", Cny(150_000_000m))
            .Add("spring-festival/travel/leisure", Cny(250_000_000m))
            .Build();
    }

    // docs/budgets.md: "The Spring Festival tree as JSON"
    public const string Json = """
        {
          "window": { "start": "2026-02-15T00:00:00", "end": "2026-02-24T00:00:00", "zone": "Asia/Shanghai" },
          "nodes": [
            {
              "id": "spring-festival",
              "limit": { "amount": "3000000000.00", "currency": "CNY" },
              "pacing": { "split": "weighted", "weights": [10, 25, 15, 10, 10, 10, 8, 6, 6], "rollOver": true },
              "caps": { "maxAmountPerCampaign": { "amount": "10000.00", "currency": "CNY" }, "maxGrantsPerDay": 3 }
            },
            { "id": "spring-festival/marketplace", "limit": { "amount": "1500000000", "currency": "CNY" } },
            { "id": "spring-festival/marketplace/food", "limit": { "amount": "800000000", "currency": "CNY" } },
            { "id": "spring-festival/marketplace/entertainment", "limit": { "amount": "500000000", "currency": "CNY" } },
            { "id": "spring-festival/marketplace/leisure", "limit": { "amount": "400000000", "currency": "CNY" } },
            { "id": "spring-festival/payments", "limit": { "amount": "1000000000", "currency": "CNY" } },
            { "id": "spring-festival/payments/food", "limit": { "amount": "400000000", "currency": "CNY" } },
            { "id": "spring-festival/payments/entertainment", "limit": { "amount": "300000000", "currency": "CNY" } },
            { "id": "spring-festival/payments/leisure", "limit": { "amount": "300000000", "currency": "CNY" } },
            { "id": "spring-festival/travel", "limit": { "amount": "500000000", "currency": "CNY" } },
            { "id": "spring-festival/travel/food", "limit": { "amount": "150000000", "currency": "CNY" } },
            { "id": "spring-festival/travel/entertainment", "limit": { "amount": "150000000", "currency": "CNY" } },
            { "id": "spring-festival/travel/leisure", "limit": { "amount": "250000000", "currency": "CNY" } }
          ]
        }
        """;

    [Fact]
    public void The_day_amounts_follow_the_weights_and_sum_to_three_billion()
    {
        var root = BuildInCode().Root;

        // 3,000,000,000 x weight / 100, worked by hand.
        var expected = new[] { 300, 750, 450, 300, 300, 300, 240, 180, 180 }.Select(m => Cny(m * 1_000_000m));
        Assert.Equal(expected, root.DayAmounts);
        Assert.Equal(Cny(3_000_000_000m), root.DayAmounts.Aggregate((a, b) => a + b));
        Assert.Equal(new LocalDate(2026, 2, 16), BuildInCode().Window!.Days[1].Date); // the Eve is day 2
    }

    [Fact]
    public void The_JSON_definition_compiles_to_the_same_tree_as_the_code()
    {
        var fromJson = BudgetTreeJson.Load(Json);
        var inCode = BuildInCode();

        Assert.Equal(inCode.Window, fromJson.Window);
        Assert.Equal(
            inCode.Nodes.Select(n => (n.Path, n.Limit, n.Pacing, n.Caps, string.Join(",", n.DayAmounts))),
            fromJson.Nodes.Select(n => (n.Path, n.Limit, n.Pacing, n.Caps, string.Join(",", n.DayAmounts))));
    }

    [Fact]
    public async Task Driven_to_exhaustion_the_campaign_grants_exactly_three_billion_and_each_day_its_planned_amount()
    {
        var tree = BuildInCode();
        var ledger = new InMemoryBudgetLedger(tree);
        var leaves = tree.Nodes.Where(n => n.Children.Count == 0).Select(n => n.Path).ToArray();
        var envelope = Cny(10_000m);
        var person = 0;
        var claims = 0;
        var usedByLastPerson = new Dictionary<string, Money>();

        foreach (var day in tree.Window!.Days)
        {
            var at = day.Interval.Start + Duration.FromHours(20); // 20:00 in Shanghai, the evening gala
            var exhausted = new HashSet<string>();
            while (exhausted.Count < leaves.Length)
            {
                foreach (var leaf in leaves.Where(l => !exhausted.Contains(l)))
                {
                    // Each person claims one 10,000 CNY envelope (their cap); when less is left, the rest.
                    var participant = "user-" + (person++).ToString("D7");
                    var amount = envelope;
                    ReserveResult result;
                    while (true)
                    {
                        claims++;
                        result = await ledger.ReserveAsync(new ReserveRequest($"claim-{claims}", leaf, participant, amount, at, at + Duration.FromMinutes(10)));
                        if (result.IsReserved || result.Denial!.Remaining is not { IsPositive: true } left || left >= amount)
                        {
                            break;
                        }

                        amount = left;
                    }

                    if (!result.IsReserved)
                    {
                        Assert.True(result.Denial!.Code is BudgetDenialCode.NodeLimitReached or BudgetDenialCode.PacingLimitReached, result.ToString());
                        exhausted.Add(leaf);
                        continue;
                    }

                    Assert.True((await ledger.CommitAsync(result.ReservationId, amount, at)).Succeeded);
                }
            }
        }

        var snapshot = await ledger.GetSnapshotAsync(tree.Window.End);
        var root = snapshot["spring-festival"];
        Assert.Equal(Cny(3_000_000_000m), root.Committed);
        Assert.Equal((Cny(0m), Cny(0m)), (root.Reserved, root.Available));
        Assert.Equal(root.Days.Select(d => d.Planned), root.Days.Select(d => d.Committed));
        Assert.Equal(Cny(1_500_000_000m), snapshot["spring-festival/marketplace"].Committed);
        Assert.Equal(Cny(1_000_000_000m), snapshot["spring-festival/payments"].Committed);
        Assert.Equal(Cny(500_000_000m), snapshot["spring-festival/travel"].Committed);
        Assert.Equal(
            root.Committed,
            leaves.Select(l => snapshot[l].Committed).Aggregate((a, b) => a + b));
        Assert.Empty(LedgerInvariants.Violations(tree, snapshot));
        Assert.True(person >= 300_000, $"{person} people were needed at 10,000 CNY each");
    }

    [Fact]
    public async Task A_person_gets_at_most_three_envelopes_a_day_and_10000_CNY_in_total()
    {
        var tree = BuildInCode();
        var ledger = new InMemoryBudgetLedger(tree);
        var eve = tree.Window!.Days[1].Interval.Start + Duration.FromHours(20);
        var results = new List<ReserveResult>();
        for (var i = 1; i <= 4; i++)
        {
            var result = await ledger.ReserveAsync(new ReserveRequest($"eve-{i}", "spring-festival/payments/food", "li-lei", Cny(2_000m), eve, eve + Duration.FromMinutes(5)));
            if (result.IsReserved)
            {
                await ledger.CommitAsync(result.ReservationId, result.Amount, eve);
            }

            results.Add(result);
        }

        var nextDay = eve + Duration.FromDays(1);

        var overTotal = await ledger.ReserveAsync(new ReserveRequest("day3-1", "spring-festival/travel/leisure", "li-lei", Cny(4_000.01m), nextDay, nextDay + Duration.FromMinutes(5)));
        var exactlyTheRest = await ledger.ReserveAsync(new ReserveRequest("day3-2", "spring-festival/travel/leisure", "li-lei", Cny(4_000m), nextDay, nextDay + Duration.FromMinutes(5)));

        Assert.All(results.Take(3), r => Assert.True(r.IsReserved, r.ToString()));
        Assert.False(results[3].IsReserved, results[3].ToString());
        Assert.Equal(CapKind.GrantsPerDay, results[3].Denial!.Cap);
        Assert.Equal((BudgetDenialCode.CapAmountReached, Cny(4_000m)), (overTotal.Denial!.Code, overTotal.Denial.Remaining!.Value));
        Assert.True(exactlyTheRest.IsReserved);
    }
}
