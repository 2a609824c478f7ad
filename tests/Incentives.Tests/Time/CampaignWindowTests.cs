using System;
using System.Linq;
using Incentives.Time;
using NodaTime;

namespace Incentives.Tests.Time;

public sealed class CampaignWindowTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Fact]
    public void Spring_Festival_2026_window_is_2026_02_14T16Z_to_2026_02_23T16Z()
    {
        // The worked example: nine days from 2026-02-15 in Asia/Shanghai (UTC+8, no DST), per the State Council's
        // 2026 holiday notice (2月15日至23日, 共9天).
        var window = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, Shanghai);

        Assert.Equal(Instant.FromUtc(2026, 2, 14, 16, 0), window.Start);
        Assert.Equal(Instant.FromUtc(2026, 2, 23, 16, 0), window.End);
        Assert.Equal(Duration.FromDays(9), window.Duration);
        Assert.Equal(9, window.Days.Count);
        Assert.Equal(new LocalDate(2026, 2, 23), window.Days[8].Date);
        Assert.Equal("Asia/Shanghai [2026-02-15T00:00:00+08:00, 2026-02-24T00:00:00+08:00)", window.ToString());
    }

    [Fact]
    public void A_window_can_be_created_from_a_zone_id_a_period_or_an_interval()
    {
        var byId = CampaignWindow.Create(new LocalDateTime(2026, 2, 15, 0, 0), new LocalDateTime(2026, 2, 24, 0, 0), "Asia/Shanghai");
        var byPeriod = CampaignWindow.ForPeriod(new LocalDateTime(2026, 2, 15, 0, 0), Period.FromDays(9), Shanghai);
        var byInterval = CampaignWindow.FromInterval(new Interval(Instant.FromUtc(2026, 2, 14, 16, 0), Instant.FromUtc(2026, 2, 23, 16, 0)), Shanghai);
        var byDays = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, "Asia/Shanghai");

        Assert.Equal(byDays, byId);
        Assert.Equal(byDays, byPeriod);
        Assert.Equal(byDays, byInterval);
        Assert.True(byDays == byInterval);
        Assert.Equal(byDays.GetHashCode(), byInterval.GetHashCode());
    }

    [Fact]
    public void Unknown_zone_id_is_rejected_with_a_message_naming_it()
    {
        var e = Assert.Throws<ArgumentException>(() => CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, "Asia/Beijing"));

        Assert.Equal("zoneId", e.ParamName);
        Assert.Contains("'Asia/Beijing'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_window_whose_end_is_not_after_its_start_is_rejected()
    {
        var start = new LocalDateTime(2026, 2, 15, 0, 0);

        Assert.Equal("end", Assert.Throws<ArgumentOutOfRangeException>(() => CampaignWindow.Create(start, start, Shanghai)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => CampaignWindow.Create(start, start.PlusHours(-1), Shanghai));
        Assert.Equal("period", Assert.Throws<ArgumentOutOfRangeException>(() => CampaignWindow.ForPeriod(start, Period.Zero, Shanghai)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => CampaignWindow.ForDays(start.Date, 0, Shanghai));
        Assert.Throws<ArgumentException>(() => CampaignWindow.FromInterval(new Interval(null, Instant.FromUtc(2026, 1, 1, 0, 0)), Shanghai));
    }

    [Fact]
    public void New_York_campaign_days_last_23_hours_on_2026_03_08_and_25_hours_on_2026_11_01()
    {
        // US DST (Energy Policy Act of 2005): starts the second Sunday of March (2026-03-08), ends the first Sunday of November (2026-11-01).
        var spring = CampaignWindow.ForDays(new LocalDate(2026, 3, 7), 3, NewYork);
        var autumn = CampaignWindow.ForDays(new LocalDate(2026, 10, 31), 3, NewYork);

        Assert.Equal(new LocalDate(2026, 3, 8), spring.Days[1].Date);
        Assert.Equal(Duration.FromHours(23), spring.Days[1].Duration);
        Assert.Equal(new LocalDate(2026, 11, 1), autumn.Days[1].Date);
        Assert.Equal(Duration.FromHours(25), autumn.Days[1].Duration);
        Assert.Equal(Duration.FromHours(24), autumn.Days[0].Duration);
        Assert.Equal(Duration.FromHours(72 - 1), spring.Duration);
    }

    [Fact]
    public void A_skipped_local_date_has_no_campaign_day()
    {
        // Samoa moved west of the date line and skipped Friday 2011-12-30 (TZDB Pacific/Apia: 2011-12-29T24:00 -10 became 2011-12-31T00:00 +14).
        var window = CampaignWindow.ForDays(new LocalDate(2011, 12, 29), 3, DateTimeZoneProviders.Tzdb["Pacific/Apia"]);

        Assert.Equal([new LocalDate(2011, 12, 29), new LocalDate(2011, 12, 31)], window.Days.Select(d => d.Date).ToArray());
        Assert.Equal([1, 2], window.Days.Select(d => d.Number).ToArray());
        Assert.Equal(Duration.FromHours(48), window.Duration);
    }

    [Fact]
    public void An_instant_maps_to_its_campaign_day_number_and_local_date()
    {
        var window = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, Shanghai);

        // 2026-02-17T03:00Z is 11:00 on 2026-02-17 in Shanghai: day 3 (Lunar New Year's Day).
        Assert.True(window.TryGetDay(Instant.FromUtc(2026, 2, 17, 3, 0), out var day));
        Assert.Equal(3, day.Number);
        Assert.Equal(new LocalDate(2026, 2, 17), day.Date);
        Assert.Equal("Day 3 (2026-02-17)", day.ToString());
        Assert.True(window.TryGetDay(Instant.FromUtc(2026, 2, 14, 16, 0), out var first));
        Assert.Equal(1, first.Number);
        Assert.False(window.TryGetDay(Instant.FromUtc(2026, 2, 23, 16, 0), out _));
    }

    [Fact]
    public void Partial_first_and_last_days_are_clipped_to_the_window()
    {
        var window = CampaignWindow.Create(new LocalDateTime(2026, 2, 16, 20, 0), new LocalDateTime(2026, 2, 17, 2, 0), Shanghai);

        Assert.Equal(2, window.Days.Count);
        Assert.Equal(Duration.FromHours(4), window.Days[0].Duration);
        Assert.Equal(Duration.FromHours(2), window.Days[1].Duration);
    }

    [Fact]
    public void Default_policy_rejects_a_start_in_the_spring_forward_gap_naming_the_time_and_zone()
    {
        // 2026-03-08 02:00-03:00 does not exist in New York.
        var e = Assert.Throws<DstResolutionException>(
            () => CampaignWindow.Create(new LocalDateTime(2026, 3, 8, 2, 30), new LocalDateTime(2026, 3, 9, 0, 0), NewYork));

        Assert.Equal(DstResolutionKind.Skipped, e.Kind);
        Assert.Equal("start", e.ParamName);
        Assert.Equal("America/New_York", e.ZoneId);
        Assert.Contains("2026-03-08T02:30:00", e.Message, StringComparison.Ordinal);
        Assert.Contains("America/New_York", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_policy_rejects_an_end_in_the_fall_back_overlap()
    {
        // 2026-11-01 01:00-02:00 happens twice in New York.
        var e = Assert.Throws<DstResolutionException>(
            () => CampaignWindow.Create(new LocalDateTime(2026, 10, 31, 0, 0), new LocalDateTime(2026, 11, 1, 1, 30), NewYork));

        Assert.Equal(DstResolutionKind.Ambiguous, e.Kind);
        Assert.Equal("end", e.ParamName);
        Assert.Contains("2026-11-01T01:30:00", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(SkippedTimeResolution.EndOfGap, 7, 0)] // 03:00 EDT (UTC-4)
    [InlineData(SkippedTimeResolution.ShiftForward, 7, 30)] // 03:30 EDT
    public void Opt_in_policies_resolve_the_gap(SkippedTimeResolution resolution, int utcHour, int utcMinute)
    {
        var policy = DstPolicy.Create(resolution, AmbiguousTimeResolution.Reject);

        var window = CampaignWindow.Create(new LocalDateTime(2026, 3, 8, 2, 30), new LocalDateTime(2026, 3, 9, 0, 0), NewYork, policy);

        Assert.Equal(Instant.FromUtc(2026, 3, 8, utcHour, utcMinute), window.Start);
        Assert.Equal(new LocalDateTime(2026, 3, 8, 2, 30), window.LocalStart);
    }

    [Theory]
    [InlineData(AmbiguousTimeResolution.EarlierOffset, 5)] // 01:30 EDT (UTC-4)
    [InlineData(AmbiguousTimeResolution.LaterOffset, 6)] // 01:30 EST (UTC-5)
    public void Opt_in_policies_resolve_the_overlap(AmbiguousTimeResolution resolution, int utcHour)
    {
        var policy = DstPolicy.Create(SkippedTimeResolution.Reject, resolution);

        var window = CampaignWindow.Create(new LocalDateTime(2026, 11, 1, 1, 30), new LocalDateTime(2026, 11, 2, 0, 0), NewYork, policy);

        Assert.Equal(Instant.FromUtc(2026, 11, 1, utcHour, 30), window.Start);
    }

    [Fact]
    public void Contains_is_half_open()
    {
        var window = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, Shanghai);

        Assert.True(window.Contains(window.Start));
        Assert.False(window.Contains(window.Start - Duration.Epsilon));
        Assert.True(window.Contains(window.End - Duration.Epsilon));
        Assert.False(window.Contains(window.End));
    }

    [Fact]
    public void Intersection_of_overlapping_windows_is_their_common_instants_and_disjoint_windows_have_none()
    {
        var holiday = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, Shanghai);
        var eveNight = CampaignWindow.Create(new LocalDateTime(2026, 2, 16, 20, 0), new LocalDateTime(2026, 2, 17, 2, 0), Shanghai);
        var later = CampaignWindow.ForDays(new LocalDate(2026, 3, 1), 1, Shanghai);

        Assert.Equal(eveNight, holiday.Intersect(eveNight));
        Assert.True(holiday.Overlaps(eveNight));
        Assert.False(holiday.Overlaps(later));
        Assert.Null(holiday.Intersect(later));
    }
}
