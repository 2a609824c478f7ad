using System;
using Incentives.Time;
using Incentives.Time.Holidays;
using NodaTime;
using NodaTime.Text;

namespace Incentives.Tests.Time;

public sealed class HolidayCalendarTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];

    [Theory]
    // 国办发明电〔2023〕7号 (2023-10-25): 春节 2月10日至17日放假调休, 共8天.
    [InlineData(2024, "2024-02-10", "2024-02-17", 8, "国办发明电〔2023〕7号")]
    // 国办发明电〔2024〕12号 (2024-11-12): 春节 1月28日至2月4日放假调休, 共8天.
    [InlineData(2025, "2025-01-28", "2025-02-04", 8, "国办发明电〔2024〕12号")]
    // State Council General Office notice of 2025-11-04 (Xinhua): 春节 2月15日至23日放假调休, 共9天.
    [InlineData(2026, "2026-02-15", "2026-02-23", 9, "国办发明电〔2025〕7号")]
    public void PRC_Spring_Festival_periods_match_the_State_Council_notices(int year, string first, string last, int days, string document)
    {
        Assert.True(PrcHolidayCalendars.SpringFestival.TryGetPeriod(year, out var period));

        Assert.Equal(LocalDatePattern.Iso.Parse(first).Value, period.FirstDay);
        Assert.Equal(LocalDatePattern.Iso.Parse(last).Value, period.LastDay);
        Assert.Equal(days, period.DayCount);
        Assert.Contains(document, period.Source, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2023)]
    [InlineData(2027)]
    public void An_unannounced_or_unverified_year_is_unknown_not_guessed(int year)
    {
        Assert.False(PrcHolidayCalendars.SpringFestival.TryGetPeriod(year, out var period));
        Assert.Null(period);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => CampaignWindows.SpringFestivalHoliday(year, Shanghai));
        Assert.Contains("known years: 2024, 2025, 2026", e.Message, StringComparison.Ordinal);
        Assert.False(CampaignWindows.TryHoliday(PrcHolidayCalendars.SpringFestival, year, Shanghai, out _));
    }

    [Fact]
    public void Spring_Festival_holiday_2026_window_is_the_nine_days_in_Shanghai()
    {
        var window = CampaignWindows.SpringFestivalHoliday(2026, Shanghai);

        Assert.Equal(Instant.FromUtc(2026, 2, 14, 16, 0), window.Start);
        Assert.Equal(Instant.FromUtc(2026, 2, 23, 16, 0), window.End);
        Assert.Equal(9, window.Days.Count);
    }

    [Fact]
    public void Users_can_supply_their_own_calendar()
    {
        var company = new HolidayCalendar(
            "Contoso winter shutdown",
            [new HolidayPeriod("Shutdown 2026", new LocalDate(2026, 12, 24), new LocalDate(2027, 1, 1), "HR memo 2026-07")]);

        var window = CampaignWindows.Holiday(company, 2026, DateTimeZoneProviders.Tzdb["Europe/London"]);

        Assert.Equal(9, window.Days.Count);
        Assert.Equal([2026], company.KnownYears);
        Assert.True(company.TryGetPeriod(2026, out var period));
        Assert.Equal("Shutdown 2026: 2026-12-24..2027-01-01 (9 days)", period.ToString());
        Assert.Throws<ArgumentException>(() => new HolidayCalendar("dup", [period, period]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HolidayPeriod("bad", new LocalDate(2026, 1, 2), new LocalDate(2026, 1, 1), "x"));
    }

    [Fact]
    public void Lunar_New_Year_season_runs_from_the_Eve_to_the_Lantern_Festival()
    {
        var season = CampaignWindows.LunarNewYearSeason(2026, Shanghai);

        Assert.Equal(new LocalDate(2026, 2, 16), season.Days[0].Date);
        Assert.Equal(new LocalDate(2026, 3, 3), season.Days[^1].Date);
        Assert.Equal(16, season.Days.Count);
    }
}
