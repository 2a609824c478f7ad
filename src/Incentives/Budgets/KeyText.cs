using System;
using System.Buffers;

namespace Incentives.Budgets;

/// <summary>
/// The text of an idempotency key as a dictionary key: one string, or the caller's key and a suffix kept apart, so that the
/// campaign engine's ledger keys (<c>{key}:{campaignId}</c>) cost no string per claim; its hash is computed once, when it is
/// made, so that removing an old key from a large dictionary does not read its characters again. Two keys are equal when
/// their texts (<see cref="Head"/> followed by <see cref="Tail"/>) are equal, however they are split: <c>("o-1:c")</c> equals
/// <c>("o-1", ":c")</c>, so a key passed whole to <see cref="InMemoryBudgetLedger.ReserveAsync"/> meets the engine's.
/// </summary>
/// <remarks>
/// The hash is the runtime's randomised string hash of the whole text (the one <see cref="string.GetHashCode()"/> uses, seeded
/// per process), so that it does not depend on where the text is split and callers cannot choose keys that collide.
/// </remarks>
/// <threadsafety>Immutable.</threadsafety>
internal readonly struct KeyText : IEquatable<KeyText>
{
    /// <summary>Texts longer than this are copied to a pooled array rather than to the stack to be hashed.</summary>
    private const int StackLimit = 256;

    private readonly int hash;

    /// <summary>Initializes a key from the caller's key and an optional suffix, and computes its hash.</summary>
    /// <param name="head">The first part of the text.</param>
    /// <param name="tail">The rest, or <see langword="null"/>.</param>
    public KeyText(string head, string? tail = null)
    {
        Head = head;
        Tail = string.IsNullOrEmpty(tail) ? null : tail;
        hash = Hash(head, Tail);
    }

    /// <summary>Gets the first part of the text.</summary>
    public string Head { get; }

    /// <summary>Gets the rest of the text, or <see langword="null"/>.</summary>
    public string? Tail { get; }

    /// <summary>Gets the length of the text.</summary>
    public int Length => Head.Length + (Tail?.Length ?? 0);

    /// <summary>Compares the texts, ordinally.</summary>
    /// <param name="other">The other key.</param>
    /// <returns><see langword="true"/> when the texts are equal, however they are split.</returns>
    public bool Equals(KeyText other) =>
        // The same strings (a key looked up or removed by the instance that was stored) are equal without reading them.
        hash == other.hash && ((ReferenceEquals(Head, other.Head) && ReferenceEquals(Tail, other.Tail)) || SameText(this, other));

    /// <summary>Compares the texts of two keys character by character, ignoring their hashes.</summary>
    /// <param name="x">A key.</param>
    /// <param name="y">Another key.</param>
    /// <returns><see langword="true"/> when the texts are equal, however they are split.</returns>
    internal static bool SameText(in KeyText x, in KeyText y)
    {
        if (x.Length != y.Length)
        {
            return false;
        }

        return x.Head.Length <= y.Head.Length
            ? TextsEqual(x.Head, x.Tail, y.Head, y.Tail)
            : TextsEqual(y.Head, y.Tail, x.Head, x.Tail);
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is KeyText other && Equals(other);

    /// <summary>Returns the hash of the whole text, computed when the key was made.</summary>
    /// <returns>The hash.</returns>
    public override int GetHashCode() => hash;

    /// <summary>Returns the text.</summary>
    /// <returns>The head followed by the tail.</returns>
    public override string ToString() => Tail is null ? Head : string.Concat(Head, Tail);

    private static int Hash(string head, string? tail)
    {
        if (tail is null)
        {
            return string.GetHashCode(head.AsSpan(), StringComparison.Ordinal);
        }

        var length = head.Length + tail.Length;
        char[]? rented = null;
        Span<char> text = length <= StackLimit ? stackalloc char[length] : (rented = ArrayPool<char>.Shared.Rent(length));
        head.AsSpan().CopyTo(text);
        tail.AsSpan().CopyTo(text[head.Length..]);
        var hash = string.GetHashCode(text[..length], StringComparison.Ordinal);
        if (rented is not null)
        {
            ArrayPool<char>.Shared.Return(rented);
        }

        return hash;
    }

    /// <summary>Compares two texts of equal length, each in two parts, where <paramref name="a1"/> is no longer than <paramref name="b1"/>.</summary>
    private static bool TextsEqual(ReadOnlySpan<char> a1, ReadOnlySpan<char> a2, ReadOnlySpan<char> b1, ReadOnlySpan<char> b2)
    {
        // b1 starts with a1, b1's rest starts a2, and a2's rest is b2.
        var overlap = b1.Length - a1.Length;
        return b1[..a1.Length].SequenceEqual(a1) && b1[a1.Length..].SequenceEqual(a2[..overlap]) && a2[overlap..].SequenceEqual(b2);
    }
}
