namespace Incentives.Rewards.Randomness;

/// <summary>
/// A source of uniformly distributed random numbers for reward policies and red-envelope splits.
/// </summary>
/// <remarks>
/// Two implementations ship: <see cref="SecureRandomSource"/> (cryptographically secure, the default wherever the
/// numbers decide amounts of money) and <see cref="SeededRandomSource"/> (xoshiro256**, reproducible from a seed so
/// that a split can be replayed for audit). Implementations must return every value of a bounded range with the
/// same probability: no modulo bias.
/// </remarks>
public interface IRandomSource
{
    /// <summary>Returns the next 64 uniformly distributed random bits.</summary>
    /// <returns>A value in [0, 2^64).</returns>
    ulong NextUInt64();

    /// <summary>Returns a uniformly distributed integer in [<paramref name="minInclusive"/>, <paramref name="maxExclusive"/>), without bias.</summary>
    /// <param name="minInclusive">The smallest value that can be returned.</param>
    /// <param name="maxExclusive">One more than the largest value that can be returned.</param>
    /// <returns>A value with <paramref name="minInclusive"/> &lt;= value &lt; <paramref name="maxExclusive"/>.</returns>
    /// <exception cref="System.ArgumentOutOfRangeException"><paramref name="maxExclusive"/> is not greater than <paramref name="minInclusive"/>.</exception>
    long NextInt64(long minInclusive, long maxExclusive);
}
