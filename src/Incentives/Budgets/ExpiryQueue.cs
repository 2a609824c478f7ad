using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace Incentives.Budgets;

/// <summary>
/// Items ordered by an instant (a reservation's expiry, the instant a record may be forgotten). Items that arrive in
/// non-decreasing order, close to one another, go to a first-in-first-out ring buffer (O(1), one comparison): the usual case
/// when each instant is a fixed offset from a time that only moves forward (a hold from the ledger's time, a settlement at the
/// ledger's time, a result kept for a fixed time after its claim). Others go to a binary heap: an instant earlier than the
/// ring's newest, or more than <see cref="JumpLimit"/> after both the ring's newest and the item queued just before it, so
/// that one item stamped far ahead (a wrong client clock, a crafted request) does not become the ring's newest and send every
/// later item to the heap, while after a real jump in time only the first item goes to the heap. When more items went to the
/// heap since the ring (re)started than the ring holds, plus <see cref="HealMargin"/>, the ring's items join the heap (each
/// item moves at most once) and the ring starts again from the next item. The next item is the earlier of the two heads, so
/// taking every item due costs in proportion to what is taken (times the logarithm of the heap's size for the items in it),
/// not to what is queued.
/// </summary>
/// <typeparam name="T">The item: a reservation id, an idempotency key.</typeparam>
/// <threadsafety>Not thread-safe; the owner serialises access.</threadsafety>
internal sealed class ExpiryQueue<T>
{
    private const int MinimumCapacity = 16;

    /// <summary>How many more items may go to the heap than the ring holds, since the ring (re)started, before the ring joins the heap.</summary>
    internal const int HealMargin = 64;

    /// <summary>How far after the ring's newest item an item may be and still join the ring.</summary>
    internal static readonly Duration JumpLimit = Duration.FromMinutes(1);
    private PriorityQueue<T, Instant> outOfOrder = new();
    private Entry[] ring = new Entry[MinimumCapacity];
    private int head;
    private int count;
    private Instant nextDue = Instant.MaxValue; // the earliest expiry queued, so that "nothing is due" is one comparison
    private int highWater; // the most entries the ring held since the last TrimExcess
    private Instant lastEnqueued = Instant.MinValue; // the instant of the item queued last, in the ring or the heap
    private int heapedSinceRestart; // items sent to the heap since the ring last started again

    /// <summary>Gets the number of queued items.</summary>
    public int Count => count + outOfOrder.Count;

    /// <summary>Gets the number of items in the heap (out of order, or far ahead of the ring).</summary>
    public int OutOfOrderCount => outOfOrder.Count;

    /// <summary>Gets the capacity of the ring buffer.</summary>
    public int Capacity => ring.Length;

    /// <summary>Gets the capacity of the heap.</summary>
    public int HeapCapacity => outOfOrder.EnsureCapacity(0);

    /// <summary>Queues an item with its instant. All or nothing: if memory cannot be found, nothing changes.</summary>
    /// <param name="id">The item.</param>
    /// <param name="expiresAt">The instant at which it is due.</param>
    public void Enqueue(T id, Instant expiresAt)
    {
        // An item joins the ring when it is not earlier than the ring's newest and close to it, or close after the item
        // queued just before it (time moved on: the first item after a jump goes to the heap, the next ones to the ring).
        var newest = count > 0 ? ring[(head + count - 1) & (ring.Length - 1)].ExpiresAt : Instant.MinValue;
        if (count > 0 && (expiresAt < newest || (expiresAt - newest > JumpLimit && (expiresAt < lastEnqueued || expiresAt - lastEnqueued > JumpLimit))))
        {
            // The ring is no longer a good guide to the order when more items went to the heap since it (re)started than it
            // holds (an item far ahead started it, or the order is lost): its items then join the heap, and the ring starts
            // again from the next item. Each item moves at most once. Room is made first, so that nothing changes on failure.
            var heal = heapedSinceRestart + 1 > count + HealMargin;
            if (heal)
            {
                outOfOrder.EnsureCapacity(outOfOrder.Count + count + 1);
            }

            outOfOrder.Enqueue(id, expiresAt);
            heapedSinceRestart++;
            if (heal)
            {
                for (; count > 0; count--)
                {
                    outOfOrder.Enqueue(ring[head].Id, ring[head].ExpiresAt);
                    ring[head] = default;
                    head = (head + 1) & (ring.Length - 1);
                }

                head = 0;
                heapedSinceRestart = 0;
            }
        }
        else
        {
            if (count == ring.Length)
            {
                Resize(ring.Length * 2);
            }

            ring[(head + count) & (ring.Length - 1)] = new Entry(id, expiresAt);
            count++;
            if (count > highWater)
            {
                highWater = count;
            }
        }

        lastEnqueued = expiresAt;
        if (expiresAt < nextDue)
        {
            nextDue = expiresAt;
        }
    }

