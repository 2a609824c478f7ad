using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Linq;

namespace Incentives.Time.Holidays;

/// <summary>An in-memory <see cref="IHolidayCalendar"/>: one period per year, keyed by the year of its first day.</summary>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class HolidayCalendar : IHolidayCalendar
{
    private readonly Dictionary<int, HolidayPeriod> periods;

    /// <summary>Initializes a calendar.</summary>
    /// <param name="name">The calendar's name.</param>
    /// <param name="periods">The periods; at most one whose first day falls in each year.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank, or two periods start in the same year.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="periods"/> or one of them is <see langword="null"/>.</exception>
    public HolidayCalendar(string name, IEnumerable<HolidayPeriod> periods)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(periods);
        Name = name;
        this.periods = [];
        foreach (var period in periods)
        {
            ArgumentNullException.ThrowIfNull(period, nameof(periods));
            if (!this.periods.TryAdd(period.FirstDay.Year, period))
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"Two periods of '{name}' start in {period.FirstDay.Year}."), nameof(periods));
            }
        }

        KnownYears = [.. this.periods.Keys.Order()];
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <inheritdoc />
    public IReadOnlyList<int> KnownYears { get; }

    /// <inheritdoc />
    public bool TryGetPeriod(int year, [NotNullWhen(true)] out HolidayPeriod? period) => periods.TryGetValue(year, out period);

    /// <summary>Returns the calendar's name and known years.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name} ({string.Join(", ", KnownYears)})");
}
