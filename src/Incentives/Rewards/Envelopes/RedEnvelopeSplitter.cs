using System;
using Incentives.Rewards.Randomness;

namespace Incentives.Rewards.Envelopes;

/// <summary>
/// Yields the envelopes of one <see cref="RedEnvelopeSpec"/> one at a time, in opening order, with a constant amount
/// of state (the remaining amount and count), so that a pool of millions of envelopes never needs an array.
/// </summary>
/// <remarks>
/// <para>
/// Guarantees, for every valid spec and every random source: exactly <see cref="RedEnvelopeSpec.Count"/> envelopes,
/// each within [minimum, maximum], summing exactly to the total. Before each draw the splitter computes the
/// feasible range of the next envelope, <c>[max(min, R − (k−1)·max), min(max, R − (k−1)·min)]</c> for a remaining
/// amount R and k envelopes left, and never leaves it, so the envelopes after it can always be completed.
/// </para>
/// <para>
/// The same spec and the same <see cref="SeededRandomSource"/> seed yield the same amounts (audit replay).
/// </para>
/// </remarks>
/// <threadsafety>Not thread-safe. <see cref="RedEnvelopePool"/> wraps a splitter in a lock for concurrent opening.</threadsafety>
public sealed class RedEnvelopeSplitter
{
    private readonly IRandomSource random;
    private readonly Currency currency;
    private readonly long minimum;
    private readonly long spread;
    private readonly bool cutTheLine;
    private readonly bool lucky;
    private readonly bool spreadTimesCountFits;
    private long remainingExcess;
    private long remainingCount;

    internal RedEnvelopeSplitter(RedEnvelopeSpec spec, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(random);
        Spec = spec;
        this.random = random;
        currency = spec.Currency;
        minimum = spec.Minimum.MinorUnits;
        spread = spec.Maximum.MinorUnits - minimum;
        cutTheLine = spec.Algorithm == EnvelopeAlgorithm.CutTheLine;
        lucky = spec.LuckyAmounts;
        remainingCount = spec.Count;
        spreadTimesCountFits = Math.BigMul(spread, (long)spec.Count, out var product) == 0 && product >= 0;
        remainingExcess = spec.Total.MinorUnits - (spec.Count * minimum);
    }

    /// <summary>Initializes a splitter that continues from a state already checked by <see cref="RedEnvelopePool"/>.</summary>
    internal RedEnvelopeSplitter(RedEnvelopeSpec spec, IRandomSource random, long remainingMinorUnits, int count)
        : this(spec, random)
    {
        remainingCount = count;
        remainingExcess = remainingMinorUnits - (count * minimum);
    }

    /// <summary>Gets the spec being split.</summary>
    public RedEnvelopeSpec Spec { get; }

    /// <summary>Gets the number of envelopes not yet yielded.</summary>
    public int RemainingCount => (int)remainingCount;

    /// <summary>Gets the amount not yet yielded.</summary>
    public Money RemainingAmount => new(remainingExcess + (remainingCount * minimum), currency);

    /// <summary>Yields the next envelope.</summary>
    /// <param name="amount">The next envelope's amount, or zero of the pool's currency when none is left.</param>
    /// <returns><see langword="true"/> when an envelope was yielded; <see langword="false"/> when all have been.</returns>
    public bool TryNext(out Money amount)
    {
        if (remainingCount == 0)
        {
            amount = Money.Zero(currency);
            return false;
        }

        amount = new Money(NextMinorUnits(), currency);
        return true;
    }

    /// <summary>Fills a buffer with the next envelopes, in minor units, for bulk pre-splitting without allocation.</summary>
    /// <param name="minorUnits">The buffer; reuse it between calls to keep memory independent of the count.</param>
    /// <returns>How many amounts were written: the buffer's length, fewer at the end, 0 when all have been yielded.</returns>
    public int Fill(Span<long> minorUnits)
    {
        var n = (int)Math.Min(minorUnits.Length, remainingCount);
        for (var i = 0; i < n; i++)
        {
            minorUnits[i] = NextMinorUnits();
        }

        return n;
    }

