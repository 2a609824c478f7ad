using System;
using System.Collections.Generic;
using System.Linq;

namespace Incentives.Budgets;

/// <summary>
/// How a paced node releases one campaign day's money over the course of that day, so that the day's budget is
/// not gone in its first minute.
/// </summary>
/// <remarks>
/// Three shapes exist: <see cref="AllAtStart"/> (the default: the whole day amount at the day's first instant),
/// <see cref="Linear"/> (<c>floor(dayAmount × elapsed / dayLength)</c>, to the nanosecond) and
/// <see cref="Steps(long[])"/> (the day is cut into equally long slices of time and slice <c>k</c> releases its
/// weighted share, computed exactly with <see cref="Money.Allocate(ReadOnlySpan{long})"/>, at its first instant).
/// Days that are 23 or 25 hours long across a daylight saving change are handled by measuring elapsed time as a
/// fraction of the day's real length. Equality is by shape and weights.
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class IntraDayRelease : IEquatable<IntraDayRelease>
{
    private readonly long[] weights;

    private IntraDayRelease(IntraDayReleaseKind kind, long[] weights)
    {
        Kind = kind;
        this.weights = weights;
    }

    /// <summary>Gets the whole day's amount released at the day's first instant (the default).</summary>
    public static IntraDayRelease AllAtStart { get; } = new(IntraDayReleaseKind.AllAtStart, []);

    /// <summary>Gets a release that grows linearly from zero at the day's start to the full day amount at its end.</summary>
    public static IntraDayRelease Linear { get; } = new(IntraDayReleaseKind.Linear, []);

    /// <summary>Gets the shape of the release.</summary>
    public IntraDayReleaseKind Kind { get; }

    /// <summary>Gets the slice weights of a <see cref="IntraDayReleaseKind.Steps"/> release; empty for the other kinds.</summary>
    public IReadOnlyList<long> Weights => weights;

    /// <summary>
    /// Creates a stepped release: the day is cut into <c>weights.Length</c> slices of equal length, and slice
    /// <c>k</c> releases the share <c>weights[k] / sum(weights)</c> of the day's amount at its first instant.
    /// </summary>
    /// <param name="weights">One non-negative weight per slice, at least one of them positive; e.g. 24 weights for hourly slices.</param>
    /// <returns>The release.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="weights"/> is null.</exception>
    /// <exception cref="ArgumentException">No weights, a negative weight, or all weights zero.</exception>
    public static IntraDayRelease Steps(params long[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length == 0)
        {
            throw new ArgumentException("A stepped release needs at least one slice weight.", nameof(weights));
        }

        if (weights.Any(w => w < 0))
        {
            throw new ArgumentException("Slice weights must not be negative.", nameof(weights));
        }

        if (weights.All(w => w == 0))
        {
            throw new ArgumentException("At least one slice weight must be greater than zero.", nameof(weights));
        }

        return new IntraDayRelease(IntraDayReleaseKind.Steps, (long[])weights.Clone());
    }

    /// <inheritdoc />
    public bool Equals(IntraDayRelease? other) =>
        other is not null && Kind == other.Kind && weights.AsSpan().SequenceEqual(other.weights);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as IntraDayRelease);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Kind, weights.Length);

    /// <summary>Returns the kind, and the weights of a stepped release, e.g. <c>Steps(1, 2, 1)</c>.</summary>
    /// <returns>A culture-invariant description.</returns>
    public override string ToString() =>
        Kind == IntraDayReleaseKind.Steps ? $"Steps({string.Join(", ", weights)})" : Kind.ToString();
}
