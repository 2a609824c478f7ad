using System;
using System.Globalization;
using NodaTime;

namespace Incentives.Time.Holidays;

/// <summary>
/// One official holiday period: consecutive local dates from <see cref="FirstDay"/> to <see cref="LastDay"/> (both inclusive),
/// with the source that announced it.
/// </summary>
/// <remarks>Equality is by value (name, dates and source).</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record HolidayPeriod
{
    /// <summary>Initializes a holiday period.</summary>
    /// <param name="name">A human name, e.g. <c>Spring Festival 2026</c>.</param>
    /// <param name="firstDay">The first day off (inclusive).</param>
    /// <param name="lastDay">The last day off (inclusive).</param>
    /// <param name="source">Where the period was announced (document number, publisher, date, address).</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> or <paramref name="source"/> is null or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lastDay"/> is before <paramref name="firstDay"/>.</exception>
    public HolidayPeriod(string name, LocalDate firstDay, LocalDate lastDay, string source)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(source);
        if (lastDay < firstDay)
        {
            throw new ArgumentOutOfRangeException(nameof(lastDay), lastDay, "The last day of a holiday period cannot be before its first day.");
        }

        Name = name;
        FirstDay = firstDay;
        LastDay = lastDay;
        Source = source;
    }

    /// <summary>Gets the human name.</summary>
    public string Name { get; }

    /// <summary>Gets the first day off (inclusive).</summary>
    public LocalDate FirstDay { get; }

    /// <summary>Gets the last day off (inclusive).</summary>
    public LocalDate LastDay { get; }

    /// <summary>Gets where the period was announced.</summary>
    public string Source { get; }

    /// <summary>Gets the number of days off.</summary>
    public int DayCount => Period.DaysBetween(FirstDay, LastDay) + 1;

    /// <summary>Returns whether <paramref name="date"/> is one of the days off.</summary>
    /// <param name="date">The local date.</param>
    /// <returns><see langword="true"/> when inside the period.</returns>
    public bool Contains(LocalDate date) => date >= FirstDay && date <= LastDay;

    /// <summary>Returns the period as a campaign window of whole local days in <paramref name="zone"/>.</summary>
    /// <param name="zone">The time zone (for PRC holidays, <c>Asia/Shanghai</c>).</param>
    /// <returns>The window from the start of <see cref="FirstDay"/> to the start of the day after <see cref="LastDay"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is <see langword="null"/>.</exception>
    public CampaignWindow ToWindow(DateTimeZone zone) => CampaignWindow.ForDays(FirstDay, DayCount, zone);

    /// <summary>Returns a culture-invariant description such as <c>Spring Festival 2026: 2026-02-15..2026-02-23 (9 days)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name}: {FirstDay:uuuu'-'MM'-'dd}..{LastDay:uuuu'-'MM'-'dd} ({DayCount} days)");
}
