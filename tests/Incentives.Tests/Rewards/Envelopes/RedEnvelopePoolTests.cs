using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
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
    public void A_pool_restored_from_its_state_continues_the_pool_and_the_opening_numbers()
    {
        var spec = new RedEnvelopeSpec(Cny(100m), 10, Cny(1m), Cny(20m));
        var original = new RedEnvelopePool(spec, new SeededRandomSource(77));
        var before = Enumerable.Range(0, 4).Select(_ => original.Open()).ToArray();
        var state = original.State;

        var restored = new RedEnvelopePool(spec, state, new SeededRandomSource(78));
        Assert.Equal(state, restored.State);
        var after = Enumerable.Range(0, 6).Select(_ => restored.Open()).ToArray();

        Assert.Equal(new RedEnvelopePoolState(Cny(100m) - before.Aggregate(Cny(0m), (sum, o) => sum + o.Amount), 6), state);
        Assert.Equal(Cny(100m), before.Concat(after).Aggregate(Cny(0m), (sum, o) => sum + o.Amount));
        Assert.All(after, o => Assert.InRange(o.Amount.MinorUnits, 100, 2_000));
        Assert.Equal(Enumerable.Range(5, 6), after.Select(o => o.Sequence));
        Assert.False(restored.Open().IsOpened);
    }

    [Fact]
    public void A_pool_restored_with_a_secure_source_never_pays_more_than_its_total()
    {
        // The reviewer's case: 100.00 CNY in 2 envelopes of 0.01..99.99. Rebuilding from the spec and an opened count
        // with another source than the one that drew the first envelope paid up to 198.11 CNY; the state cannot.
        var spec = new RedEnvelopeSpec(Cny(100m), 2, Cny(0.01m), Cny(99.99m));
        for (var seed = 0UL; seed < 50; seed++)
        {
            var pool = new RedEnvelopePool(spec, new SeededRandomSource(seed));
            Assert.True(pool.TryOpen(out var first));

            var restored = new RedEnvelopePool(spec, pool.State, SecureRandomSource.Shared);
            Assert.True(restored.TryOpen(out var second));

            Assert.Equal(Cny(100m), first + second);
            Assert.False(restored.TryOpen(out _));
        }
    }

    [Property(MaxTest = 150)]
    public Property Restoring_a_pool_from_its_state_with_any_source_keeps_every_envelope_in_bounds_and_the_sum_exact() =>
        Prop.ForAll(SplitCase.Feasible(), Gen.Choose(0, 1_000).ToArbitrary(), Gen.Choose(0, int.MaxValue).ToArbitrary(), (c, share, otherSeed) =>
        {
            var pool = new RedEnvelopePool(c.Spec, new SeededRandomSource(c.Seed));
            var opened = c.Count * share / 1_000;
            var paid = Enumerable.Range(0, opened).Select(_ => pool.Open().Amount.MinorUnits).ToList();
            var restored = new RedEnvelopePool(c.Spec, pool.State, new SeededRandomSource((ulong)otherSeed));
            while (restored.TryOpen(out var amount))
            {
                paid.Add(amount.MinorUnits);
            }

            return paid.Count == c.Count && paid.Sum() == c.Total && paid.All(a => a >= c.Minimum && a <= c.Maximum);
        });

    [Fact]
    public void A_state_that_cannot_belong_to_the_pool_is_rejected()
    {
        var spec = new RedEnvelopeSpec(Cny(100m), 10, Cny(1m), Cny(20m));
        var random = new SeededRandomSource(1);

        RedEnvelopePoolState[] impossible =
        [
            new(Money.FromDecimal(50m, Currency.USD), 5), // another currency
            new(Cny(100m), 11), // more envelopes than the pool has
            new(Cny(0m), -1),
            new(Cny(3m), 5), // 5 envelopes of at least 1.00 cannot hold 3.00
            new(Cny(101m), 10), // more than the total
            new(Cny(8m), 8), // 2 envelopes of at most 20.00 cannot have paid 92.00
            new(Cny(5m), 0), // nothing left but an amount
            default, // no currency
        ];

        Assert.All(impossible, state => Assert.Equal("state", Assert.Throws<ArgumentException>(() => new RedEnvelopePool(spec, state, random)).ParamName));
        Assert.Equal(0, new RedEnvelopePool(spec, new RedEnvelopePoolState(Cny(0m), 0), random).RemainingCount);
    }

    [Fact]
    public void A_returned_envelope_goes_back_into_the_pool()
    {
        var spec = new RedEnvelopeSpec(Cny(100m), 10, Cny(1m), Cny(20m));
        var pool = new RedEnvelopePool(spec, new SeededRandomSource(3));
        var before = pool.State;

        var opening = pool.Open();
        pool.Return(opening.Amount);

        Assert.Equal(before, pool.State);
        Assert.Equal(0, pool.OpenedCount);
        Assert.Equal(2, pool.Open().Sequence); // opening numbers never repeat
    }

    [Fact]
    public void A_return_the_pool_cannot_have_given_out_is_rejected_and_changes_nothing()
    {
        var spec = new RedEnvelopeSpec(Cny(100m), 10, Cny(1m), Cny(20m));
        var pool = new RedEnvelopePool(spec, new SeededRandomSource(3));

        Assert.Equal("amount", Assert.Throws<ArgumentException>(() => pool.Return(Cny(5m))).ParamName); // nothing is out
        var opened = pool.Open().Amount;
        var state = pool.State;

        Assert.Equal("amount", Assert.Throws<ArgumentException>(() => pool.Return(Cny(0.99m))).ParamName); // below the minimum
        Assert.Equal("amount", Assert.Throws<ArgumentException>(() => pool.Return(Cny(20.01m))).ParamName); // above the maximum
        Assert.Equal("amount", Assert.Throws<CurrencyMismatchException>(() => pool.Return(Money.FromDecimal(5m, Currency.USD))).ParamName);
        if (opened != Cny(20m))
        {
            // One envelope is out, holding `opened`: more than that cannot come back.
            Assert.Equal("amount", Assert.Throws<ArgumentException>(() => pool.Return(opened + Cny(0.01m))).ParamName);
        }

        Assert.Equal(state, pool.State);
        pool.Return(opened);
        Assert.Equal(RedEnvelopePoolState.Initial(spec), pool.State);
    }

    [Property(MaxTest = 200)]
    public Property Any_interleaving_of_opens_and_returns_still_sums_exactly_to_the_total() =>
        Prop.ForAll(
            SplitCase.Feasible(),
            Gen.ListOf(Gen.Choose(0, 99)).Select(l => l.ToArray()).ToArbitrary(),
            (c, steps) =>
            {
                // Each step opens (< 60) or returns one of the envelopes still out, chosen by the step's value.
                var pool = new RedEnvelopePool(c.Spec, new SeededRandomSource(c.Seed));
                var kept = new List<long>();
                foreach (var step in steps)
                {
                    if (step < 60 || kept.Count == 0)
                    {
                        if (pool.TryOpen(out var amount))
                        {
                            kept.Add(amount.MinorUnits);
                        }
                    }
                    else
                    {
                        var index = step % kept.Count;
                        pool.Return(Money.FromMinorUnits(kept[index], Currency.CNY));
                        kept.RemoveAt(index);
                    }
                }

                while (pool.TryOpen(out var rest))
                {
                    kept.Add(rest.MinorUnits);
                }

                return kept.Count == c.Count && kept.Sum() == c.Total && kept.All(a => a >= c.Minimum && a <= c.Maximum);
            });

    [Fact]
    public void Many_threads_opening_and_returning_leave_every_envelope_opened_once_and_the_sum_exact()
    {
        // 4 threads open 5,000 envelopes of a 10,000.00 CNY pool; each returns about a third of what it opens
        // (decided by its own seeded source), the others are kept. At the end the kept envelopes are the whole pool.
        const int Envelopes = 5_000;
        const int Threads = 4;
        var spec = new RedEnvelopeSpec(Cny(10_000m), Envelopes, Cny(0.5m), Cny(10m));
        var pool = new RedEnvelopePool(spec, new SeededRandomSource(2027));
        using var start = new Barrier(Threads);
        var perThread = new List<long>[Threads];
        var returns = new int[Threads];

        var workers = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
        {
            var mine = new List<long>();
            var coin = new SeededRandomSource((ulong)t);
            start.SignalAndWait();
            while (pool.TryOpen(out var amount))
            {
                if (coin.NextInt64(0, 3) == 0)
                {
                    pool.Return(amount);
                    returns[t]++;
                }
                else
                {
                    mine.Add(amount.MinorUnits);
                }
            }

            perThread[t] = mine;
        })).ToArray();
        Array.ForEach(workers, w => w.Start());
        Assert.All(workers, w => Assert.True(w.Join(TimeSpan.FromMinutes(2))));

        var kept = perThread.SelectMany(l => l).ToArray();
        Assert.True(returns.Sum() > 1_000, "the threads returned envelopes while others were opening");
        Assert.Equal(Envelopes, kept.Length);
        Assert.Equal(spec.Total.MinorUnits, kept.Sum());
        Assert.All(kept, a => Assert.InRange(a, 50, 1_000));
        Assert.Equal(new RedEnvelopePoolState(Cny(0m), 0), pool.State);
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
