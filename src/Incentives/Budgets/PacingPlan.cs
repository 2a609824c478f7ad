using System;
using System.Collections.Generic;
using System.Linq;

namespace Incentives.Budgets;

/// <summary>
/// How a budget node's limit is released over the campaign days of its tree's window: an even split or explicit
/// weights per day, with or without roll-over of unspent money to later days, and optionally a release within each day.
/// </summary>
/// <remarks>
/// The day amounts are <c>limit.Allocate(dayCount)</c> for an even split and <c>limit.Allocate(weights)</c> for
/// weights, so they are exact and sum to the node's limit to the minor unit. See <c>docs/budgets.md</c> for the
/// released-so-far function. Equality is by value.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class PacingPlan : IEquatable<PacingPlan>
{
    private readonly long[]? weights;

    private PacingPlan(long[]? weights, bool rollOver, IntraDayRelease withinDay)
    {
        this.weights = weights;
        RollOver = rollOver;
        WithinDay = withinDay;
    }

    /// <summary>Gets the weight of each campaign day, or null for an even split.</summary>
    public IReadOnlyList<long>? DayWeights => weights;

    /// <summary>Gets a value indicating whether money a day did not use stays available on the later days.</summary>
    public bool RollOver { get; }

    /// <summary>Gets how each day's amount is released within the day.</summary>
    public IntraDayRelease WithinDay { get; }

    /// <summary>Creates a plan that splits the limit evenly over the campaign days (the remainder to the first days).</summary>
    /// <param name="rollOver">Whether unspent money rolls over to later days (default false: a day's unspent money is not offered again).</param>
    /// <param name="withinDay">The release within a day; null means <see cref="IntraDayRelease.AllAtStart"/>.</param>
    /// <returns>The plan.</returns>
    public static PacingPlan Even(bool rollOver = false, IntraDayRelease? withinDay = null) =>
        new(null, rollOver, withinDay ?? IntraDayRelease.AllAtStart);

    /// <summary>Creates a plan that splits the limit over the campaign days in proportion to <paramref name="dayWeights"/>.</summary>
    /// <param name="dayWeights">One non-negative weight per campaign day, at least one positive; the count must equal the window's day count.</param>
    /// <param name="rollOver">Whether unspent money rolls over to later days.</param>
    /// <param name="withinDay">The release within a day; null means <see cref="IntraDayRelease.AllAtStart"/>.</param>
    /// <returns>The plan.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="dayWeights"/> is null.</exception>
    /// <exception cref="ArgumentException">No weights, a negative weight, or all weights zero.</exception>
    public static PacingPlan Weighted(IReadOnlyList<long> dayWeights, bool rollOver = false, IntraDayRelease? withinDay = null)
    {
        ArgumentNullException.ThrowIfNull(dayWeights);
        if (dayWeights.Count == 0)
        {
            throw new ArgumentException("A weighted plan needs one weight per campaign day.", nameof(dayWeights));
        }

        if (dayWeights.Any(w => w < 0))
        {
            throw new ArgumentException("Day weights must not be negative.", nameof(dayWeights));
        }

        if (dayWeights.All(w => w == 0))
        {
            throw new ArgumentException("At least one day weight must be greater than zero.", nameof(dayWeights));
        }

        return new PacingPlan(dayWeights.ToArray(), rollOver, withinDay ?? IntraDayRelease.AllAtStart);
    }

    /// <summary>Splits <paramref name="limit"/> into exact day amounts for <paramref name="dayCount"/> days.</summary>
    /// <param name="limit">The node's limit.</param>
    /// <param name="dayCount">The number of campaign days.</param>
    /// <returns>One amount per day, summing to <paramref name="limit"/>.</returns>
    /// <exception cref="ArgumentException">The plan's weight count differs from <paramref name="dayCount"/>.</exception>
    public Money[] SplitIntoDays(Money limit, int dayCount)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dayCount, 1);
        if (weights is null)
        {
            return limit.Allocate(dayCount);
        }

        if (weights.Length != dayCount)
        {
            throw new ArgumentException(
                $"The plan has {weights.Length} day weights but the window has {dayCount} days.", nameof(dayCount));
        }

        return limit.Allocate(weights);
    }

    /// <inheritdoc />
    public bool Equals(PacingPlan? other) =>
        other is not null && RollOver == other.RollOver && WithinDay.Equals(other.WithinDay) &&
        (weights is null ? other.weights is null : other.weights is not null && weights.AsSpan().SequenceEqual(other.weights));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as PacingPlan);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RollOver, WithinDay, weights?.Length ?? -1);

    /// <summary>Returns e.g. <c>Weighted(1, 3, 1) roll-over, Linear</c>.</summary>
    /// <returns>A culture-invariant description.</returns>
    public override string ToString() =>
        (weights is null ? "Even" : $"Weighted({string.Join(", ", weights)})") +
        (RollOver ? " roll-over" : string.Empty) + ", " + WithinDay;
}
