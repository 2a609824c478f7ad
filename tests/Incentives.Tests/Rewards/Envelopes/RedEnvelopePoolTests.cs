using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Incentives.Rewards.Envelopes;
using Incentives.Rewards.Randomness;

namespace Incentives.Tests.Rewards.Envelopes;

public sealed class RedEnvelopePoolTests
{
    private static Money Cny(decimal amount) => Money.FromDecimal(amount, Currency.CNY);

    [Fact]
    public void Many_threads_open_every_envelope_exactly_once_and_the_amounts_sum_to_the_pool()
    {
        // 20,000 envelopes of a 100,000.00 CNY pool, 1.00..200.00 each, opened by 8 threads racing from one barrier.
        const int Envelopes = 20_000;
        const int Threads = 8;
        var spec = new RedEnvelopeSpec(Cny(100_000m), Envelopes, Cny(1m), Cny(200m));
        var pool = new RedEnvelopePool(spec, new SeededRandomSource(2026));
        using var start = new Barrier(Threads);
        var perThread = new List<EnvelopeOpening>[Threads];

        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var mine = new List<EnvelopeOpening>();
            start.SignalAndWait();
            while (true)
            {
                var opening = pool.Open();
                if (!opening.IsOpened)
                {
                    break;
                }

                mine.Add(opening);
            }

            perThread[t] = mine;
        })).ToArray();
        Array.ForEach(workers, w => w.Start());
        Assert.All(workers, w => Assert.True(w.Join(TimeSpan.FromMinutes(2))));

        var all = perThread.SelectMany(l => l).ToArray();
        Assert.Equal(Envelopes, all.Length);
        Assert.Equal(Enumerable.Range(1, Envelopes), all.Select(o => o.Sequence).Order());
        Assert.Equal(spec.Total.MinorUnits, all.Sum(o => o.Amount.MinorUnits));
        Assert.All(all, o => Assert.InRange(o.Amount.MinorUnits, 100, 20_000));

        // Audit: whatever the interleaving, the n-th opening holds the n-th amount of the seeded split.
        var replay = spec.Split(new SeededRandomSource(2026)).ToArray();
        Assert.All(all, o => Assert.Equal(replay[o.Sequence - 1], o.Amount));
        Assert.Equal(0, pool.RemainingCount);
        Assert.Equal(Money.Zero(Currency.CNY), pool.RemainingAmount);
    }

    [Fact]
    public void An_exhausted_pool_returns_a_value_not_an_exception()
    {
        var pool = new RedEnvelopePool(new RedEnvelopeSpec(Cny(3m), 2, Cny(1m), Cny(2m)));

        Assert.True(pool.TryOpen(out var first));
        Assert.True(pool.TryOpen(out var second));
        Assert.False(pool.TryOpen(out var none));
        var after = pool.Open();

        Assert.Equal(Cny(3m), first + second);
        Assert.Equal(Money.Zero(Currency.CNY), none);
        Assert.False(after.IsOpened);
        Assert.Equal(0, after.Sequence);
        Assert.Equal(2, pool.OpenedCount);
    }

    [Fact]
    public void Pool_tracks_what_is_left_as_envelopes_are_opened()
    {
        var pool = new RedEnvelopePool(new RedEnvelopeSpec(Cny(100m), 10, Cny(1m), Cny(20m)), new SeededRandomSource(7));

        var opened = pool.Open();

        Assert.Equal(9, pool.RemainingCount);
        Assert.Equal(Cny(100m) - opened.Amount, pool.RemainingAmount);
    }

    [Fact]
    public void A_pool_rebuilt_from_its_seed_and_opened_count_continues_the_split()
    {
        var spec = new RedEnvelopeSpec(Cny(100m), 10, Cny(1m), Cny(20m));
        var original = new RedEnvelopePool(spec, new SeededRandomSource(77));
        var before = Enumerable.Range(0, 4).Select(_ => original.Open()).ToArray();

        var rebuilt = new RedEnvelopePool(spec, new SeededRandomSource(77), alreadyOpened: original.OpenedCount);
        var after = Enumerable.Range(0, 6).Select(_ => rebuilt.Open()).ToArray();

        Assert.Equal(spec.Split(new SeededRandomSource(77)), before.Concat(after).Select(o => o.Amount));
        Assert.Equal(Enumerable.Range(5, 6), after.Select(o => o.Sequence));
        Assert.False(rebuilt.Open().IsOpened);
        Assert.Equal("alreadyOpened", Assert.Throws<ArgumentOutOfRangeException>(() => new RedEnvelopePool(spec, new SeededRandomSource(77), 11)).ParamName);
    }

    [Fact]
    public void Construction_null_arguments_are_rejected()
    {
        var spec = new RedEnvelopeSpec(Cny(3m), 2, Cny(1m), Cny(2m));

        Assert.Equal("spec", Assert.Throws<ArgumentNullException>(() => new RedEnvelopePool(null!)).ParamName);
        Assert.Equal("random", Assert.Throws<ArgumentNullException>(() => new RedEnvelopePool(spec, null!)).ParamName);
        Assert.Equal("random", Assert.Throws<ArgumentNullException>(() => spec.Split(null!)).ParamName);
    }
}
