using System;

namespace Incentives.Rewards.Randomness;

/// <summary>Unbiased bounded draws on top of 64 random bits (Lemire's multiply-and-reject method).</summary>
internal static class BoundedRandom
{
    private const double TwoToMinus53 = 1.0 / (1UL << 53);

    /// <summary>Returns a uniform value in [0, <paramref name="bound"/>); <paramref name="bound"/> must be positive.</summary>
    /// <remarks>
    /// D. Lemire, "Fast Random Integer Generation in an Interval", ACM TOMACS 29(1), 2019: the high word of
    /// <c>x * bound</c> is uniform once the few low words below <c>2^64 mod bound</c> are rejected.
    /// </remarks>
    internal static ulong Below(IRandomSource source, ulong bound)
    {
        var high = Math.BigMul(source.NextUInt64(), bound, out var low);
        if (low < bound)
        {
            var threshold = (0UL - bound) % bound;
            while (low < threshold)
            {
                high = Math.BigMul(source.NextUInt64(), bound, out low);
            }
        }

        return high;
    }

    /// <summary>Returns a uniform value in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>).</summary>
    internal static long Between(IRandomSource source, long minInclusive, long maxExclusive)
    {
        if (maxExclusive <= minInclusive)
        {
            throw new ArgumentOutOfRangeException(
                nameof(maxExclusive), maxExclusive, $"maxExclusive must be greater than minInclusive ({minInclusive}).");
        }

        var span = unchecked((ulong)(maxExclusive - minInclusive));
        return unchecked(minInclusive + (long)Below(source, span));
    }

    /// <summary>Returns a uniform double in (0, 1] with 53 random bits, never zero so that its logarithm is finite.</summary>
    internal static double OpenClosedUnit(IRandomSource source) => ((source.NextUInt64() >> 11) + 1) * TwoToMinus53;
}
