using Incentives.Claims;
using Incentives.Eligibility;
using Incentives.Eligibility.Json;
using Incentives.Time;
using NodaTime;

namespace Incentives.Tests.Eligibility;

/// <summary>The Spring Festival 2026 rule of the domain guide, built in code and in JSON, and claims around it.</summary>
internal static class SpringFestival
{
    public static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    // The nine days from 15 February 2026 in Asia/Shanghai (UTC+8): [2026-02-14T16:00Z, 2026-02-23T16:00Z).
    public static readonly Instant FirstInstant = Instant.FromUtc(2026, 2, 14, 16, 0);
    public static readonly Instant EndInstant = Instant.FromUtc(2026, 2, 23, 16, 0);

    // docs/eligibility.md "Building a rule in code" is copied from here.
    public static readonly EligibilityRule Rule = EligibilityRule.AllOf(
        EligibilityRule.Window(CampaignWindow.Create(
            new LocalDateTime(2026, 2, 15, 0, 0), new LocalDateTime(2026, 2, 24, 0, 0), Shanghai)),
        EligibilityRule.Channel("marketplace", "payments", "travel"),
        EligibilityRule.Category("food", "entertainment", "leisure"),
        EligibilityRule.MinOrderAmount(Money.FromDecimal(50.00m, Currency.CNY)),
        EligibilityRule.Not(EligibilityRule.HasSegment("blocked")));

    // docs/eligibility.md "The same rule in JSON" is copied from here.
    public const string Json = """
        {
          "type": "allOf",
          "rules": [
            { "type": "window", "zone": "Asia/Shanghai", "start": "2026-02-15T00:00", "end": "2026-02-24T00:00" },
            { "type": "channel", "channels": ["marketplace", "payments", "travel"] },
            { "type": "category", "categories": ["food", "entertainment", "leisure"] },
            { "type": "minOrderAmount", "minimum": { "amount": "50.00", "currency": "CNY" } },
            { "type": "not", "rule": { "type": "hasSegment", "segments": ["blocked"] } }
          ]
        }
        """;

    public static readonly EligibilityEvaluator Evaluator = Rule.Compile();

    /// <summary>An eligible claim (first day, 20:00 Shanghai, marketplace, food, 88.00 CNY), with one thing changed.</summary>
    public static Claim Claim(
        Instant? at = null,
        string channel = "marketplace",
        string? category = "food",
        Money? order = null,
        bool noOrder = false,
        params string[] segments) =>
        new(new Participant("u-1") { Region = "CN", Segments = segments }, at ?? Instant.FromUtc(2026, 2, 15, 12, 0), channel)
        {
            Category = category,
            OrderAmount = noOrder ? null : order ?? Money.FromDecimal(88.00m, Currency.CNY),
        };

    public static EligibilityRuleLoadOptions NoOptions => EligibilityRuleLoadOptions.Default;
}
