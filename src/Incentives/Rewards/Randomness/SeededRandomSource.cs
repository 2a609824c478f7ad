using System;
using System.Numerics;

namespace Incentives.Rewards.Randomness;

/// <summary>
/// A deterministic random source: xoshiro256** 1.0 (Blackman and Vigna, https://prng.di.unimi.it/) whose 256-bit
/// state is filled from the 64-bit seed with SplitMix64, exactly as the reference C code recommends.
/// </summary>
/// <remarks>
/// <para>
/// The same seed gives the same sequence on every platform and every .NET version, because the algorithm is
/// implemented here in integer arithmetic rather than borrowed from <see cref="Random"/> (whose seeded sequence
/// .NET does not promise to keep). Keep the seed of a pool to replay its split for audit.
/// </para>
/// <para>
/// Not cryptographically secure: anyone who sees a few outputs can predict the rest. Use it for replayable
/// splits and tests, and <see cref="SecureRandomSource"/> when a participant could profit from predicting amounts.
/// </para>
/// </remarks>
/// <threadsafety>Not thread-safe: use one instance per thread, or guard it (a <see cref="Envelopes.RedEnvelopePool"/> draws under its own lock).</threadsafety>
public sealed class SeededRandomSource : IRandomSource
{
    private ulong s0;
    private ulong s1;
    private ulong s2;
    private ulong s3;

    /// <summary>Initializes the generator from a seed.</summary>
    /// <param name="seed">Any 64-bit value; 0 is fine (SplitMix64 never yields an all-zero state).</param>
    public SeededRandomSource(ulong seed)
    {
        Seed = seed;
        var x = seed;
        s0 = SplitMix64(ref x);
        s1 = SplitMix64(ref x);
        s2 = SplitMix64(ref x);
        s3 = SplitMix64(ref x);
    }

    /// <summary>Gets the seed this generator started from.</summary>
    public ulong Seed { get; }

    /// <inheritdoc />
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(s1 * 5, 7) * 9;
        var t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = BitOperations.RotateLeft(s3, 45);
        return result;
    }

    /// <inheritdoc />
    public long NextInt64(long minInclusive, long maxExclusive) => BoundedRandom.Between(this, minInclusive, maxExclusive);

    private static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
