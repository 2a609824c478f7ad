using System;
using System.Collections.Generic;
using NodaTime;

namespace Incentives.Time;

/// <summary>
/// When a campaign is live: a half-open interval of instants, <c>[Start, End)</c>, defined by local date-times in
/// a time zone, with the zone kept so that the window can be divided into local calendar days.
/// </summary>
/// <remarks>
/// "The nine days from 15 February 2026 in Asia/Shanghai" is
/// <c>CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, shanghai)</c>: from 2026-02-14T16:00Z (inclusive)
/// to 2026-02-23T16:00Z (exclusive).
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class CampaignWindow : IEquatable<CampaignWindow>
{
    private readonly CampaignDay[] days;
    private readonly long[] dayStartTicks;

    private CampaignWindow(Instant start, Instant end, DateTimeZone zone)
    {
        if (end <= start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The window's end must be after its start ({start}).");
        }

        Start = start;
        End = end;
        Zone = zone;
        days = BuildDays(start, end, zone);
        dayStartTicks = Array.ConvertAll(days, d => d.Interval.Start.ToUnixTimeTicks());
    }

    /// <summary>Gets the first instant of the window (inclusive).</summary>
    public Instant Start { get; }

    /// <summary>Gets the instant at which the window closes (exclusive).</summary>
    public Instant End { get; }

    /// <summary>Gets the time zone in which the window's local dates and days are defined.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Gets the window as a NodaTime <see cref="NodaTime.Interval"/>.</summary>
    public Interval Interval => new(Start, End);

    /// <summary>Gets the elapsed time between <see cref="Start"/> and <see cref="End"/>.</summary>
    public Duration Duration => End - Start;

    /// <summary>Gets the start in the window's zone.</summary>
    public ZonedDateTime ZonedStart => Start.InZone(Zone);

    /// <summary>Gets the end in the window's zone.</summary>
    public ZonedDateTime ZonedEnd => End.InZone(Zone);

    /// <summary>Gets the window's local calendar days, in order; together they partition the window exactly.</summary>
    public IReadOnlyList<CampaignDay> Days => days;

    /// <summary>Creates a window from local date-times in a zone.</summary>
    /// <param name="start">The local start (inclusive).</param>
    /// <param name="end">The local end (exclusive).</param>
    /// <param name="zone">The time zone of both local date-times.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The end is not after the start.</exception>
    /// <exception cref="SkippedTimeException">A local date-time falls in a daylight-saving gap.</exception>
    /// <exception cref="AmbiguousTimeException">A local date-time occurs twice because of a daylight-saving overlap.</exception>
    public static CampaignWindow Create(LocalDateTime start, LocalDateTime end, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        return new CampaignWindow(zone.AtStrictly(start).ToInstant(), zone.AtStrictly(end).ToInstant(), zone);
    }

    /// <summary>Creates a window of whole local days: from the start of <paramref name="firstDay"/> for <paramref name="dayCount"/> days.</summary>
    /// <param name="firstDay">The first local date.</param>
    /// <param name="dayCount">The number of days, at least 1.</param>
    /// <param name="zone">The time zone.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dayCount"/> is less than 1.</exception>
    public static CampaignWindow ForDays(LocalDate firstDay, int dayCount, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(dayCount, 1);
        return new CampaignWindow(
            zone.AtStartOfDay(firstDay).ToInstant(), zone.AtStartOfDay(firstDay.PlusDays(dayCount)).ToInstant(), zone);
    }

    /// <summary>Creates a window from an interval of instants, keeping <paramref name="zone"/> for its local days.</summary>
    /// <param name="interval">The instants; both ends must be set.</param>
    /// <param name="zone">The time zone for local days.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The interval is unbounded at either end.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The interval is empty.</exception>
    public static CampaignWindow FromInterval(Interval interval, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!interval.HasStart || !interval.HasEnd)
        {
            throw new ArgumentException("A campaign window needs both a start and an end.", nameof(interval));
        }

        return new CampaignWindow(interval.Start, interval.End, zone);
    }

    /// <summary>Returns whether the instant is inside the window: <c>Start &lt;= instant &lt; End</c>.</summary>
    /// <param name="instant">The instant to test.</param>
    /// <returns><see langword="true"/> when inside.</returns>
    public bool Contains(Instant instant) => instant >= Start && instant < End;

    /// <summary>Finds the campaign day that contains the instant.</summary>
    /// <param name="instant">The instant.</param>
    /// <param name="day">The day, when the instant is inside the window.</param>
    /// <returns><see langword="true"/> when the instant is inside the window.</returns>
    public bool TryGetDay(Instant instant, out CampaignDay day)
    {
        if (!Contains(instant))
        {
            day = default;
            return false;
        }

        var index = Array.BinarySearch(dayStartTicks, instant.ToUnixTimeTicks());
        day = days[index >= 0 ? index : ~index - 1];
        return true;
    }

    /// <inheritdoc />
    public bool Equals(CampaignWindow? other) =>
        other is not null && Start == other.Start && End == other.End && Zone.Id == other.Zone.Id;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CampaignWindow);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Start, End, Zone.Id);

    /// <summary>Returns a culture-invariant description: the local start and end with their offsets, and the zone id.</summary>
    /// <returns>For example <c>[2026-02-15T00:00:00 Asia/Shanghai (+08), 2026-02-24T00:00:00 Asia/Shanghai (+08))</c>.</returns>
    public override string ToString() => $"[{ZonedStart}, {ZonedEnd})";

    private static CampaignDay[] BuildDays(Instant start, Instant end, DateTimeZone zone)
    {
        var result = new List<CampaignDay>();
        var date = start.InZone(zone).Date;
        var dayStart = start;
        var number = 1;
        while (dayStart < end)
        {
            var next = zone.AtStartOfDay(date.PlusDays(1)).ToInstant();
            var dayEnd = next < end ? next : end;
            result.Add(new CampaignDay(number++, date, new Interval(dayStart, dayEnd)));
            dayStart = dayEnd;
            date = date.PlusDays(1);
        }

        return result.ToArray();
    }
}
