using System.Globalization;

namespace Incentives.Time;

/// <summary>A date in the Chinese lunisolar calendar: lunar year, month (1-12), day (1-30), and whether the month is a leap month.</summary>
/// <remarks>
/// <see cref="Month"/> is the month's name (正月 is 1), not its position in the year: in a year with a leap month, the leap month
/// repeats the number of the month before it and has <see cref="IsLeapMonth"/> set. <c>default</c> is not a valid date.
/// </remarks>
/// <param name="Year">The lunar year (the Gregorian year in which its first day falls).</param>
/// <param name="Month">The month's number, 1 to 12.</param>
/// <param name="Day">The day of the month, 1 to 30.</param>
/// <param name="IsLeapMonth">Whether the month is the leap (intercalary) month that repeats <paramref name="Month"/>.</param>
public readonly record struct ChineseLunarDate(int Year, int Month, int Day, bool IsLeapMonth)
{
    /// <summary>Returns a culture-invariant description such as <c>2026-01-01</c>, or <c>2025-L06-01</c> for a day of a leap month.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Year:D4}-{(IsLeapMonth ? "L" : string.Empty)}{Month:D2}-{Day:D2}");
}