    /// <summary>Removes the earliest item if it is due at or before <paramref name="now"/>.</summary>
    /// <param name="now">The current time.</param>
    /// <param name="id">The item that is due.</param>
    /// <param name="expiresAt">Its instant.</param>
    /// <returns>True when an item was due.</returns>
    public bool TryDequeueDue(Instant now, [MaybeNullWhen(false)] out T id, out Instant expiresAt)
    {
        if (now < nextDue)
        {
            (id, expiresAt) = (default, default);
            return false;
        }

        var fromRing = count > 0 && ring[head].ExpiresAt <= now;
        var fromHeap = outOfOrder.TryPeek(out var heapId, out var heapAt) && heapAt <= now;
        if (fromRing && (!fromHeap || ring[head].ExpiresAt <= heapAt))
        {
            (id, expiresAt) = (ring[head].Id, ring[head].ExpiresAt);
            ring[head] = default; // an item that is a reference is not kept alive by the ring
            head = (head + 1) & (ring.Length - 1);
            count--;
            UpdateNextDue();
            return true;
        }

        if (fromHeap)
        {
            outOfOrder.Dequeue();
            (id, expiresAt) = (heapId!, heapAt);
            UpdateNextDue();
            return true;
        }

        (id, expiresAt) = (default, default);
        return false;
    }

    /// <summary>
    /// Shrinks the ring buffer when it is more than four times larger than the most entries it held since the last
    /// call, so that a ledger pruned in cycles keeps its working size.
    /// </summary>
    public void TrimExcess()
    {
        var needed = Math.Max(MinimumCapacity, (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)highWater)));
        if (ring.Length > needed * 4)
        {
            Resize(needed);
        }

        highWater = count;
        if (outOfOrder.Count < outOfOrder.EnsureCapacity(0) / 4)
        {
            outOfOrder.TrimExcess();
        }
    }

    /// <summary>
    /// Replaces every item by <paramref name="map"/>'s image of it, keeping its instant and its place: for an owner whose items
    /// refer to something that moved (a key index that packed its entries). All or nothing: the new items are made before any
    /// replaces an old one, so a failure (of <paramref name="map"/>, or to allocate) changes nothing.
    /// </summary>
    /// <param name="map">The new item of each item.</param>
    public void Map(Func<T, T> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        var heap = outOfOrder;
        if (heap.Count > 0)
        {
            var items = new List<(T, Instant)>(heap.Count);
            foreach (var (item, at) in heap.UnorderedItems)
            {
                items.Add((map(item), at));
            }

            heap = new PriorityQueue<T, Instant>(items);
        }

        var mapped = new Entry[ring.Length];
        for (var i = 0; i < count; i++)
        {
            var entry = ring[(head + i) & (ring.Length - 1)];
            mapped[i] = entry with { Id = map(entry.Id) };
        }

        (ring, head, outOfOrder) = (mapped, 0, heap);
    }

    private void UpdateNextDue()
    {
        nextDue = count > 0 ? ring[head].ExpiresAt : Instant.MaxValue;
        if (outOfOrder.TryPeek(out _, out var heapAt) && heapAt < nextDue)
        {
            nextDue = heapAt;
        }
    }

    private void Resize(int capacity)
    {
        var resized = new Entry[capacity];
        for (var i = 0; i < count; i++)
        {
            resized[i] = ring[(head + i) & (ring.Length - 1)];
        }

        ring = resized;
        head = 0;
    }

    private readonly record struct Entry(T Id, Instant ExpiresAt);
}
