using System;
using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using Incentives.Claims;
using Incentives.Eligibility;
using Incentives.Eligibility.Json;
using Incentives.Time;
using NodaTime;

namespace Incentives.Tests.Eligibility;

/// <summary>
/// Random rule trees and random claims over one small vocabulary, so that rules and claims often meet
/// (every value a rule names is a value a claim may carry, plus some that no rule names).
/// </summary>
internal static class RuleGenerators
{
    public static readonly string[] Channels = ["marketplace", "payments", "travel", "web"];
    public static readonly string[] Categories = ["food", "entertainment", "leisure", "electronics"];
    public static readonly string[] Regions = ["CN", "HK", "SG"];
    public static readonly string[] Segments = ["vip", "blocked", "new", "staff"];
    public static readonly string[] Tiers = ["gold", "silver", "bronze"];
    public static readonly string[] Counts = ["0", "2", "5", "-1.5", "many"];

    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly Instant Origin = Instant.FromUtc(2026, 2, 10, 0, 0);

    public static readonly CustomRule EvenMinute = new(
        "evenMinute", "custom.odd-minute", "The claim was made in an odd minute.", c => c.At.InUtc().Minute % 2 == 0);

    public static readonly CustomRule HasMerchant = new(
        "hasMerchant", "custom.no-merchant", "The claim names no merchant.", c => c.MerchantId is not null);

    /// <summary>USD to CNY at 7.20, rounded down; nothing else converts.</summary>
    public static readonly CurrencyConversion UsdToCny = Convert;

    public static readonly EligibilityRuleLoadOptions LoadOptions = new()
    {
        CustomRules = new CustomRuleRegistry(EvenMinute, HasMerchant),
        Conversion = UsdToCny,
    };

