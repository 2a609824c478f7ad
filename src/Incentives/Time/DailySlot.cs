using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NodaTime;
using NodaTime.Text;

namespace Incentives.Time;

/// <summary>
/// A recurring local time range, e.g. "20:00-22:00 every day" or "only on 2026-02-16 from 20:00 to 00:30 the next day".
/// </summary>
/// <remarks>
/// <para>
/// A slot starts at <see cref="Start"/> on each local date it applies to, and ends at <see cref="End"/> on the same date, or on the
/// next date when <see cref="End"/> is not after <see cref="Start"/> (the slot crosses midnight; <c>20:00-00:00</c> ends at midnight).
/// A slot applies to a date (the date it starts on) when the date is in <see cref="Dates"/> (if any), its day of the week is in
/// <see cref="DaysOfWeek"/> (if any), and it is not in <see cref="ExcludedDates"/>.
/// </para>
/// <para>The local times are read in the window's zone, or in the participant's zone for a participant-local window.</para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class DailySlot
{
    private static readonly LocalTimePattern TimeText = LocalTimePattern.CreateWithInvariantCulture("HH':'mm;FFFFFFFFF");

    private readonly HashSet<LocalDate> dates;
    private readonly HashSet<LocalDate> excludedDates;
    private readonly bool[] weekdays;

    /// <summary>Initializes a slot.</summary>
    /// <param name="start">The local start time (inclusive).</param>
    /// <param name="end">The local end time (exclusive); not after <paramref name="start"/> means the next day.</param>
    /// <param name="daysOfWeek">The days of the week the slot starts on; <see langword="null"/> or empty means every day.</param>
    /// <param name="dates">The only dates the slot starts on; <see langword="null"/> or empty means every date.</param>
    /// <param name="excludedDates">Dates on which the slot does not start.</param>
    /// <exception cref="ArgumentException"><paramref name="start"/> equals <paramref name="end"/> (an empty slot), or a day of the week is not defined.</exception>
    public DailySlot(
        LocalTime start,
        LocalTime end,
        IEnumerable<IsoDayOfWeek>? daysOfWeek = null,
        IEnumerable<LocalDate>? dates = null,
        IEnumerable<LocalDate>? excludedDates = null)
    {
        if (start == end)
        {
            throw new ArgumentException(
                $"The slot {TimeText.Format(start)}-{TimeText.Format(end)} is empty: its end must differ from its start (an end before the start means the next day).",
                nameof(end));
        }

        Start = start;
        End = end;
        weekdays = new bool[8];
        var days = new SortedSet<IsoDayOfWeek>();
        foreach (var day in daysOfWeek ?? [])
        {
            if (day < IsoDayOfWeek.Monday || day > IsoDayOfWeek.Sunday)
            {
                throw new ArgumentException($"'{day}' is not a day of the week.", nameof(daysOfWeek));
            }

            weekdays[(int)day] = true;
            days.Add(day);
        }

        DaysOfWeek = [.. days];
        this.dates = [.. dates ?? []];
        this.excludedDates = [.. excludedDates ?? []];
        Dates = [.. this.dates.Order()];
        ExcludedDates = [.. this.excludedDates.Order()];
    }

    /// <summary>Gets the local start time (inclusive).</summary>
    public LocalTime Start { get; }

    /// <summary>Gets the local end time (exclusive), on the next day when <see cref="CrossesMidnight"/>.</summary>
    public LocalTime End { get; }

    /// <summary>Gets whether the slot ends on the day after it starts.</summary>
    public bool CrossesMidnight => End <= Start;

    /// <summary>Gets the days of the week the slot starts on; empty means every day.</summary>
    public IReadOnlyList<IsoDayOfWeek> DaysOfWeek { get; }

    /// <summary>Gets the only dates the slot starts on; empty means every date.</summary>
    public IReadOnlyList<LocalDate> Dates { get; }

    /// <summary>Gets the dates on which the slot does not start.</summary>
    public IReadOnlyList<LocalDate> ExcludedDates { get; }

    /// <summary>Creates a slot that starts every day.</summary>
    /// <param name="start">The local start time.</param>
    /// <param name="end">The local end time; not after <paramref name="start"/> means the next day.</param>
    /// <returns>The slot.</returns>
    /// <exception cref="ArgumentException"><paramref name="start"/> equals <paramref name="end"/>.</exception>
    public static DailySlot Every(LocalTime start, LocalTime end) => new(start, end);

    /// <summary>Creates a slot that starts only on <paramref name="date"/>.</summary>
    /// <param name="date">The local date the slot starts on.</param>
    /// <param name="start">The local start time.</param>
    /// <param name="end">The local end time; not after <paramref name="start"/> means the next day.</param>
    /// <returns>The slot.</returns>
    /// <exception cref="ArgumentException"><paramref name="start"/> equals <paramref name="end"/>.</exception>
    public static DailySlot OnDate(LocalDate date, LocalTime start, LocalTime end) => new(start, end, dates: [date]);

    /// <summary>Creates a slot that starts on the given days of the week.</summary>
    /// <param name="start">The local start time.</param>
    /// <param name="end">The local end time; not after <paramref name="start"/> means the next day.</param>
    /// <param name="daysOfWeek">The days of the week.</param>
    /// <returns>The slot.</returns>
    /// <exception cref="ArgumentException"><paramref name="start"/> equals <paramref name="end"/>, or a day is not defined.</exception>
    public static DailySlot OnDaysOfWeek(LocalTime start, LocalTime end, params IsoDayOfWeek[] daysOfWeek) => new(start, end, daysOfWeek);

    /// <summary>Returns a copy of this slot that does not start on <paramref name="dates"/> (added to the existing exclusions).</summary>
    /// <param name="dates">The dates to exclude.</param>
    /// <returns>The new slot.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dates"/> is <see langword="null"/>.</exception>
    public DailySlot Except(params LocalDate[] dates)
    {
        ArgumentNullException.ThrowIfNull(dates);
        return new DailySlot(Start, End, DaysOfWeek, Dates, ExcludedDates.Concat(dates));
    }

    /// <summary>Returns whether the slot starts on the local date.</summary>
    /// <param name="date">The local date.</param>
    /// <returns><see langword="true"/> when the slot has an occurrence starting on <paramref name="date"/>.</returns>
    public bool AppliesOn(LocalDate date) =>
        (dates.Count == 0 || dates.Contains(date))
        && (DaysOfWeek.Count == 0 || weekdays[(int)date.DayOfWeek])
        && !excludedDates.Contains(date);

    /// <summary>Returns the local start and end of the occurrence that starts on <paramref name="date"/> (whether or not it applies).</summary>
    /// <param name="date">The local date the occurrence starts on.</param>
    /// <returns>The local start and the local end (on the next day when the slot crosses midnight).</returns>
    public (LocalDateTime Start, LocalDateTime End) OccurrenceOn(LocalDate date) =>
        (date + Start, (CrossesMidnight ? date.PlusDays(1) : date) + End);

    /// <summary>Returns a culture-invariant description such as <c>20:00-00:30 (+1 day) on 2026-02-16</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var text = $"{TimeText.Format(Start)}-{TimeText.Format(End)}{(CrossesMidnight ? " (+1 day)" : string.Empty)}";
        if (DaysOfWeek.Count > 0)
        {
            text += " on " + string.Join(", ", DaysOfWeek);
        }

        if (Dates.Count > 0)
        {
            text += " on " + string.Join(", ", Dates.Select(d => d.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture)));
        }

        if (ExcludedDates.Count > 0)
        {
            text += " except " + string.Join(", ", ExcludedDates.Select(d => d.ToString("uuuu'-'MM'-'dd", CultureInfo.InvariantCulture)));
        }

        return text;
    }
}
