using System;
using System.Collections.Generic;
using System.Globalization;
using Incentives.Rewards.Randomness;

namespace Incentives.Rewards.Envelopes;

/// <summary>
/// What a red-envelope pool is: a total split into a number of envelopes, each between a minimum and a maximum,
/// with a split algorithm and optionally lucky amounts. Checked when constructed, so that every split of a valid
/// spec succeeds: every envelope within [minimum, maximum] and the envelopes summing exactly to the total.
/// </summary>
/// <remarks>
/// Equality is reference equality. Create a <see cref="RedEnvelopeSplitter"/> to stream the amounts, or a
/// <see cref="RedEnvelopePool"/> to open them one at a time from many threads.
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class RedEnvelopeSpec
{
    /// <summary>Initializes a spec and checks that a split exists.</summary>
    /// <param name="total">The pool: what all envelopes add up to, exactly. Zero or more.</param>
    /// <param name="count">The number of envelopes, at least 1.</param>
    /// <param name="minimum">The smallest amount of one envelope (zero or more), in the pool's currency.</param>
    /// <param name="maximum">The largest amount of one envelope, at least <paramref name="minimum"/>, in the pool's currency.</param>
    /// <param name="algorithm">The split algorithm; <see cref="EnvelopeAlgorithm.DoubleMean"/> by default.</param>
    /// <param name="luckyAmounts">
    /// When <see langword="true"/>, every envelope but the last is moved to a nearby amount ending in 6 or 8 without
    /// a 4 where its bounds allow (see docs/rewards.md). <see langword="false"/> by default.
    /// </param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// <paramref name="count"/> is zero or negative; <paramref name="total"/> or <paramref name="minimum"/> is negative;
    /// <paramref name="maximum"/> is below <paramref name="minimum"/>; <paramref name="algorithm"/> is undefined.
    /// </exception>
    /// <exception cref="CurrencyMismatchException"><paramref name="minimum"/> or <paramref name="maximum"/> is not in the currency of <paramref name="total"/>.</exception>
    /// <exception cref="ArgumentException">
    /// No split can satisfy the bounds: <c>count × minimum &gt; total</c> or <c>count × maximum &lt; total</c>
    /// (parameter <c>total</c>; the message shows the numbers).
    /// </exception>
    public RedEnvelopeSpec(
        Money total,
        int count,
        Money minimum,
        Money maximum,
        EnvelopeAlgorithm algorithm = EnvelopeAlgorithm.DoubleMean,
        bool luckyAmounts = false)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        if (minimum.Currency != total.Currency)
        {
            throw new CurrencyMismatchException(total.Currency, minimum.Currency, nameof(minimum));
        }

        if (maximum.Currency != total.Currency)
        {
            throw new CurrencyMismatchException(total.Currency, maximum.Currency, nameof(maximum));
        }

        if (total.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(total), total, "The pool's total must be zero or more.");
        }

        if (minimum.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(minimum), minimum, "The minimum envelope must be zero or more.");
        }

        if (maximum.MinorUnits < minimum.MinorUnits)
        {
            throw new ArgumentOutOfRangeException(nameof(maximum), maximum, $"The maximum envelope must be at least the minimum ({minimum}).");
        }

        if (!Enum.IsDefined(algorithm))
        {
            throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Not a defined EnvelopeAlgorithm.");
        }

        var lowest = (Int128)count * minimum.MinorUnits;
        if (lowest > total.MinorUnits)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{count} envelopes of at least {minimum} need {Format(lowest, total.Currency)}, more than the pool's {total}: lower the minimum or the count, or raise the total."),
                nameof(total));
        }

        var highest = (Int128)count * maximum.MinorUnits;
        if (highest < total.MinorUnits)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"{count} envelopes of at most {maximum} hold at most {Format(highest, total.Currency)}, less than the pool's {total}: raise the maximum or the count, or lower the total."),
                nameof(total));
        }

        Total = total;
        Count = count;
        Minimum = minimum;
        Maximum = maximum;
        Algorithm = algorithm;
        LuckyAmounts = luckyAmounts;
    }

    /// <summary>Gets the pool's total, which the envelopes add up to exactly.</summary>
    public Money Total { get; }

    /// <summary>Gets the number of envelopes.</summary>
    public int Count { get; }

    /// <summary>Gets the smallest amount of one envelope.</summary>
    public Money Minimum { get; }

    /// <summary>Gets the largest amount of one envelope.</summary>
    public Money Maximum { get; }

    /// <summary>Gets the split algorithm.</summary>
    public EnvelopeAlgorithm Algorithm { get; }

    /// <summary>Gets a value indicating whether envelopes are moved to lucky amounts where their bounds allow.</summary>
    public bool LuckyAmounts { get; }

    /// <summary>Gets the currency of the pool.</summary>
    public Currency Currency => Total.Currency;

    /// <summary>Creates a splitter that yields this pool's envelopes one at a time, in constant memory.</summary>
    /// <param name="random">
    /// The random source, used by the splitter alone (a <see cref="SeededRandomSource"/> replays the same split from
    /// the same seed; <see cref="SecureRandomSource.Shared"/> for unpredictable amounts).
    /// </param>
    /// <returns>A new splitter positioned before the first envelope.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is <see langword="null"/>.</exception>
    public RedEnvelopeSplitter CreateSplitter(IRandomSource random) => new(this, random);

    /// <summary>Streams all <see cref="Count"/> envelopes in opening order without materialising them.</summary>
    /// <param name="random">The random source, used by this enumeration alone.</param>
    /// <returns>A lazy sequence of exactly <see cref="Count"/> amounts that sum to <see cref="Total"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is <see langword="null"/>.</exception>
    public IEnumerable<Money> Split(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        return Iterate(CreateSplitter(random));

        static IEnumerable<Money> Iterate(RedEnvelopeSplitter splitter)
        {
            while (splitter.TryNext(out var amount))
            {
                yield return amount;
            }
        }
    }

    /// <inheritdoc />
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Total} in {Count} envelopes of {Minimum.FormatInvariantAmount()}..{Maximum.FormatInvariantAmount()} ({Algorithm}{(LuckyAmounts ? ", lucky" : string.Empty)})");

    private static string Format(Int128 minorUnits, Currency currency) =>
        minorUnits > long.MaxValue ? "more than any Money can hold" : Money.FromMinorUnits((long)minorUnits, currency).ToString();
}
