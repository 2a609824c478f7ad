using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;

namespace Incentives.Time.Holidays;

/// <summary>
/// Official (or company) holiday periods of one kind, by year. Holidays are announced, not computed: a calendar answers only for
/// the years it knows, and reports any other year as unknown rather than guessing.
/// </summary>
/// <remarks>Implement it for other countries or company holidays, or build one with <see cref="HolidayCalendar"/>.</remarks>
public interface IHolidayCalendar
{
    /// <summary>Gets the calendar's name, e.g. <c>PRC Spring Festival public holiday</c>.</summary>
    string Name { get; }

    /// <summary>Gets the years this calendar knows, ascending.</summary>
    IReadOnlyList<int> KnownYears { get; }

    /// <summary>Gets the holiday period of <paramref name="year"/>, if known.</summary>
    /// <param name="year">The year.</param>
    /// <param name="period">The period when known; otherwise <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the year is known; <see langword="false"/> when it is unknown (never a guess).</returns>
    bool TryGetPeriod(int year, [NotNullWhen(true)] out HolidayPeriod? period);
}