    private static readonly DateTimeZone Vancouver = DateTimeZoneProviders.Tzdb["America/Vancouver"];
    private static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];

    private static readonly CampaignWindow SpringFestival =
        CampaignWindow.Create(new LocalDateTime(2026, 2, 15, 0, 0), new LocalDateTime(2026, 2, 24, 0, 0), Shanghai);

    /// <summary>Plain windows, slot schedules and participant-local windows (with and without slots).</summary>
    private static readonly ICampaignSchedule[] Windows =
    [
        SpringFestival,
        CampaignWindow.Create(new LocalDateTime(2026, 2, 12, 20, 0), new LocalDateTime(2026, 2, 16, 22, 30), DateTimeZone.Utc),
        SlotSchedule.Create(SpringFestival, DailySlot.Every(new LocalTime(20, 0), new LocalTime(22, 0))),
        SlotSchedule.Create(
            CampaignWindow.Create(new LocalDateTime(2026, 2, 10, 0, 0), new LocalDateTime(2026, 2, 28, 0, 0), NewYork),
            DailySlot.OnDaysOfWeek(new LocalTime(12, 0), new LocalTime(13, 30), IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday),
            DailySlot.OnDate(new LocalDate(2026, 2, 16), new LocalTime(23, 0), new LocalTime(1, 0)),
            DailySlot.Every(new LocalTime(6, 0), new LocalTime(7, 0)).Except(new LocalDate(2026, 2, 18))),
        CampaignWindow.Create(new LocalDateTime(2026, 2, 16, 20, 0), new LocalDateTime(2026, 2, 17, 2, 0), Shanghai)
            .WithTimeReference(WindowTimeReference.Participant),
        SlotSchedule.Create(
            SpringFestival.WithTimeReference(WindowTimeReference.Participant),
            DailySlot.Every(new LocalTime(20, 0), new LocalTime(22, 0)).Except(new LocalDate(2026, 2, 18))),
    ];

    /// <summary>Instants on the edges of the windows and slots, so that boundaries are often hit.</summary>
    private static readonly Instant?[] Boundaries =
    [
        null, null, null, null, null, null,
        SpringFestival.Start, SpringFestival.End, SpringFestival.End - Duration.Epsilon, Windows[1].Window.Start, Windows[1].Window.End,
        Instant.FromUtc(2026, 2, 16, 12, 0), Instant.FromUtc(2026, 2, 16, 14, 0), Instant.FromUtc(2026, 2, 16, 14, 0) - Duration.Epsilon,
        Instant.FromUtc(2026, 2, 17, 4, 0), Instant.FromUtc(2026, 2, 16, 9, 0), Instant.FromUtc(2026, 2, 16, 15, 0),
    ];

    private static readonly Period[] Periods = [Period.FromDays(1), Period.FromDays(30), Period.FromMonths(1), Period.FromHours(12)];

    public static Arbitrary<EligibilityRule> Rules { get; } = Rule(3).ToArbitrary();

    public static Arbitrary<Claim> Claims { get; } = Claim().ToArbitrary();

    public static Arbitrary<(EligibilityRule Rule, Claim Claim)> RuleAndClaim { get; } =
        Rule(3).Zip(Claim()).ToArbitrary();

    /// <summary>A window rule over one of the schedules (plain, slots, participant-local) and a claim often on its edges.</summary>
    public static Arbitrary<(EligibilityRule Rule, Claim Claim)> WindowAndClaim { get; } =
        Gen.Elements(Windows).Select(w => (EligibilityRule)EligibilityRule.Window(w)).Zip(Claim()).ToArbitrary();

    public static Arbitrary<(EligibilityRule A, EligibilityRule B, EligibilityRule C, Claim Claim)> ThreeRulesAndClaim { get; } =
        (from a in Rule(2) from b in Rule(2) from c in Rule(2) from claim in Claim() select (a, b, c, claim)).ToArbitrary();

    public static Gen<EligibilityRule> Rule(int depth)
    {
        var leaf = Leaf();
        if (depth == 0)
        {
            return leaf;
        }

        var children = Gen.Choose(1, 3).SelectMany(n => Rule(depth - 1).ArrayOf(n));
        return Gen.Frequency(
            (4, leaf),
            (1, children.Select(rules => (EligibilityRule)EligibilityRule.AllOf(rules))),
            (1, children.Select(rules => (EligibilityRule)EligibilityRule.AnyOf(rules))),
            (1, Rule(depth - 1).Select(rule => (EligibilityRule)EligibilityRule.Not(rule))));
    }

    public static Gen<EligibilityRule> Leaf() => Gen.OneOf(
        Gen.Elements(Windows).Select(w => (EligibilityRule)EligibilityRule.Window(w)),
        Some(Channels).Select(v => (EligibilityRule)EligibilityRule.Channel(v)),
        Some(Categories).Select(v => (EligibilityRule)EligibilityRule.Category(v)),
        Some(Regions).Select(v => (EligibilityRule)EligibilityRule.Region(v)),
        Some(Segments).Select(v => (EligibilityRule)EligibilityRule.HasSegment(v)),
        Some(Segments).Select(v => (EligibilityRule)EligibilityRule.LacksSegment(v)),
        from fen in Gen.Choose(0, 20_000)
        from convert in Gen.Elements(true, false)
        select (EligibilityRule)EligibilityRule.MinOrderAmount(Money.FromMinorUnits(fen, Currency.CNY), convert ? UsdToCny : null),
        from within in Gen.Elements(Periods).OrNull()
        from zone in Gen.Elements(Shanghai, NewYork).OrNull()
        select (EligibilityRule)EligibilityRule.NewParticipant(within, zone),
        from minimum in Gen.Elements(Periods)
        from zone in Gen.Elements(Shanghai, NewYork).OrNull()
        select (EligibilityRule)EligibilityRule.AccountAge(minimum, zone),
        Gen.Elements(
            AttributeRule.Equal("tier", "gold"),
            AttributeRule.NotEqual("tier", "silver"),
            AttributeRule.In("tier", "gold", "silver"),
            AttributeRule.Exists("tier"),
            AttributeRule.Compare("orders", AttributeOperator.GreaterThan, 2m),
            AttributeRule.Compare("orders", AttributeOperator.GreaterThanOrEqual, 2m),
            AttributeRule.Compare("orders", AttributeOperator.LessThan, 0.5m),
            AttributeRule.Compare("orders", AttributeOperator.LessThanOrEqual, -1.5m)).Select(r => (EligibilityRule)r),
        Gen.Elements<EligibilityRule>(EvenMinute, HasMerchant));

    public static Gen<Claim> Claim() =>
        from participant in Participant()
        from minutes in Gen.Choose(0, 18 * 24 * 60)
        from boundary in Gen.Elements(Boundaries)
        from channel in Gen.Elements(Channels)
        from category in Gen.Elements(Categories).OrNull()
        from fen in Gen.Choose(0, 20_000)
        from currency in Gen.Elements(Currency.CNY, Currency.CNY, Currency.USD, Currency.EUR)
        from hasOrder in Gen.Frequency((5, Gen.Constant(true)), (1, Gen.Constant(false)))
        from merchant in Gen.Elements("m-1", null)
        from tier in Gen.Elements(Tiers).OrNull()
        from orders in Gen.Elements(Counts).OrNull()
        select new Claim(participant, boundary ?? Origin + Duration.FromMinutes(minutes), channel)
        {
            Category = category,
            OrderAmount = hasOrder ? Money.FromMinorUnits(fen, currency) : null,
            MerchantId = merchant,
            Attributes = Attributes(tier, orders),
        };

    private static Gen<Participant> Participant() =>
        from region in Gen.Elements(Regions).OrNull()
        from segments in Gen.SubListOf(Segments)
        from signedUpMinutes in Gen.Frequency(
            (4, Gen.Choose(-90 * 24 * 60, 18 * 24 * 60).Select(m => (int?)m)), (1, Gen.Constant((int?)null)))
        from isNew in Gen.Elements<bool?>(null, null, true, false)
        from zone in Gen.Elements(Shanghai, NewYork, Vancouver, Sydney).OrNull()
        select new Participant("u-1")
        {
            Region = region,
            Segments = segments.ToArray(),
            SignedUpAt = signedUpMinutes is { } m ? Origin + Duration.FromMinutes(m) : null,
            IsNew = isNew,
            HomeZone = zone,
        };

    private static Gen<string[]> Some(string[] values) => Gen.Elements(values).NonEmptyListOf().Select(list => list.ToArray());

    private static Dictionary<string, string> Attributes(string? tier, string? orders)
    {
        var attributes = new Dictionary<string, string>();
        if (tier is not null)
        {
            attributes["tier"] = tier;
        }

        if (orders is not null)
        {
            attributes["orders"] = orders;
        }

        return attributes;
    }

    private static bool Convert(Money amount, Currency target, out Money converted)
    {
        if (amount.Currency == Currency.USD && target == Currency.CNY)
        {
            converted = Money.FromMinorUnits(amount.MinorUnits, Currency.CNY).Multiply(7.20m, MidpointRounding.ToZero);
            return true;
        }

        converted = default;
        return false;
    }
}
