using System;
using System.Collections.Generic;
using Incentives.Claims;
using NodaTime;

namespace Incentives.Tests.Claims;

public sealed class ClaimTests
{
    private static readonly Instant At = Instant.FromUtc(2026, 2, 15, 4, 0);

    [Fact]
    public void A_claim_carries_everything_a_rule_may_ask()
    {
        // docs/eligibility.md "The claim context" is copied from here.
        var participant = new Participant("u-42")
        {
            Region = "CN",
            Segments = ["vip", "new"],
            SignedUpAt = Instant.FromUtc(2026, 2, 1, 2, 0),
            HomeZone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"],
        };
        var claim = new Claim(participant, Instant.FromUtc(2026, 2, 15, 12, 0), "marketplace")
        {
            Category = "food",
            OrderAmount = Money.FromDecimal(88.00m, Currency.CNY),
            MerchantId = "m-1001",
            Attributes = new Dictionary<string, string> { ["deviceTrust"] = "high" },
        };

        Assert.Equal("u-42", claim.Participant.Id);
        Assert.True(claim.Participant.HasSegment("vip"));
        Assert.False(claim.Participant.HasSegment("VIP"));
        Assert.Equal(Money.FromMinorUnits(8800, Currency.CNY), claim.OrderAmount);
        Assert.True(claim.TryGetAttribute("deviceTrust", out var trust));
        Assert.Equal("high", trust);
    }

    [Fact]
    public void Attributes_are_copied_so_later_changes_to_the_source_do_not_leak_in()
    {
        var source = new Dictionary<string, string> { ["tier"] = "gold" };
        var claim = new Claim(new Participant("u-1"), At, "web") { Attributes = source };

        source["tier"] = "silver";

        Assert.Equal("gold", claim.Attributes["tier"]);
        Assert.Throws<NotSupportedException>(() => ((IDictionary<string, string>)claim.Attributes)["tier"] = "bronze");
    }

    [Fact]
    public void Segments_are_distinct_in_the_order_first_given()
    {
        var participant = new Participant("u-1") { Segments = ["vip", "new", "vip"] };

        Assert.Equal(["vip", "new"], participant.Segments);
    }

    [Fact]
    public void Defaults_are_empty_or_unknown()
    {
        var claim = new Claim(new Participant("u-1"), At, "web");

        Assert.Null(claim.Category);
        Assert.Null(claim.OrderAmount);
        Assert.Null(claim.MerchantId);
        Assert.Empty(claim.Attributes);
        Assert.Empty(claim.Participant.Segments);
        Assert.Null(claim.Participant.Region);
        Assert.Null(claim.Participant.IsNew);
        Assert.Null(claim.Participant.SignedUpAt);
        Assert.Null(claim.Participant.HomeZone);
    }

    [Fact]
    public void Guards_reject_missing_or_blank_values_with_the_parameter_name()
    {
        Assert.Equal("id", Assert.Throws<ArgumentException>(() => new Participant(" ")).ParamName);
        Assert.Equal("participant", Assert.Throws<ArgumentNullException>(() => new Claim(null!, At, "web")).ParamName);
        Assert.Equal("channel", Assert.Throws<ArgumentException>(() => new Claim(new Participant("u-1"), At, "")).ParamName);
        Assert.Equal("Category", Assert.Throws<ArgumentException>(() => new Claim(new Participant("u-1"), At, "web") { Category = "" }).ParamName);
        Assert.Equal("Region", Assert.Throws<ArgumentException>(() => new Participant("u-1") { Region = " " }).ParamName);
        Assert.Equal("Segments", Assert.Throws<ArgumentException>(() => new Participant("u-1") { Segments = ["vip", ""] }).ParamName);
        Assert.Equal("Attributes", Assert.Throws<ArgumentException>(
            () => new Claim(new Participant("u-1"), At, "web") { Attributes = new Dictionary<string, string> { [" "] = "x" } }).ParamName);
    }
}