    /// <summary>
    /// Takes back one envelope of <paramref name="minorUnits"/> that the caller checked to be within [minimum, maximum]:
    /// the pool then holds one more envelope and that much more, which keeps every later envelope feasible.
    /// </summary>
    internal void TakeBack(long minorUnits)
    {
        remainingExcess += minorUnits - minimum;
        remainingCount++;
    }

    private long NextMinorUnits()
    {
        var k = remainingCount;
        var excess = remainingExcess;
        long x;
        if (k == 1)
        {
            // The last envelope takes the remainder, which the feasible ranges kept within [0, spread].
            x = excess;
        }
        else
        {
            // The feasible excess of this envelope: the k - 1 after it must each hold between 0 and spread.
            var others = k - 1;
            // Multiplying is cheaper than dividing; when spread x count could overflow, divide instead.
            var low = spreadTimesCountFits
                ? Math.Max(0, excess - (others * spread))
                : spread >= (excess / others) + 1 ? 0 : excess - (others * spread);
            var high = Math.Min(spread, excess);
            x = cutTheLine ? CutTheLine(excess, k, low, high) : DoubleMean(excess, k, low, high);
            if (lucky)
            {
                x = Lucky(minimum + x, minimum + low, minimum + high) - minimum;
            }
        }

        remainingExcess = excess - x;
        remainingCount = k - 1;
        return minimum + x;
    }

    private long DoubleMean(long excess, long k, long low, long high)
    {
        // Uniform on a range symmetric around the exact mean excess/k (= q + r/k): q - d .. q + d, plus one
        // with probability r/k. The classic draw is [0, 2 x mean] in excess over the minimum; d shrinks that range
        // symmetrically where the bounds bite, so the expected amount stays exactly the remaining mean.
        var q = Math.DivRem(excess, k, out var r);
        var halfWidth = Math.Min(q - low, high - q - (r > 0 ? 1 : 0));
        var x = q - halfWidth + (long)BoundedRandom.Below(random, ((ulong)halfWidth * 2) + 1);
        if (r > 0 && (long)BoundedRandom.Below(random, (ulong)k) < r)
        {
            x++;
        }

        return x;
    }

    private long CutTheLine(long excess, long k, long low, long high)
    {
        // The next gap of k - 1 uniform cut points over [0, excess], generated left to right: the first cut is the
        // minimum of k - 1 uniforms, at fraction 1 - U^(1/(k-1)); the others are uniform beyond it, so repeat.
        // A gap outside the feasible range is clamped into it and the difference carried to the later gaps.
        // (Redrawing from the truncated law instead was measured to push even more of the pool to the last envelopes.)
        // 1 - U^(1/(k-1)) = 1 - e^y with y = ln(U)/(k-1) <= 0; for the small y of large pools a 4-term series
        // (error below 1e-16 when |y| < 1e-3) replaces the exponential, which halves the cost per envelope.
        var y = Math.Log(BoundedRandom.OpenClosedUnit(random)) / (k - 1);
        var fraction = y > -1e-3 ? -y * (1.0 + (y * (0.5 + (y * ((1.0 / 6) + (y / 24)))))) : 1.0 - Math.Exp(y);
        var x = (long)Math.Round(excess * fraction, MidpointRounding.ToEven);
        return Math.Clamp(x, low, high);
    }

    private long Lucky(long amount, long low, long high)
    {
        var strict = Round(amount, low, high, avoidFour: true);
        if (strict >= 0)
        {
            return strict;
        }

        var relaxed = Round(amount, low, high, avoidFour: false);
        return relaxed >= 0 ? relaxed : amount;
    }

    /// <summary>
    /// Moves an amount to the lucky amount just below or just above it, choosing the upper one with probability
    /// (amount − below) / (above − below) so that the expected amount is unchanged. Returns -1 when no lucky amount
    /// lies in [low, high], and the only one in range when the other is out.
    /// </summary>
    private long Round(long amount, long low, long high, bool avoidFour)
    {
        var below = LuckyAmounts.AtOrBelow(amount, low, avoidFour);
        if (below == amount)
        {
            return amount;
        }

        var above = LuckyAmounts.AtOrAbove(amount, high, avoidFour);
        if (below < 0 || above < 0)
        {
            return Math.Max(below, above);
        }

        return (long)BoundedRandom.Below(random, (ulong)(above - below)) < amount - below ? above : below;
    }
}
