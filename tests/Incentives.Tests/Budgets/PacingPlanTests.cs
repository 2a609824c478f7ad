using System.Linq;
using System.Threading.Tasks;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Budgets;
using Incentives.Time;
using NodaTime;
using static Incentives.Tests.Budgets.TestTrees;

namespace Incentives.Tests.Budgets;

public sealed class PacingPlanTests
{
    [Fact]
    public void An_even_split_gives_the_leftover_fen_to_the_first_days()
    {
        // 100.00 CNY over 3 days = 33.34 + 33.33 + 33.33 (Money.Allocate puts the remainder first).
        var node = new BudgetTreeBuilder(Currency.CNY, ThreeDays).Add("c", Cny(100m), PacingPlan.Even()).Build().Root;

        Assert.Equal(new[] { Cny(33.34m), Cny(33.33m), Cny(33.33m) }, node.DayAmounts);
    }

    [Property(MaxTest = 200)]
    public Property Day_amounts_always_sum_to_the_node_limit() =>
        Prop.ForAll(
            Arb.From(Gen.Choose(0, int.MaxValue).Zip(Gen.ArrayOf(Gen.Choose(0, 1000), 3).Where(w => w.Sum() > 0))),
            t =>
            {
                var (limit, weights) = t;
                var node = new BudgetTreeBuilder(Currency.CNY, ThreeDays)
                    .Add("c", Money.FromMinorUnits(limit, Currency.CNY), PacingPlan.Weighted(weights.Select(w => (long)w).ToArray()))
                    .Build().Root;
                return node.DayAmounts.Sum(m => m.MinorUnits) == limit && node.DayAmounts.All(m => !m.IsNegative);
            });

    [Property(MaxTest = 200)]
    public Property Released_never_decreases_and_reaches_the_day_amount_at_the_day_end() =>
        Prop.ForAll(
            Arb.From(Gen.Choose(0, 2).Zip(Gen.ArrayOf(Gen.Choose(0, 24 * 60), 5)).Zip(Gen.Choose(0, 1_000_000))),
            t =>
            {
                var ((kind, minutes), limit) = t;
                var withinDay = new[] { IntraDayRelease.AllAtStart, IntraDayRelease.Linear, IntraDayRelease.Steps(3, 0, 1, 5) }[kind];
                var tree = new BudgetTreeBuilder(Currency.CNY, ThreeDays).Add("c", Money.FromMinorUnits(limit, Currency.CNY), PacingPlan.Even(withinDay: withinDay)).Build();
                var day = ThreeDays.Days[1];
                var values = minutes.Order().Select(m => tree.ReleasedOnDay(tree.Root, 1, day.Interval.Start + Duration.FromMinutes(m))).ToList();
                return values.Zip(values.Skip(1)).All(p => p.First <= p.Second) &&
                    tree.ReleasedOnDay(tree.Root, 1, day.Interval.End) == tree.Root.DayAmounts[1].MinorUnits &&
                    tree.ReleasedOnDay(tree.Root, 1, day.Interval.Start - Duration.Epsilon) == 0;
            });

    [Fact]
    public void A_linear_release_follows_the_real_length_of_a_23_hour_day()
    {
        // Europe/London springs forward on 2026-03-29 (01:00 -> 02:00), so that day is 23 hours long (TZDB).
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var window = CampaignWindow.ForDays(new LocalDate(2026, 3, 29), 1, london);
        var tree = new BudgetTreeBuilder(Currency.GBP, window)
            .Add("c", Money.FromDecimal(230m, Currency.GBP), PacingPlan.Even(withinDay: IntraDayRelease.Linear))
            .Build();
        var start = window.Days[0].Interval.Start;

        Assert.Equal(Duration.FromHours(23), window.Days[0].Duration);
        Assert.Equal(10_00, tree.ReleasedOnDay(tree.Root, 0, start + Duration.FromHours(1))); // 230.00 / 23 per hour
        Assert.Equal(120_00, tree.ReleasedOnDay(tree.Root, 0, start + Duration.FromHours(12)));
    }

    [Fact]
    public void A_stepped_release_cuts_the_day_amount_exactly()
    {
        // 10.00 split 1:1:1 over three 8-hour slices = 3.34, 3.33, 3.33 -> cumulative 3.34, 6.67, 10.00.
        var window = CampaignWindow.ForDays(new LocalDate(2026, 3, 1), 1, Shanghai);
        var tree = new BudgetTreeBuilder(Currency.CNY, window).Add("c", Cny(10m), PacingPlan.Even(withinDay: IntraDayRelease.Steps(1, 1, 1))).Build();
        var start = window.Days[0].Interval.Start;

        Assert.Equal(
            new[] { 334L, 334L, 667L, 1000L },
            new[] { 0, 7, 8, 23 }.Select(h => tree.ReleasedOnDay(tree.Root, 0, start + Duration.FromHours(h))));
    }

    [Fact]
    public async Task Across_a_25_hour_day_the_ledger_releases_stepped_slices_by_real_time_and_exactly_the_limit_in_total()
    {
        // Europe/London falls back on 2026-10-25 (02:00 BST -> 01:00 GMT, TZDB), so that day is 25 hours long:
        // it starts at 2026-10-24T23:00Z and ends at 2026-10-26T00:00Z. Five equal slices are 5 real hours each.
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var window = CampaignWindow.ForDays(new LocalDate(2026, 10, 24), 3, london);
        var tree = new BudgetTreeBuilder(Currency.GBP, window)
            .Add("c", Money.FromDecimal(750.01m, Currency.GBP), PacingPlan.Even(rollOver: true, withinDay: IntraDayRelease.Steps(1, 1, 1, 1, 1)))
            .Build();
        IBudgetLedger ledger = new InMemoryBudgetLedger(tree);
        var day2 = window.Days[1].Interval;
        var gbp = (decimal amount) => Money.FromDecimal(amount, Currency.GBP);

        Assert.Equal((Instant.FromUtc(2026, 10, 24, 23, 0), Duration.FromHours(25)), (day2.Start, day2.Duration));
        Assert.Equal(new[] { gbp(250.01m), gbp(250m), gbp(250m) }, tree.Root.DayAmounts);
        var justBefore = Instant.FromUtc(2026, 10, 25, 3, 59, 59);
        var secondSlice = Instant.FromUtc(2026, 10, 25, 4, 0);

        // Day 1 rolled over whole (250.01), plus the first 50.00 slice of day 2.
        Assert.Equal(gbp(300.01m), (await ledger.GetSnapshotAsync(justBefore))["c"].Days[1].Released);
        Assert.False((await ledger.ReserveAsync(new ReserveRequest("k1", "c", "ann", gbp(300.02m), justBefore, justBefore + Duration.FromHours(1)))).IsReserved);
        Assert.True((await ledger.ReserveAsync(new ReserveRequest("k2", "c", "ann", gbp(350.01m), secondSlice, secondSlice + Duration.FromDays(5)))).IsReserved);
        var end = await ledger.GetSnapshotAsync(window.End);
        Assert.Equal((gbp(750.01m), gbp(400m)), (end["c"].Released, end["c"].Available));
        Assert.Empty(LedgerInvariants.Violations(tree, end));
    }
}
