using Incentives.Budgets;
using Incentives.Time;
using NodaTime;

namespace Incentives.Tests.Budgets;

/// <summary>Small trees and helpers shared by the budget tests.</summary>
internal static class TestTrees
{
    public static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    /// <summary>Three days from 2026-03-01 in Asia/Shanghai (UTC+8, no DST): day 1 starts 2026-02-28T16:00Z.</summary>
    public static readonly CampaignWindow ThreeDays = CampaignWindow.ForDays(new LocalDate(2026, 3, 1), 3, Shanghai);

    public static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    public static Instant Day(int number, int hour = 0, int minute = 0) =>
        ThreeDays.Days[number - 1].Interval.Start + Duration.FromHours(hour) + Duration.FromMinutes(minute);

    /// <summary>
    /// root 100.00 ├ a 60.00 ─ a/x 50.00 └ b 70.00 (a and b over-subscribe the root), no window.
    /// </summary>
    public static BudgetTree Small() => new BudgetTreeBuilder(Currency.CNY)
        .Add("root", Cny(100m))
        .Add("root/a", Cny(60m))
        .Add("root/a/x", Cny(50m))
        .Add("root/b", Cny(70m))
        .Build();

    /// <summary>One node of 90.00 over <see cref="ThreeDays"/> with the given plan and caps.</summary>
    public static BudgetTree Paced(PacingPlan plan, ParticipantCaps? caps = null) => new BudgetTreeBuilder(Currency.CNY, ThreeDays)
        .Add("c", Cny(90m), plan, caps)
        .Build();

    /// <summary>root 1000.00 with caps on "root/food" 500.00, over <see cref="ThreeDays"/>.</summary>
    public static BudgetTree Capped(ParticipantCaps caps) => new BudgetTreeBuilder(Currency.CNY, ThreeDays)
        .Add("root", Cny(1000m))
        .Add("root/food", Cny(500m), caps: caps)
        .Build();

    public static ReserveRequest Request(string key, string path, decimal amount, Instant at, string participant = "alice", Duration? holdFor = null) =>
        new(key, path, participant, Cny(amount), at, at + (holdFor ?? Duration.FromDays(30)));
}
