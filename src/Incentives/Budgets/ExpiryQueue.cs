using System;
using System.Collections.Generic;
using System.Diagnostics.CodeAnalysis;
using NodaTime;

namespace Incentives.Budgets;

/// <summary>
/// Items ordered by an instant (a reservation's expiry, the instant a record may be forgotten). The instants almost always
/// arrive in non-decreasing order (each reservation holds for the same time from a ledger time that only moves forward;
/// each record is settled at a time that only moves forward), so those go to a first-in-first-out ring buffer (O(1), no
/// comparisons beyond one); an instant earlier than the newest one queued goes to a binary heap. The next instant is the
/// earlier of the two heads, so taking every item due costs in proportion to what is taken, not to what is queued.
/// </summary>
/// <typeparam name="T">The item: a reservation id, an idempotency key.</typeparam>
/// <threadsafety>Not thread-safe; the owner serialises access.</threadsafety>
internal sealed class ExpiryQueue<T>
{
    private const int MinimumCapacity = 16;
    private readonly PriorityQueue<T, Instant> outOfOrder = new();
    private Entry[] ring = new Entry[MinimumCapacity];
    private int head;
    private int count;
    private Instant nextDue = Instant.MaxValue; // the earliest expiry queued, so that "nothing is due" is one comparison
    private int highWater; // the most entries the ring held since the last TrimExcess

    /// <summary>Gets the number of queued expiries.</summary>
    public int Count => count + outOfOrder.Count;

    /// <summary>Gets the number of expiries that arrived out of order and went to the heap.</summary>
    public int OutOfOrderCount => outOfOrder.Count;

    /// <summary>Gets the capacity of the ring buffer.</summary>
    public int Capacity => ring.Length;

    /// <summary>Queues an item with its instant.</summary>
    /// <param name="id">The item.</param>
    /// <param name="expiresAt">The instant at which it is due.</param>
    public void Enqueue(T id, Instant expiresAt)
    {
        if (expiresAt < nextDue)
        {
            nextDue = expiresAt;
        }

        if (count > 0 && expiresAt < ring[(head + count - 1) & (ring.Length - 1)].ExpiresAt)
        {
            outOfOrder.Enqueue(id, expiresAt);
            return;
        }

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
        if (outOfOrder.Count == 0)
        {
            outOfOrder.TrimExcess();
        }
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
