using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Incentives.Time.Holidays;
using NodaTime;

namespace Incentives.Time;

/// <summary>Windows that read like the domain: official holiday periods and lunar festivals.</summary>
public static class CampaignWindows
{
    /// <summary>
    /// Gets the window of the Spring Festival public holiday of <paramref name="year"/>: its whole local days in <paramref name="zone"/>.
    /// For 2026 in Asia/Shanghai: 2026-02-15T00:00 to 2026-02-24T00:00, i.e. 2026-02-14T16:00Z to 2026-02-23T16:00Z.
    /// </summary>
    /// <param name="year">The year.</param>
    /// <param name="zone">The time zone (Asia/Shanghai for the PRC holiday).</param>
    /// <param name="calendar">The holiday calendar; <see langword="null"/> means <see cref="PrcHolidayCalendars.SpringFestival"/>.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The calendar does not know <paramref name="year"/> (the message lists the years it knows).</exception>
    public static CampaignWindow SpringFestivalHoliday(int year, DateTimeZone zone, IHolidayCalendar? calendar = null) =>
        Holiday(calendar ?? PrcHolidayCalendars.SpringFestival, year, zone);

    /// <summary>Gets the window of a holiday period of <paramref name="year"/> from <paramref name="calendar"/>.</summary>
    /// <param name="calendar">The holiday calendar.</param>
    /// <param name="year">The year.</param>
    /// <param name="zone">The time zone of the local days.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> or <paramref name="zone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The calendar does not know <paramref name="year"/>.</exception>
    public static CampaignWindow Holiday(IHolidayCalendar calendar, int year, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(zone);
        if (!TryHoliday(calendar, year, zone, out var window))
        {
            throw new ArgumentOutOfRangeException(
                nameof(year),
                year,
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"'{calendar.Name}' does not know {year} (known years: {string.Join(", ", calendar.KnownYears)}). Official holidays are announced, not computed: supply your own IHolidayCalendar."));
        }

        return window;
    }

    /// <summary>Gets the window of a holiday period of <paramref name="year"/>, or reports the year as unknown.</summary>
    /// <param name="calendar">The holiday calendar.</param>
    /// <param name="year">The year.</param>
    /// <param name="zone">The time zone of the local days.</param>
    /// <param name="window">The window when the year is known.</param>
    /// <returns><see langword="true"/> when the calendar knows the year.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> or <paramref name="zone"/> is <see langword="null"/>.</exception>
    public static bool TryHoliday(IHolidayCalendar calendar, int year, DateTimeZone zone, [NotNullWhen(true)] out CampaignWindow? window)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(zone);
        window = calendar.TryGetPeriod(year, out var period) ? period.ToWindow(zone) : null;
        return window is not null;
    }

    /// <summary>
    /// Gets the window from <paramref name="eveFrom"/> on Lunar New Year's Eve to <paramref name="newYearUntil"/> on Lunar New Year's Day of
    /// <paramref name="year"/>, e.g. "Eve 20:00 to New Year 02:00", read on the clock chosen by <paramref name="reference"/>.
    /// </summary>
    /// <param name="year">The year of the Lunar New Year (1901-2100).</param>
    /// <param name="eveFrom">The local time on the Eve at which the window opens.</param>
    /// <param name="newYearUntil">The local time on New Year's Day at which the window closes.</param>
    /// <param name="campaignZone">The campaign's zone (used for <see cref="WindowTimeReference.Campaign"/>, and as the home zone otherwise).</param>
    /// <param name="reference">Whose clock: <see cref="WindowTimeReference.Participant"/> for "local to each participant".</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="campaignZone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="year"/> is outside 1901-2100, or the reference is not defined.</exception>
    /// <exception cref="DstResolutionException">A local time is skipped or ambiguous in <paramref name="campaignZone"/>.</exception>
    public static CampaignWindow LunarNewYearsEveNight(
        int year, LocalTime eveFrom, LocalTime newYearUntil, DateTimeZone campaignZone, WindowTimeReference reference)
    {
        ArgumentNullException.ThrowIfNull(campaignZone);
        var newYear = LunarCalendar.NewYear(year);
        return CampaignWindow.Create(newYear.PlusDays(-1) + eveFrom, newYear + newYearUntil, campaignZone).WithTimeReference(reference);
    }

    /// <summary>Gets the window of whole local days from Lunar New Year's Eve to the Lantern Festival of <paramref name="year"/>, both inclusive.</summary>
    /// <param name="year">The year of the Lunar New Year (1901-2100).</param>
    /// <param name="zone">The time zone.</param>
    /// <returns>The window; for 2026, 2026-02-16 to 2026-03-03 inclusive (16 days).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="year"/> is outside 1901-2100.</exception>
    public static CampaignWindow LunarNewYearSeason(int year, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var eve = LunarCalendar.NewYearsEve(year);
        return CampaignWindow.ForDays(eve, Period.DaysBetween(eve, LunarCalendar.LanternFestival(year)) + 1, zone);
    }
}
