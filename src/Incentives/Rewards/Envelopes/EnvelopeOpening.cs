using System;

namespace Incentives.Rewards.Envelopes;

/// <summary>The outcome of opening an envelope from a <see cref="RedEnvelopePool"/>: an amount, or "the pool is empty".</summary>
/// <remarks><c>default</c> is an unopened outcome with a zero amount of no currency.</remarks>
/// <threadsafety>Immutable value type; thread-safe.</threadsafety>
public readonly record struct EnvelopeOpening
{
    private EnvelopeOpening(bool isOpened, Money amount, int sequence)
    {
        IsOpened = isOpened;
        Amount = amount;
        Sequence = sequence;
    }

    /// <summary>Gets a value indicating whether an envelope was opened; <see langword="false"/> when the pool was already empty.</summary>
    public bool IsOpened { get; }

    /// <summary>Gets the opened amount, or zero when no envelope was opened.</summary>
    public Money Amount { get; }

    /// <summary>
    /// Gets the opening number: 1 for the pool's first opening, then 2, 3, … (0 when none was opened). Unique and
    /// increasing; as long as no envelope was returned to the pool it is the position in the split (1 to the count), so
    /// with a seeded source, replaying the spec's split gives the same amount at the same position. Every opening after
    /// a <see cref="RedEnvelopePool.Return(Money)"/> gets a new number (above the count once all are opened).
    /// </summary>
    public int Sequence { get; }

    /// <summary>Creates the outcome of an opened envelope.</summary>
    /// <param name="amount">The amount.</param>
    /// <param name="sequence">The 1-based opening position.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sequence"/> is zero or negative.</exception>
    public static EnvelopeOpening Opened(Money amount, int sequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        return new(true, amount, sequence);
    }

    /// <summary>Creates the outcome of an attempt on an empty pool.</summary>
    /// <param name="currency">The pool's currency.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="currency"/> is <see langword="null"/>.</exception>
    public static EnvelopeOpening Exhausted(Currency currency) => new(false, Money.Zero(currency), 0);
}
