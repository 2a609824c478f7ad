using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Incentives.Budgets;
using Incentives.Campaigns;
using Incentives.Tests.Budgets;
using Incentives.Claims;
using Incentives.Eligibility;
using Incentives.Rewards;
using NodaTime.Testing;
using static Incentives.Tests.Campaigns.CampaignFixtures;

namespace Incentives.Tests.Campaigns;

public sealed class CampaignEngineConcurrencyTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Many_threads_claiming_across_campaigns_on_shared_budgets_get_exact_totals_and_one_grant_per_key(bool engineMakesLedgers)
    {
        // fest 1000.00 over app 600.00 and web 600.00; two stackable campaigns (1.00 and 2.00) and an exclusive one on another
        // budget; 2,000 claims, each sent twice with the same key from different threads. When the engine makes its ledgers (and
        // keeps their claims' keys), a ninth thread also reserves in the shared one directly with the claims' ledger keys of
        // campaign "one": whoever comes first makes the reservation, the other replays it.
        var shared = new BudgetTreeBuilder(Currency.CNY, Festival)
            .Add("fest", Cny(1000m)).Add("fest/app", Cny(600m)).Add("fest/web", Cny(600m)).Build();
        var other = new BudgetTreeBuilder(Currency.CNY, Festival).Add("vip", Cny(50m)).Build();
        var campaigns = new[]
        {
            Campaign.Create("one").During(Festival).Rewarding(new FixedRewardPolicy(Cny(1m))).DrawingFrom("fest", "fest/{channel}").WithStacking(StackingMode.Stackable).Build(),
            Campaign.Create("two").During(Festival).Rewarding(new FixedRewardPolicy(Cny(2m))).DrawingFrom("fest", "fest/{channel}").WithStacking(StackingMode.Stackable).Build(),
            Campaign.Create("vip").During(Festival).Rewarding(new FixedRewardPolicy(Cny(5m))).DrawingFrom("vip", "vip").WithPriority(9)
                .When(EligibilityRule.HasSegment("vip")).Build(),
        };
        var trees = new Dictionary<string, BudgetTree> { ["fest"] = shared, ["vip"] = other };
        using var engine = engineMakesLedgers
            ? new CampaignEngine(CampaignProgramme.Create(campaigns, trees), new FakeClock(Day(1)))
            : new CampaignEngine(campaigns, trees.ToDictionary(t => t.Key, t => (IBudgetLedger)new InMemoryBudgetLedger(t.Value)), new FakeClock(Day(1)));
        var ledgers = engine.Ledgers;
        var results = new ConcurrentBag<ClaimResult>();
        var direct = new ConcurrentDictionary<int, ReserveResult>();

        // Dedicated threads that start together (the pool would add threads slowly on a small machine, and the in-memory
        // calls complete at once, so pool tasks could run one after the other and race nothing).
        using var start = new Barrier(engineMakesLedgers ? 9 : 8);
        var claiming = Enumerable.Range(0, 8).Select(thread => Task.Factory.StartNew(async () =>
        {
            start.SignalAndWait();
            for (var i = 0; i < 500; i++)
            {
                var n = (thread * 500 + i) / 2;
                var vip = n % 10 == 0;
                var claim = new Claim(new Participant("p" + n) { Segments = vip ? ["vip"] : [] }, Day(1), n % 2 == 0 ? "app" : "web");
                results.Add(await engine.ClaimAsync(claim, "order-" + n));
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap());
        var reserving = !engineMakesLedgers ? Task.CompletedTask : Task.Factory.StartNew(async () =>
        {
            start.SignalAndWait();
            for (var n = 0; n < 2000; n += 2)
            {
                // The claims of every tenth key are VIP: the exclusive "vip" campaign may take them, and "one" never reserves.
                if (n % 10 != 0)
                {
                    direct[n] = await ledgers["fest"].ReserveAsync(new ReserveRequest($"order-{n}:one", "fest/app", "p" + n, Cny(1m), Day(1), Day(1) + Campaign.DefaultHold));
                }
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        await Task.WhenAll([.. claiming, reserving]);

        var byKey = results.GroupBy(r => r.IdempotencyKey).ToList();
        Assert.Equal(2000, byKey.Count);
        Assert.All(byKey, pair =>
        {
            Assert.Equal(2, pair.Count());
            Assert.Single(pair, r => !r.IsReplay);
            Assert.Single(pair.Select(r => string.Join(",", r.Grants.Select(g => g.Reference))).Distinct());
        });
        var firsts = byKey.Select(k => k.Single(r => !r.IsReplay)).ToList();
        var fest = ledgers["fest"].GetSnapshotAsync(Day(1)).RunSync()["fest"];
        var vipNode = ledgers["vip"].GetSnapshotAsync(Day(1)).RunSync()["vip"];
        foreach (var (n, reserved) in direct)
        {
            // One reservation per ledger key: a claim granted by "one" holds the direct call's reservation, and the other way round.
            var one = firsts.Single(r => r.IdempotencyKey == "order-" + n).Grants.SingleOrDefault(g => g.CampaignId == "one");
            Assert.Equal(reserved.IsReserved, one is not null);
            Assert.True(one is null || one.ReservationId == reserved.ReservationId, $"order-{n}");
        }

        Assert.Equal(fest.Reserved.MinorUnits, firsts.SelectMany(r => r.Grants).Where(g => g.BudgetId == "fest").Sum(g => g.Amount.MinorUnits));
        Assert.Equal(vipNode.Reserved.MinorUnits, firsts.SelectMany(r => r.Grants).Where(g => g.BudgetId == "vip").Sum(g => g.Amount.MinorUnits));
        Assert.True(fest.Reserved <= Cny(1000m));
        Assert.True(fest.Available < Cny(1m), $"money left unreached: {fest.Available}");
        Assert.Equal(Cny(50m), vipNode.Reserved);
        var distinctReservations = firsts.SelectMany(r => r.Grants).Select(g => g.Reference).Distinct().Count();
        Assert.Equal(firsts.Sum(r => r.Grants.Count), distinctReservations);
    }
}
