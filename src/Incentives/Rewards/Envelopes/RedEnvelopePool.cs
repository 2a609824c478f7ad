using System;
using System.Globalization;
using System.Threading;
using Incentives.Rewards.Randomness;

namespace Incentives.Rewards.Envelopes;

/// <summary>
/// A shared red-envelope pool that many participants open concurrently: each envelope is opened exactly once, the
/// pool is never over-drawn, and the envelopes given out (net of those returned) sum exactly to the total once all
/// are opened.
/// </summary>
/// <remarks>
/// <para>
/// Each envelope is drawn when it is opened (for <see cref="EnvelopeAlgorithm.DoubleMean"/> that is the algorithm
/// itself) by a <see cref="RedEnvelopeSplitter"/> under a short lock: one draw of a few nanoseconds per opening, no
/// allocation. As long as nothing is returned, the n-th opening gets the n-th amount of the split, so with a
/// <see cref="SeededRandomSource"/> the amounts by <see cref="EnvelopeOpening.Sequence"/> can be replayed for audit
/// with <see cref="RedEnvelopeSpec.Split(IRandomSource)"/> from the same seed, whatever the interleaving of threads.
/// </para>
/// <para>
/// <b>State and restarts.</b> The pool's whole state is <see cref="State"/>: the remaining amount and the remaining
/// count. It lives in memory; persist it together with every grant (in the same transaction) and restore the pool with
/// <see cref="RedEnvelopePool(RedEnvelopeSpec, RedEnvelopePoolState, IRandomSource)"/>. A pool restored from its state
/// can never pay more than its total, with any random source; a pool rebuilt from its spec alone starts again from the
/// full total and would pay the opened envelopes a second time.
/// </para>
/// <para>
/// <b>Returns.</b> An envelope whose reward could not be granted (for example the budget denied it) is taken back with
/// <see cref="Return(Money)"/>: the pool then holds one more envelope of that amount, so it still sums exactly to its
/// total. Replaying the split from the seed then no longer matches the openings after the return.
/// </para>
/// </remarks>
/// <threadsafety>Thread-safe: all members may be called concurrently.</threadsafety>
public sealed class RedEnvelopePool
{
    private readonly Lock gate = new();
    private readonly RedEnvelopeSplitter splitter;
    private int sequence;
    private int remaining;

    /// <summary>Initializes a pool that draws with the shared <see cref="SecureRandomSource"/>.</summary>
    /// <param name="spec">The pool's spec.</param>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    public RedEnvelopePool(RedEnvelopeSpec spec)
        : this(spec, SecureRandomSource.Shared)
    {
    }

    /// <summary>Initializes a new, unopened pool that draws with the given random source.</summary>
    /// <param name="spec">The pool's spec.</param>
    /// <param name="random">
    /// The random source. The pool uses it only under its lock, so a non-thread-safe <see cref="SeededRandomSource"/> is
    /// fine provided nothing else uses the same instance.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> or <paramref name="random"/> is <see langword="null"/>.</exception>
    public RedEnvelopePool(RedEnvelopeSpec spec, IRandomSource random)
        : this(spec, RedEnvelopePoolState.Initial(spec ?? throw new ArgumentNullException(nameof(spec))), random)
    {
    }

    /// <summary>
    /// Restores a pool after a restart from its persisted <see cref="State"/>: the next opening draws from the amount
    /// and count that were left, so the pool as a whole still pays exactly its total.
    /// </summary>
    /// <param name="spec">The pool's spec.</param>
    /// <param name="state">The state persisted with the last grant (<see cref="State"/>), or <see cref="RedEnvelopePoolState.Initial"/>.</param>
    /// <param name="random">Any random source: the state alone keeps every later envelope within bounds and the sum exact.</param>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> or <paramref name="random"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="state"/> cannot be a state of this pool: another currency, a count outside [0, count], a
    /// remaining amount that the remaining envelopes cannot hold within [minimum, maximum], or one that leaves the opened
    /// envelopes outside their bounds (parameter <c>state</c>).
    /// </exception>
    public RedEnvelopePool(RedEnvelopeSpec spec, RedEnvelopePoolState state, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(random);
        if (StateError(spec, state) is { } error)
        {
            throw new ArgumentException($"The state {state} is not a state of the pool {spec}: {error}", nameof(state));
        }

        splitter = new RedEnvelopeSplitter(spec, random, state.RemainingAmount.MinorUnits, state.RemainingCount);
        remaining = state.RemainingCount;
        sequence = spec.Count - state.RemainingCount;
        Seed = random is SeededRandomSource seeded ? seeded.Seed : null;
    }

    /// <summary>Gets the pool's spec.</summary>
    public RedEnvelopeSpec Spec => splitter.Spec;

    /// <summary>Gets the seed of the pool's random source when it is a <see cref="SeededRandomSource"/>, otherwise <see langword="null"/>.</summary>
    public ulong? Seed { get; }

