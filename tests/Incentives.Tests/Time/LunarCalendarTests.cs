using System;
using Incentives.Time;
using NodaTime;

namespace Incentives.Tests.Time;

public sealed class LunarCalendarTests
{
    // 2024 and 2025: the State Council holiday notices name the Eve (2024: 除夕 2月9日; 2025: 1月28日 农历除夕), so New Year is the day after.
    // 2026: the State Council 2026 notice (2月15日 腊月二十八 ... 2月23日 正月初七) puts 正月初一 on 2026-02-17.
    // 2027-2045: the table "Lunar New Year Dates (2026-2045)", https://weeksfromtoday.com/lunar-new-year-dates/.
    [Theory]
    [InlineData(2024, 2, 10)]
    [InlineData(2025, 1, 29)]
    [InlineData(2026, 2, 17)]
    [InlineData(2027, 2, 6)]
    [InlineData(2028, 1, 26)]
    [InlineData(2029, 2, 13)]
    [InlineData(2030, 2, 3)]
    [InlineData(2031, 1, 23)]
    [InlineData(2032, 2, 11)]
    [InlineData(2033, 1, 31)]
    [InlineData(2034, 2, 19)]
    [InlineData(2035, 2, 8)]
    [InlineData(2036, 1, 28)]
    [InlineData(2037, 2, 15)]
    [InlineData(2038, 2, 4)]
    [InlineData(2039, 1, 24)]
    [InlineData(2040, 2, 12)]
    [InlineData(2041, 2, 1)]
    [InlineData(2042, 1, 22)]
    [InlineData(2043, 2, 10)]
    [InlineData(2044, 1, 30)]
    [InlineData(2045, 2, 17)]
    public void Lunar_New_Year_matches_the_published_table(int year, int month, int day)
    {
        Assert.Equal(new LocalDate(year, month, day), LunarCalendar.NewYear(year));
        Assert.Equal(new LocalDate(year, month, day).PlusDays(-1), LunarCalendar.NewYearsEve(year));
    }

    [Fact]
    public void The_2026_Eve_and_Lantern_Festival()
    {
        // Eve: the day before 正月初一 (2026-02-17); Lantern Festival: 正月十五, 14 days later.
        Assert.Equal(new LocalDate(2026, 2, 16), LunarCalendar.NewYearsEve(2026));
        Assert.Equal(new LocalDate(2026, 3, 3), LunarCalendar.LanternFestival(2026));
        Assert.Equal(new ChineseLunarDate(2026, 1, 15, false), LunarCalendar.FromGregorian(new LocalDate(2026, 3, 3)));
    }

    [Fact]
    public void Months_after_a_leap_month_keep_their_names()
    {
        // Xinhua, 2025-10-06: "10月6日,农历八月十五,中秋节" after the 闰六月 of 2025; and the Mid-Autumn Festival of 2028 falls on 10月3日.
        // .NET numbers the 2025 months by position (the leap month is position 7), so a naive ToDateTime(2025, 8, 15) would be wrong.
        Assert.Equal(new LocalDate(2025, 10, 6), LunarCalendar.ToGregorian(new ChineseLunarDate(2025, 8, 15, false)));
        Assert.Equal(new LocalDate(2028, 10, 3), LunarCalendar.ToGregorian(new ChineseLunarDate(2028, 8, 15, false)));
        Assert.Equal(new ChineseLunarDate(2025, 8, 15, false), LunarCalendar.FromGregorian(new LocalDate(2025, 10, 6)));

        var leapSixth = LunarCalendar.ToGregorian(new ChineseLunarDate(2025, 6, 1, true));
        Assert.Equal(new ChineseLunarDate(2025, 6, 1, true), LunarCalendar.FromGregorian(leapSixth));
        Assert.True(leapSixth > LunarCalendar.ToGregorian(new ChineseLunarDate(2025, 6, 1, false)));
        Assert.True(leapSixth < LunarCalendar.ToGregorian(new ChineseLunarDate(2025, 7, 1, false)));
        Assert.Equal("2025-L06-01", new ChineseLunarDate(2025, 6, 1, true).ToString());
    }

    [Fact]
    public void A_leap_month_that_does_not_exist_is_rejected()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LunarCalendar.ToGregorian(new ChineseLunarDate(2025, 5, 1, true)));

        Assert.Contains("repeats month 6", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarCalendar.ToGregorian(new ChineseLunarDate(2026, 1, 1, true)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarCalendar.ToGregorian(new ChineseLunarDate(2026, 13, 1, false)));
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarCalendar.ToGregorian(new ChineseLunarDate(2026, 1, 31, false)));
    }

    [Theory]
    [InlineData(1900)]
    [InlineData(2101)]
    public void Years_outside_1901_to_2100_are_rejected_with_the_range_in_the_message(int year)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => LunarCalendar.NewYear(year));

        Assert.Equal("year", e.ParamName);
        Assert.Contains("1901 to 2100", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarCalendar.LanternFestival(year));
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarCalendar.NewYearsEve(year));
    }

    [Fact]
    public void The_whole_supported_range_converts()
    {
        Assert.Equal(new LocalDate(1901, 2, 19), LunarCalendar.NewYear(LunarCalendar.MinYear));
        Assert.True(LunarCalendar.LanternFestival(LunarCalendar.MaxYear).Year == 2100);
        Assert.Throws<ArgumentOutOfRangeException>(() => LunarCalendar.FromGregorian(new LocalDate(1901, 2, 18)));
    }
}
