using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Incentives.Budgets;

/// <summary>
/// A hash map from <see cref="KeyText"/> to <typeparamref name="TValue"/>, built for the idempotency records the ledger and the
/// engine keep for a retention (hundreds of thousands of keys, far more than the processor's caches hold): open addressing with
/// linear probing over one array of 8-byte slots, each holding the key's hash and its entry's index, so that finding a key, adding
/// one or removing one usually costs one cache miss on the slots (a key's characters are read only when its full 32-bit hash
/// matches, and not at all when the same strings are passed), against several for a chained <c>Dictionary</c>. Deletion shifts
/// the following slots back (no tombstones), so the table never degrades with churn. The load stays at most one half.
/// </summary>
/// <typeparam name="TValue">The value kept per key.</typeparam>
/// <threadsafety>Not thread-safe; the owner serialises access.</threadsafety>
internal sealed class KeyIndex<TValue>
{
    private const int MinimumSlots = 16;
    private long[] slots = new long[MinimumSlots]; // (uint)hash << 32 | (entry + 1); 0 is an empty slot
    private Entry[] entries = new Entry[MinimumSlots / 2]; // a key next to its value: one cache line for both
    private int[] free = new int[MinimumSlots / 2];
    private int freeCount;
    private int used; // entries handed out at least once: 0 .. used - 1

    /// <summary>Gets the number of keys.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the number of slots (twice the most keys the table holds without growing).</summary>
    public int Capacity => slots.Length;

    /// <summary>Returns a reference to the value of <paramref name="key"/>, adding the key with a default value when absent.</summary>
    /// <param name="key">The key.</param>
    /// <param name="exists">Whether the key was there.</param>
    /// <returns>A reference to the value, valid until the table is next changed.</returns>
    public ref TValue GetValueRefOrAddDefault(in KeyText key, out bool exists) => ref GetValueRefOrAddDefault(key, out exists, out _);

    /// <summary>Returns a reference to the value of <paramref name="key"/>, adding the key with a default value when absent.</summary>
    /// <param name="key">The key.</param>
    /// <param name="exists">Whether the key was there.</param>
    /// <param name="handle">Where the key lives, for <see cref="RemoveAt"/>; valid until the key is removed.</param>
    /// <returns>A reference to the value, valid until the table is next changed.</returns>
    public ref TValue GetValueRefOrAddDefault(in KeyText key, out bool exists, out KeyHandle handle)
    {
        var slot = FindSlot(key);
        if (slot >= 0)
        {
            exists = true;
            handle = new KeyHandle(EntryOf(slots[slot]), key.GetHashCode());
            return ref entries[handle.Entry].Value;
        }

        exists = false;
        if ((Count + 1) * 2 > slots.Length)
        {
            Rehash(slots.Length * 2);
        }

        var entry = NewEntry();
        entries[entry] = new Entry { Key = key };
        var mask = slots.Length - 1;
        var i = key.GetHashCode() & mask;
        while (slots[i] != 0)
        {
            i = (i + 1) & mask;
        }

        slots[i] = SlotOf(key.GetHashCode(), entry);
        Count++;
        handle = new KeyHandle(entry, key.GetHashCode());
        return ref entries[entry].Value;
    }

    /// <summary>Finds the value of <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGetValue(in KeyText key, [MaybeNullWhen(false)] out TValue value)
    {
        var slot = FindSlot(key);
        if (slot < 0)
        {
            value = default;
            return false;
        }

        value = entries[EntryOf(slots[slot])].Value;
        return true;
    }

    /// <summary>Sets the value of <paramref name="key"/>, adding the key when absent.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value.</param>
    /// <returns>Where the key lives, for <see cref="RemoveAt"/>.</returns>
    public KeyHandle Set(in KeyText key, TValue value)
    {
        GetValueRefOrAddDefault(key, out _, out var handle) = value;
        return handle;
    }

    /// <summary>
    /// Removes the key that lives at <paramref name="handle"/> (as returned when it was added), without reading the key: the
    /// caller guarantees that the key is still there (each handle is used once, and the key is removed by no other way).
    /// </summary>
    /// <param name="handle">Where the key lives.</param>
    /// <returns>The value it had.</returns>
    /// <exception cref="InvalidOperationException">No key lives there: the caller broke its guarantee.</exception>
    public TValue RemoveAt(KeyHandle handle)
    {
        var wanted = SlotOf(handle.Hash, handle.Entry);
        var mask = slots.Length - 1;
        var i = handle.Hash & mask;
        while (slots[i] != wanted)
        {
            if (slots[i] == 0)
            {
                throw new InvalidOperationException("No key lives at this handle.");
            }

            i = (i + 1) & mask;
        }

        return RemoveSlot(i);
    }

