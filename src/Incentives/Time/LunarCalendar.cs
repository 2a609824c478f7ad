using System;
using System.Globalization;
using NodaTime;

namespace Incentives.Time;

/// <summary>
/// Gregorian dates of the Chinese lunisolar calendar's festivals (Lunar New Year, its Eve, the Lantern Festival), computed with
/// <see cref="ChineseLunisolarCalendar"/>, for lunar years <see cref="MinYear"/> to <see cref="MaxYear"/>.
/// </summary>
/// <remarks>
/// These are astronomical calendar dates, not public holidays: official holiday periods are announced each year and live in
/// <see cref="Holidays.IHolidayCalendar"/>.
/// </remarks>
/// <threadsafety>All members are thread-safe.</threadsafety>
public static class LunarCalendar
{
    /// <summary>The first supported lunar year (1901, the range of <see cref="ChineseLunisolarCalendar"/>).</summary>
    public const int MinYear = 1901;

    /// <summary>The last supported lunar year (2100, the range of <see cref="ChineseLunisolarCalendar"/>).</summary>
    public const int MaxYear = 2100;

    private static readonly ChineseLunisolarCalendar Calendar = new();

    /// <summary>Gets the Gregorian date of Lunar New Year's Day (正月初一, first day of the first month) of <paramref name="year"/>.</summary>
    /// <param name="year">The Gregorian year, from <see cref="MinYear"/> to <see cref="MaxYear"/>.</param>
    /// <returns>The date, e.g. 2026-02-17 for 2026.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="year"/> is outside 1901-2100.</exception>
    public static LocalDate NewYear(int year) => ToGregorian(new ChineseLunarDate(CheckYear(year), 1, 1, false));

    /// <summary>Gets the Gregorian date of Lunar New Year's Eve (除夕): the day before Lunar New Year's Day of <paramref name="year"/>.</summary>
    /// <param name="year">The Gregorian year of the New Year that follows the Eve, from <see cref="MinYear"/> to <see cref="MaxYear"/>.</param>
    /// <returns>The date, e.g. 2026-02-16 for 2026.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="year"/> is outside 1901-2100.</exception>
    public static LocalDate NewYearsEve(int year) => NewYear(year).PlusDays(-1);

    /// <summary>Gets the Gregorian date of the Lantern Festival (元宵, 15th day of the first month) of <paramref name="year"/>.</summary>
    /// <param name="year">The Gregorian year, from <see cref="MinYear"/> to <see cref="MaxYear"/>.</param>
    /// <returns>The date, e.g. 2026-03-03 for 2026.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="year"/> is outside 1901-2100.</exception>
    public static LocalDate LanternFestival(int year) => ToGregorian(new ChineseLunarDate(CheckYear(year), 1, 15, false));

    /// <summary>Converts a Chinese lunar date to its Gregorian date, handling the numbering of leap months.</summary>
    /// <param name="date">The lunar date.</param>
    /// <returns>The Gregorian date.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside 1901-2100, the month is not 1-12, the leap month does not exist that year, or the day does not exist in the month.</exception>
    public static LocalDate ToGregorian(ChineseLunarDate date)
    {
        CheckYear(date.Year, nameof(date));
        if (date.Month is < 1 or > 12)
        {
            throw new ArgumentOutOfRangeException(nameof(date), date, "A lunar month is numbered 1 to 12.");
        }

        // .NET numbers the months of a leap year 1..13 by position; the leap month sits at position GetLeapMonth and repeats the
        // number of the month before it.
        var leap = Calendar.GetLeapMonth(date.Year);
        int position;
        if (date.IsLeapMonth)
        {
            if (leap == 0 || leap - 1 != date.Month)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(date),
                    date,
                    leap == 0
                        ? string.Create(CultureInfo.InvariantCulture, $"Lunar year {date.Year} has no leap month.")
                        : string.Create(CultureInfo.InvariantCulture, $"The leap month of lunar year {date.Year} repeats month {leap - 1}, not month {date.Month}."));
            }

            position = leap;
        }
        else
        {
            position = leap != 0 && date.Month >= leap ? date.Month + 1 : date.Month;
        }

        var days = Calendar.GetDaysInMonth(date.Year, position);
        if (date.Day < 1 || date.Day > days)
        {
            throw new ArgumentOutOfRangeException(
                nameof(date), date, string.Create(CultureInfo.InvariantCulture, $"That lunar month has {days} days."));
        }

        return LocalDate.FromDateTime(Calendar.ToDateTime(date.Year, position, date.Day, 0, 0, 0, 0));
    }

    /// <summary>Converts a Gregorian date to its Chinese lunar date.</summary>
    /// <param name="date">The Gregorian date, from 1901-02-19 (lunar 1901-01-01) to 2101-01-28 (the last day of lunar 2100).</param>
    /// <returns>The lunar date, with the leap month flagged.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="date"/> is outside the supported range.</exception>
    public static ChineseLunarDate FromGregorian(LocalDate date)
    {
        var dateTime = date.ToDateTimeUnspecified();
        if (dateTime < Calendar.MinSupportedDateTime || dateTime > Calendar.MaxSupportedDateTime)
        {
            throw new ArgumentOutOfRangeException(
                nameof(date), date, "Lunar dates are supported from 1901-02-19 to 2101-01-28 (lunar years 1901 to 2100), the range of System.Globalization.ChineseLunisolarCalendar.");
        }

        var year = Calendar.GetYear(dateTime);
        var position = Calendar.GetMonth(dateTime);
        var leap = Calendar.GetLeapMonth(year);
        var isLeap = leap != 0 && position == leap;
        var month = leap != 0 && position >= leap ? position - 1 : position;
        return new ChineseLunarDate(year, month, Calendar.GetDayOfMonth(dateTime), isLeap);
    }

    private static int CheckYear(int year, string paramName = "year")
    {
        if (year is < MinYear or > MaxYear)
        {
            throw new ArgumentOutOfRangeException(
                paramName,
                year,
                string.Create(CultureInfo.InvariantCulture, $"Lunar dates are supported for years {MinYear} to {MaxYear} (the range of System.Globalization.ChineseLunisolarCalendar); got {year}."));
        }

        return year;
    }
}
