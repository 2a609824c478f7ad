using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Incentives.Rewards.Randomness;

/// <summary>
/// A cryptographically secure random source backed by <see cref="RandomNumberGenerator"/>: the default wherever
/// random numbers decide amounts of money, because its outputs cannot be predicted from earlier ones.
/// </summary>
/// <remarks>Its sequence cannot be replayed; use <see cref="SeededRandomSource"/> when a split must be auditable from a seed.</remarks>
/// <threadsafety>Thread-safe: <see cref="Shared"/> may be used by any number of threads at once.</threadsafety>
public sealed class SecureRandomSource : IRandomSource
{
    private SecureRandomSource()
    {
    }

    /// <summary>Gets the shared instance.</summary>
    public static SecureRandomSource Shared { get; } = new();

    /// <inheritdoc />
    public ulong NextUInt64()
    {
        Span<byte> bytes = stackalloc byte[sizeof(ulong)];
        RandomNumberGenerator.Fill(bytes);
        return BinaryPrimitives.ReadUInt64LittleEndian(bytes);
    }

    /// <inheritdoc />
    public long NextInt64(long minInclusive, long maxExclusive) => BoundedRandom.Between(this, minInclusive, maxExclusive);
}