    /// <summary>Removes <paramref name="key"/>.</summary>
    /// <param name="key">The key.</param>
    /// <returns><see langword="true"/> when it was there.</returns>
    public bool Remove(in KeyText key) => Remove(key, out _);

    /// <summary>Removes <paramref name="key"/> and returns its value.</summary>
    /// <param name="key">The key.</param>
    /// <param name="value">The value it had.</param>
    /// <returns><see langword="true"/> when it was there.</returns>
    public bool Remove(in KeyText key, [MaybeNullWhen(false)] out TValue value)
    {
        var slot = FindSlot(key);
        if (slot < 0)
        {
            value = default;
            return false;
        }

        value = RemoveSlot(slot);
        return true;
    }

    private TValue RemoveSlot(int slot)
    {
        var entry = EntryOf(slots[slot]);
        var value = entries[entry].Value;
        entries[entry] = default;
        free[freeCount++] = entry;
        Count--;

        // Backward-shift deletion: move back every following slot of the run that may sit at the freed slot.
        var mask = slots.Length - 1;
        var hole = slot;
        var j = slot;
        while (true)
        {
            j = (j + 1) & mask;
            var s = slots[j];
            if (s == 0)
            {
                break;
            }

            var home = HashOf(s) & mask;
            if (((j - home) & mask) >= ((j - hole) & mask))
            {
                slots[hole] = s;
                hole = j;
            }
        }

        slots[hole] = 0;
        return value;
    }

    /// <summary>
    /// Shrinks the table to hold <paramref name="capacity"/> keys without growing (at least the keys it holds). Entries keep their
    /// indices (handles stay valid): the entry array is cut only above the highest entry in use.
    /// </summary>
    /// <param name="capacity">The number of keys to make room for.</param>
    public void TrimExcess(int capacity)
    {
        var needed = Math.Max(MinimumSlots, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(Math.Max(capacity, Count), 1) * 2));
        if (needed < slots.Length)
        {
            Rehash(needed);
        }

        var top = 0;
        foreach (var s in slots)
        {
            if (s != 0)
            {
                top = Math.Max(top, EntryOf(s) + 1);
            }
        }

        var size = Math.Max(MinimumSlots / 2, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(Math.Max(top, needed / 2), 1)));
        if (size >= entries.Length)
        {
            return;
        }

        var live = new bool[top];
        foreach (var s in slots)
        {
            if (s != 0)
            {
                live[EntryOf(s)] = true;
            }
        }

        Array.Resize(ref entries, size);
        free = new int[size];
        freeCount = 0;
        for (var e = top - 1; e >= 0; e--)
        {
            if (!live[e])
            {
                free[freeCount++] = e;
            }
        }

        used = top;
    }

    private static long SlotOf(int hash, int entry) => ((long)(uint)hash << 32) | (uint)(entry + 1);

    private static int HashOf(long slot) => (int)(slot >> 32);

    private static int EntryOf(long slot) => (int)(uint)slot - 1;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int FindSlot(in KeyText key)
    {
        var hash = key.GetHashCode();
        var mask = slots.Length - 1;
        var i = hash & mask;
        while (true)
        {
            var s = slots[i];
            if (s == 0)
            {
                return -1;
            }

            if (HashOf(s) == hash && entries[EntryOf(s)].Key.Equals(key))
            {
                return i;
            }

            i = (i + 1) & mask;
        }
    }

    private int NewEntry()
    {
        if (freeCount > 0)
        {
            return free[--freeCount];
        }

        if (used == entries.Length)
        {
            var size = entries.Length * 2;
            Array.Resize(ref entries, size);
            Array.Resize(ref free, size);
        }

        return used++;
    }

    /// <summary>Grows the slots; entries keep their indices, and no key is read (the slots hold the hashes).</summary>
    private void Rehash(int size)
    {
        var old = slots;
        var grown = new long[size];
        var mask = size - 1;
        foreach (var s in old)
        {
            if (s == 0)
            {
                continue;
            }

            var i = HashOf(s) & mask;
            while (grown[i] != 0)
            {
                i = (i + 1) & mask;
            }

            grown[i] = s;
        }

        slots = grown;
    }

    private struct Entry
    {
        public KeyText Key;
        public TValue Value;
    }
}
