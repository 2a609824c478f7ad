using System.Globalization;

namespace Incentives.Rewards.Envelopes;

/// <summary>
/// The whole persistent state of a <see cref="RedEnvelopePool"/>: the amount and the number of envelopes left.
/// Persist it (with the pool's <see cref="RedEnvelopeSpec"/>) to restore the pool after a restart with
/// <see cref="RedEnvelopePool(RedEnvelopeSpec, RedEnvelopePoolState, Randomness.IRandomSource)"/>.
/// </summary>
/// <remarks>
/// <para>
/// These two numbers are enough: every draw only needs the remaining amount and count, so a pool restored from them
/// continues safely with any random source, and can never pay out more than its total, whatever was paid before.
/// </para>
/// <para>Equality is by value. <c>default</c> is an empty state (nothing left) of no currency; a pool accepts it only if its currency matches.</para>
/// </remarks>
/// <param name="RemainingAmount">The amount not yet given out.</param>
/// <param name="RemainingCount">The number of envelopes not yet given out.</param>
/// <threadsafety>Immutable value type; thread-safe.</threadsafety>
public readonly record struct RedEnvelopePoolState(Money RemainingAmount, int RemainingCount)
{
    /// <summary>Gets the state of a new, unopened pool: its whole total in all its envelopes.</summary>
    /// <param name="spec">The pool's spec.</param>
    /// <returns>The initial state.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    public static RedEnvelopePoolState Initial(RedEnvelopeSpec spec)
    {
        System.ArgumentNullException.ThrowIfNull(spec);
        return new(spec.Total, spec.Count);
    }

    /// <summary>Returns the state as <c>"CNY 42.00 in 7 envelopes"</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{RemainingAmount} in {RemainingCount} envelopes");
}
