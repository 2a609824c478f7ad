using System;

namespace Incentives.Simulation;

/// <summary>A distribution summary of a count, such as grants per participant.</summary>
/// <param name="Population">How many values (for example participants who claimed at least once).</param>
/// <param name="Zero">How many values are zero (participants who claimed but were never granted).</param>
/// <param name="Min">The smallest value.</param>
/// <param name="Max">The largest value.</param>
/// <param name="Mean">The mean, rounded to 3 decimals.</param>
/// <param name="Median">The median (lower middle).</param>
/// <param name="P90">The 90th percentile (nearest rank).</param>
/// <param name="P99">The 99th percentile (nearest rank).</param>
public sealed record CountSummary(long Population, long Zero, long Min, long Max, double Mean, long Median, long P90, long P99)
{
    /// <summary>Summarizes <paramref name="values"/>.</summary>
    /// <param name="values">The values; sorted in place.</param>
    /// <returns>The summary; all zero when there are no values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="values"/> is null.</exception>
    public static CountSummary Of(long[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length == 0)
        {
            return new CountSummary(0, 0, 0, 0, 0, 0, 0, 0);
        }

        Array.Sort(values);
        long sum = 0;
        long zero = 0;
        foreach (var v in values)
        {
            sum += v;
            zero += v == 0 ? 1 : 0;
        }

        long Rank(double p) => values[Math.Clamp((int)Math.Ceiling(p * values.Length) - 1, 0, values.Length - 1)];
        return new CountSummary(
            values.Length, zero, values[0], values[^1], Math.Round((double)sum / values.Length, 3), values[(values.Length - 1) / 2], Rank(0.90), Rank(0.99));
    }
}