    /// <summary>Gets how many envelopes are out: opened and not returned.</summary>
    public int OpenedCount => Spec.Count - RemainingCount;

    /// <summary>Gets how many envelopes are left.</summary>
    public int RemainingCount => Volatile.Read(ref remaining);

    /// <summary>Gets the amount left in the pool.</summary>
    public Money RemainingAmount => State.RemainingAmount;

    /// <summary>Gets a consistent snapshot of the pool's whole state (remaining amount and count), to persist.</summary>
    public RedEnvelopePoolState State
    {
        get
        {
            lock (gate)
            {
                return new(splitter.RemainingAmount, splitter.RemainingCount);
            }
        }
    }

    /// <summary>Opens the next envelope.</summary>
    /// <returns>The amount and its opening number, or an unopened outcome when the pool is empty (never an exception).</returns>
    public EnvelopeOpening Open()
    {
        lock (gate)
        {
            if (!splitter.TryNext(out var amount))
            {
                return EnvelopeOpening.Exhausted(Spec.Currency);
            }

            Volatile.Write(ref remaining, splitter.RemainingCount);
            sequence++;
            return EnvelopeOpening.Opened(amount, sequence);
        }
    }

    /// <summary>Opens the next envelope if any is left.</summary>
    /// <param name="amount">The envelope's amount, or zero when the pool is empty.</param>
    /// <returns><see langword="true"/> when an envelope was opened.</returns>
    public bool TryOpen(out Money amount)
    {
        var opening = Open();
        amount = opening.Amount;
        return opening.IsOpened;
    }

    /// <summary>
    /// Takes back an opened envelope that could not be granted: the pool then holds one more envelope and
    /// <paramref name="amount"/> more, so the envelopes still sum exactly to the total and stay within bounds.
    /// </summary>
    /// <param name="amount">The amount of an envelope this pool gave out and that was not granted.</param>
    /// <remarks>
    /// The pool keeps no list of the envelopes it gave out (its state is two numbers), so it checks what it can: the
    /// currency, that the amount is within [minimum, maximum], that at least one envelope is out, and that the
    /// envelopes still out can hold what is left of the total without it (each within bounds). An amount that passes
    /// these checks but was never given out (or is returned twice) cannot be detected: return each outcome once.
    /// </remarks>
    /// <exception cref="ArgumentException">
    /// <paramref name="amount"/> fails one of those checks (<see cref="CurrencyMismatchException"/> for the currency);
    /// the pool is unchanged.
    /// </exception>
    public void Return(Money amount)
    {
        if (amount.Currency != Spec.Currency)
        {
            throw new CurrencyMismatchException(Spec.Currency, amount.Currency, nameof(amount));
        }

        lock (gate)
        {
            var state = new RedEnvelopePoolState(splitter.RemainingAmount + amount, splitter.RemainingCount + 1);
            if (amount.MinorUnits < Spec.Minimum.MinorUnits || amount.MinorUnits > Spec.Maximum.MinorUnits)
            {
                throw new ArgumentException($"{amount} is outside the pool's envelopes ({Spec.Minimum}..{Spec.Maximum}): this pool never gave it out.", nameof(amount));
            }

            if (splitter.RemainingCount >= Spec.Count || StateError(Spec, state) is not null)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"{amount} cannot have come from this pool: {OpenedCount} envelopes are out, holding {Spec.Total - splitter.RemainingAmount} together."),
                    nameof(amount));
            }

            splitter.TakeBack(amount.MinorUnits);
            Volatile.Write(ref remaining, splitter.RemainingCount);
        }
    }

    /// <summary>Says why a state cannot be a state of the pool, or returns <see langword="null"/> when it can.</summary>
    private static string? StateError(RedEnvelopeSpec spec, RedEnvelopePoolState state)
    {
        var left = state.RemainingAmount;
        var k = state.RemainingCount;
        if (left.Currency != spec.Currency)
        {
            return $"it is in {left.Currency.Code}, the pool in {spec.Currency.Code}.";
        }

        if (k < 0 || k > spec.Count)
        {
            return string.Create(CultureInfo.InvariantCulture, $"the remaining count must be between 0 and {spec.Count}.");
        }

        var min = spec.Minimum.MinorUnits;
        var max = spec.Maximum.MinorUnits;
        var r = left.MinorUnits;
        var opened = spec.Count - k;
        var given = (Int128)spec.Total.MinorUnits - r;
        if (r < 0 || (Int128)k * min > r || (Int128)k * max < r)
        {
            return "the remaining envelopes cannot hold the remaining amount within their bounds.";
        }

        if ((Int128)opened * min > given || (Int128)opened * max < given)
        {
            return "the envelopes given out cannot hold the rest of the total within their bounds.";
        }

        return null;
    }
}
