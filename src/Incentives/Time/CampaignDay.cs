using System;
using NodaTime;

namespace Incentives.Time;

/// <summary>
/// One local calendar day of a <see cref="CampaignWindow"/>, in the window's time zone: day 1 is the local date
/// on which the window starts. Budgets that reset "per day" reset on these boundaries.
/// </summary>
/// <remarks>
/// The interval is half-open, <c>[start, end)</c>, and is clipped to the window: the first and last days may be
/// partial, and a day that contains a daylight-saving transition lasts 23 or 25 hours.
/// </remarks>
/// <param name="Number">The 1-based day number within the window.</param>
/// <param name="Date">The local calendar date in the window's zone.</param>
/// <param name="Interval">The instants of this day that lie inside the window.</param>
public readonly record struct CampaignDay(int Number, LocalDate Date, Interval Interval)
{
    /// <summary>Gets how long this day lasts inside the window (24 hours, or 23 or 25 across a DST change, or less when clipped).</summary>
    public Duration Duration => Interval.Duration;

    /// <summary>Returns whether the instant falls on this day, <c>[start, end)</c>.</summary>
    /// <param name="instant">The instant to test.</param>
    /// <returns><see langword="true"/> when <paramref name="instant"/> is inside this day.</returns>
    public bool Contains(Instant instant) => Interval.Contains(instant);

    /// <summary>Returns a culture-invariant description such as <c>Day 1 (2026-02-15)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() =>
        FormattableString.Invariant($"Day {Number} ({Date:yyyy'-'MM'-'dd})");
}
