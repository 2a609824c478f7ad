using System;
using System.Threading;
using Incentives.Rewards.Randomness;

namespace Incentives.Rewards.Envelopes;

/// <summary>
/// A shared red-envelope pool that many participants open concurrently: each envelope is opened exactly once, the
/// pool is never over-drawn, and the opened amounts sum exactly to the total once all are opened.
/// </summary>
/// <remarks>
/// <para>
/// Each envelope is drawn when it is opened (for <see cref="EnvelopeAlgorithm.DoubleMean"/> that is the algorithm
/// itself) by a <see cref="RedEnvelopeSplitter"/> under a short lock: one draw of a few nanoseconds per opening, no
/// allocation. The n-th opening gets the n-th amount of the split, so with a <see cref="SeededRandomSource"/> the
/// amounts by <see cref="EnvelopeOpening.Sequence"/> can be replayed for audit with
/// <see cref="RedEnvelopeSpec.Split(IRandomSource)"/> from the same seed, whatever the interleaving of threads.
/// </para>
/// <para>The pool keeps its state in memory; persist the seed and <see cref="OpenedCount"/> to rebuild it after a restart with <see cref="RedEnvelopePool(RedEnvelopeSpec, IRandomSource, int)"/>.</para>
/// </remarks>
/// <threadsafety>Thread-safe: all members may be called concurrently.</threadsafety>
public sealed class RedEnvelopePool
{
    private readonly Lock gate = new();
    private readonly RedEnvelopeSplitter splitter;
    private int opened;

    /// <summary>Initializes a pool that draws with the shared <see cref="SecureRandomSource"/>.</summary>
    /// <param name="spec">The pool's spec.</param>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> is <see langword="null"/>.</exception>
    public RedEnvelopePool(RedEnvelopeSpec spec)
        : this(spec, SecureRandomSource.Shared)
    {
    }

    /// <summary>Initializes a pool that draws with the given random source.</summary>
    /// <param name="spec">The pool's spec.</param>
    /// <param name="random">
    /// The random source. The pool uses it only under its lock, so a non-thread-safe <see cref="SeededRandomSource"/> is
    /// fine provided nothing else uses the same instance.
    /// </param>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> or <paramref name="random"/> is <see langword="null"/>.</exception>
    public RedEnvelopePool(RedEnvelopeSpec spec, IRandomSource random)
        : this(spec, random, alreadyOpened: 0)
    {
    }

    /// <summary>
    /// Rebuilds a pool after a restart: a pool with the same spec and a source with the same seed, with the first
    /// <paramref name="alreadyOpened"/> envelopes drawn and marked as opened, so the next opening continues the split.
    /// </summary>
    /// <param name="spec">The pool's spec.</param>
    /// <param name="random">A random source in the state it had when the pool was first created (e.g. a new <see cref="SeededRandomSource"/> with the recorded seed).</param>
    /// <param name="alreadyOpened">How many envelopes were opened before, 0 to <see cref="RedEnvelopeSpec.Count"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="spec"/> or <paramref name="random"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="alreadyOpened"/> is negative or more than the count.</exception>
    public RedEnvelopePool(RedEnvelopeSpec spec, IRandomSource random, int alreadyOpened)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfNegative(alreadyOpened);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(alreadyOpened, spec.Count);
        splitter = spec.CreateSplitter(random);
        for (var i = 0; i < alreadyOpened; i++)
        {
            splitter.TryNext(out _);
        }

        opened = alreadyOpened;
    }

    /// <summary>Gets the pool's spec.</summary>
    public RedEnvelopeSpec Spec => splitter.Spec;

    /// <summary>Gets how many envelopes have been opened.</summary>
    public int OpenedCount => Volatile.Read(ref opened);

    /// <summary>Gets how many envelopes are left.</summary>
    public int RemainingCount => Spec.Count - OpenedCount;

    /// <summary>Gets the amount left in the pool.</summary>
    public Money RemainingAmount
    {
        get
        {
            lock (gate)
            {
                return splitter.RemainingAmount;
            }
        }
    }

    /// <summary>Opens the next envelope.</summary>
    /// <returns>The amount and its opening position, or an unopened outcome when the pool is empty (never an exception).</returns>
    public EnvelopeOpening Open()
    {
        lock (gate)
        {
            if (!splitter.TryNext(out var amount))
            {
                return EnvelopeOpening.Exhausted(Spec.Currency);
            }

            var sequence = opened + 1;
            Volatile.Write(ref opened, sequence);
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
}
