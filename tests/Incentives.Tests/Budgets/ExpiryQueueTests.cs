using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Budgets;
using NodaTime;

namespace Incentives.Tests.Budgets;

/// <summary>
/// The in-memory ledger's expiry queue (a FIFO for expiries in order, a heap for the others) must hand out every
/// expiry once, never before it is due, earliest first, whatever the order they arrived in.
/// </summary>
public sealed class ExpiryQueueTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 10, 8, 0);

    [Property(MaxTest = 200)]
    public Property Every_expiry_is_dequeued_once_not_before_it_is_due_and_earliest_first() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(0, 200))), Arb.From(Gen.Choose(0, 250)), (minutes, cut) =>
        {
            var queue = new ExpiryQueue<long>();
            for (var i = 0; i < minutes.Length; i++)
            {
                queue.Enqueue(i + 1, T0 + Duration.FromMinutes(minutes[i]));
            }

            var now = T0 + Duration.FromMinutes(cut);
            var due = Drain(queue, now);
            var rest = Drain(queue, Instant.MaxValue);

            Assert.Equal(minutes.Select((m, i) => (long)i + 1).Where(id => minutes[id - 1] <= cut).Order(), due.Select(d => d.Id).Order());
            Assert.All(due, d => Assert.True(d.At <= now));
            Assert.All(rest, d => Assert.True(d.At > now));
            Assert.Equal(due.Concat(rest).Select(d => d.At).Order(), due.Concat(rest).Select(d => d.At));
            Assert.Equal(minutes.Length, due.Count + rest.Count);
            Assert.Equal(0, queue.Count);
            return true;
        });

    /// <summary>One step of the model-based property: queue an item (kind 0-3), take what is due (4), or trim (5, and rename every item when <see cref="Seconds"/> is odd).</summary>
    public sealed record Step(int Kind, int Seconds);

    [Property(MaxTest = 300)]
    public Property Interleaved_queues_takes_and_trims_always_hand_out_the_earliest_due_item_as_a_sorted_reference_would() =>
        Prop.ForAll(
            Arb.From(Gen.ListOf(
                from kind in Gen.Frequency((5, Gen.Constant(0)), (2, Gen.Constant(1)), (1, Gen.Constant(2)), (2, Gen.Constant(3)), (2, Gen.Constant(4)), (1, Gen.Constant(5)))
                from seconds in Gen.Choose(0, 600)
                select new Step(kind, seconds)).Resize(500).Select(l => l.ToArray())), // long enough for the heap to outgrow the ring
            steps =>
            {
                var queue = new ExpiryQueue<long>();
                var reference = new List<(long Id, Instant At)>();
                var now = T0;
                var clock = T0; // the time the items' instants follow
                long id = 0;
                foreach (var step in steps)
                {
                    Instant? at = step.Kind switch
                    {
                        0 => clock += Duration.FromSeconds(step.Seconds % 5), // in order, close together
                        1 => clock + Duration.FromMinutes(15) - Duration.FromSeconds(step.Seconds % 20), // a second offset, slightly disordered
                        2 => clock + Duration.FromDays(1 + (step.Seconds % 3)), // far ahead
                        3 => clock += Duration.FromSeconds(step.Seconds), // a jump of up to ten minutes
                        _ => null,
                    };
                    if (at is { } instant)
                    {
                        queue.Enqueue(++id, instant);
                        reference.Add((id, instant));
                    }
                    else if (step.Kind == 4)
                    {
                        now += Duration.FromSeconds(step.Seconds * 3);
                        while (queue.TryDequeueDue(now, out var taken, out var takenAt))
                        {
                            var earliest = reference.Min(r => r.At);
                            Assert.Equal(earliest, takenAt);
                            Assert.True(takenAt <= now);
                            Assert.Contains((taken, takenAt), reference);
                            reference.Remove((taken, takenAt));
                        }

                        Assert.True(reference.Count == 0 || reference.Min(r => r.At) > now);
                    }
                    else
                    {
                        queue.TrimExcess();
                        if (step.Seconds % 2 == 1)
                        {
                            // Every item renamed in place (ring and heap): each keeps its instant and its turn.
                            queue.Map(item => -item);
                            reference = reference.Select(r => (-r.Id, r.At)).ToList();
                        }
                    }

                    Assert.Equal(reference.Count, queue.Count);
                }

                Assert.Equal(reference.OrderBy(r => r.At).Select(r => r.At), Drain(queue, Instant.MaxValue).Select(d => d.At));
            });

    [Fact]
    public void Expiries_in_order_stay_out_of_the_heap_and_an_earlier_one_goes_to_it()
    {
        var queue = new ExpiryQueue<long>();
        for (var i = 0; i < 100; i++)
        {
            queue.Enqueue(i + 1, T0 + Duration.FromMinutes(i));
        }

        queue.Enqueue(101, T0 + Duration.FromSeconds(30));

        Assert.Equal((101, 1), (queue.Count, queue.OutOfOrderCount));
        Assert.Equal(new long[] { 1, 101, 2 }, Drain(queue, T0 + Duration.FromMinutes(1)).Select(d => d.Id));
    }

    [Fact]
    public void Trimming_shrinks_the_ring_only_when_it_is_far_larger_than_what_it_held_since_the_last_trim()
    {
        var queue = new ExpiryQueue<long>();
        for (var i = 0; i < 1000; i++)
        {
            queue.Enqueue(i + 1, T0 + Duration.FromMinutes(i));
        }

        // Drained before the trim, but it held 1000 since the last one: the working size is kept.
        Drain(queue, Instant.MaxValue);
        queue.TrimExcess();
        Assert.Equal(1024, queue.Capacity);

        queue.Enqueue(1001, T0);
        queue.TrimExcess();
        Assert.Equal(16, queue.Capacity);
        Assert.Equal(new long[] { 1001 }, Drain(queue, Instant.MaxValue).Select(d => d.Id));
    }

    [Fact]
    public void An_item_far_ahead_goes_to_the_heap_so_the_items_after_it_stay_in_the_ring()
    {
        var queue = new ExpiryQueue<long>();
        for (var i = 0; i < 10; i++)
        {
            queue.Enqueue(i + 1, T0 + Duration.FromSeconds(i));
        }

        queue.Enqueue(999, T0 + Duration.FromDays(365)); // a claim stamped a year ahead
        for (var i = 10; i < 110; i++)
        {
            queue.Enqueue(i + 1, T0 + Duration.FromSeconds(i));
        }

        Assert.Equal((111, 1), (queue.Count, queue.OutOfOrderCount));
        Assert.Equal(Enumerable.Range(1, 110).Select(i => (long)i), Drain(queue, T0 + Duration.FromDays(1)).Select(d => d.Id));
        Assert.Equal(new long[] { 999 }, Drain(queue, Instant.MaxValue).Select(d => d.Id));
    }

    [Fact]
    public void Bursts_separated_by_jumps_in_time_send_only_the_first_item_of_each_burst_to_the_heap()
    {
        var queue = new ExpiryQueue<long>();
        long id = 0;
        for (var burst = 0; burst < 10; burst++)
        {
            var at = T0 + Duration.FromMinutes(5 * burst); // 5 minutes between bursts, more than the jump limit
            for (var i = 0; i < 100; i++)
            {
                queue.Enqueue(++id, at);
            }
        }

        Assert.Equal((1000, 9), (queue.Count, queue.OutOfOrderCount));
        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), Drain(queue, Instant.MaxValue).Select(d => d.Id).Order());
    }

    [Fact]
    public void A_ring_started_by_an_item_far_ahead_joins_the_heap_once_the_heap_outgrows_it_and_the_ring_starts_again()
    {
        var queue = new ExpiryQueue<long>();
        queue.Enqueue(999, T0 + Duration.FromDays(365)); // the first item ever, far ahead: it starts the ring
        var n = ExpiryQueue<long>.HealMargin + 200;
        for (var i = 0; i < n; i++)
        {
            queue.Enqueue(i + 1, T0 + Duration.FromSeconds(i));
        }

        // The first HealMargin + 2 items went to the heap (one more than the ring's one item plus the margin), then the ring's
        // item joined them; every later item went to the new ring.
        Assert.Equal(n + 1, queue.Count);
        Assert.Equal(ExpiryQueue<long>.HealMargin + 3, queue.OutOfOrderCount);
        Assert.Equal(Enumerable.Range(1, n).Select(i => (long)i), Drain(queue, T0 + Duration.FromDays(1)).Select(d => d.Id));
        Assert.Equal(new long[] { 999 }, Drain(queue, Instant.MaxValue).Select(d => d.Id));
    }

    [Fact]
    public void Trimming_gives_back_a_heap_far_larger_than_what_it_holds()
    {
        var queue = new ExpiryQueue<string>();
        queue.Enqueue("newest", T0 + Duration.FromDays(1));
        for (var i = 0; i < 40; i++)
        {
            queue.Enqueue("k" + i, T0 + Duration.FromSeconds(i)); // earlier than the ring's newest: the heap (40 < HealMargin)
        }

        Assert.Equal(40, queue.OutOfOrderCount);
        Assert.Equal(40, Drain(queue, T0 + Duration.FromHours(1)).Count);
        queue.TrimExcess();

        Assert.Equal((1, 0), (queue.Count, queue.OutOfOrderCount));
        Assert.Equal(0, queue.HeapCapacity);
    }

    private static List<(T Id, Instant At)> Drain<T>(ExpiryQueue<T> queue, Instant now)
    {
        var list = new List<(T, Instant)>();
        while (queue.TryDequeueDue(now, out var id, out var at))
        {
            list.Add((id, at));
        }

        return list;
    }
}
