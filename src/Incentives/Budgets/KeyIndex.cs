using System;
using System.Diagnostics.CodeAnalysis;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace Incentives.Budgets;

/// <summary>
/// A hash map from <see cref="KeyText"/> to <typeparamref name="TValue"/>, built for the idempotency records the ledger and the
/// engine keep for a retention (hundreds of thousands of keys, far more than the processor's caches hold): open addressing with
/// linear probing over one array of 8-byte slots, each holding the key's hash and its entry's index, so that finding a key, adding
/// one or removing one usually costs one cache miss on the slots and one on the entry (a key's characters are read only when its
/// full 32-bit hash matches, and not at all when the same strings are passed; <see cref="TryRemoveAt"/> does not read the key).
/// Deletion shifts the following slots back (no tombstones), so the table never degrades with churn. The load stays between a
/// quarter and a half once trimmed: 16 to 32 bytes of slots per key, plus its entry.
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
    /// <param name="handle">Where the key lives, for <see cref="TryRemoveAt"/>; valid until the key is removed or the index is trimmed.</param>
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
        Place(slots, SlotOf(key.GetHashCode(), entry));
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
    /// <returns>Where the key lives, for <see cref="TryRemoveAt"/>.</returns>
    public KeyHandle Set(in KeyText key, TValue value)
    {
        GetValueRefOrAddDefault(key, out _, out var handle) = value;
        return handle;
    }

    /// <summary>
    /// Removes the key that lives at <paramref name="handle"/> (as returned when it was added), without reading the key. A handle
    /// is valid until its key is removed or the index is trimmed; the owner uses each handle once. A handle whose key is gone is
    /// refused; one whose entry was reused by an equal key is not told apart (the owners never keep such handles).
    /// </summary>
    /// <param name="handle">Where the key lives.</param>
    /// <param name="value">The value it had.</param>
    /// <returns><see langword="true"/> when a key lived there and was removed.</returns>
    public bool TryRemoveAt(KeyHandle handle, [MaybeNullWhen(false)] out TValue value)
    {
        var wanted = SlotOf(handle.Hash, handle.Entry);
        var mask = slots.Length - 1;
        var i = handle.Hash & mask;
        while (slots[i] != wanted)
        {
            if (slots[i] == 0)
            {
                value = default;
                return false;
            }

            i = (i + 1) & mask;
        }

        value = RemoveSlot(i);
        return true;
    }

    /// <summary>
    /// Reads the key's home slot and its entry, the memory <see cref="TryRemoveAt"/> will use, and nothing else. A caller that
    /// removes many keys touches a batch of them first: the processor then waits for their cache misses together, not one
    /// after the other. Changes nothing.
    /// </summary>
    /// <param name="handle">Where a key lives (a stale handle is harmless: only memory within the arrays is read).</param>
    /// <returns>A value that depends on what was read, to keep the reads from being optimised away.</returns>
    public long Touch(KeyHandle handle)
    {
        var slot = slots[handle.Hash & (slots.Length - 1)];
        return (uint)handle.Entry < (uint)entries.Length ? slot ^ entries[handle.Entry].Key.GetHashCode() : slot;
    }

    /// <summary>Finds where <paramref name="key"/> lives.</summary>
    /// <param name="key">The key.</param>
    /// <param name="handle">Where it lives.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGetHandle(in KeyText key, out KeyHandle handle)
    {
        var slot = FindSlot(key);
        handle = slot < 0 ? default : new KeyHandle(EntryOf(slots[slot]), key.GetHashCode());
        return slot >= 0;
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
        free[freeCount++] = entry; // free is as long as entries: this cannot fail
        entries[entry] = default;
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

    /// <summary>Gets the length of the entry array (a key's entry lives below it).</summary>
    public int EntryCapacity => entries.Length;

    /// <summary>
    /// Shrinks the slots and the entries to hold <paramref name="capacity"/> keys (at least the keys held) when either is larger,
    /// packing the entries at the front: <b>every handle taken before is then invalid</b> (see <see cref="TryGetHandle"/>).
    /// </summary>
    /// <param name="capacity">The number of keys to make room for.</param>
    /// <returns><see langword="true"/> when the index was rebuilt (and handles changed).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative or above 2^29.</exception>
    public bool TrimExcess(int capacity) => Pack(capacity, report: false, out _);

    /// <summary>
    /// Shrinks and packs the index as <see cref="TrimExcess(int)"/> does, and says where each key's entry moved, so that an owner
    /// that keeps handles can make them valid again: a key that lived at entry <c>e</c> now lives at entry <c>moved[e]</c>.
    /// </summary>
    /// <param name="capacity">The number of keys to make room for.</param>
    /// <param name="moved">When rebuilt: the new entry of each old entry that held a key (-1 for one that held none).</param>
    /// <returns><see langword="true"/> when the index was rebuilt (and handles changed).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is negative or above 2^29.</exception>
    public bool TrimExcess(int capacity, [NotNullWhen(true)] out int[]? moved) => Pack(capacity, report: true, out moved);

    private bool Pack(int capacity, bool report, out int[]? moved)
    {
        moved = null;
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, 1 << 29);
        var keep = Math.Max(Math.Max(capacity, Count), 1);
        var size = Math.Max(MinimumSlots, (int)BitOperations.RoundUpToPowerOf2((uint)keep * 2));
        if (size >= slots.Length && size / 2 >= entries.Length)
        {
            return false;
        }

        size = Math.Min(size, slots.Length);
        var packed = new Entry[Math.Min(size / 2, entries.Length)];
        var newSlots = new long[size];
        var newFree = new int[packed.Length];
        var map = report ? new int[used] : null;
        if (map is not null)
        {
            Array.Fill(map, -1);
        }

        var next = 0;
        foreach (var s in slots)
        {
            if (s != 0)
            {
                if (map is not null)
                {
                    map[EntryOf(s)] = next;
                }

                packed[next] = entries[EntryOf(s)];
                Place(newSlots, SlotOf(HashOf(s), next++));
            }
        }

        (slots, entries, free, freeCount, used) = (newSlots, packed, newFree, 0, next);
        moved = map;
        return true;
    }

    private static long SlotOf(int hash, int entry) => ((long)(uint)hash << 32) | (uint)(entry + 1);

    private static int HashOf(long slot) => (int)(slot >> 32);

    private static int EntryOf(long slot) => (int)(uint)slot - 1;

    /// <summary>Puts <paramref name="slot"/> in the first empty slot of <paramref name="table"/> from its key's home (one is always empty).</summary>
    private static void Place(long[] table, long slot)
    {
        var mask = table.Length - 1;
        var i = HashOf(slot) & mask;
        while (table[i] != 0)
        {
            i = (i + 1) & mask;
        }

        table[i] = slot;
    }

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
            // Both arrays are made before either is replaced, so that a failure changes nothing.
            var size = entries.Length * 2;
            var grownEntries = new Entry[size];
            var grownFree = new int[size];
            Array.Copy(entries, grownEntries, used);
            Array.Copy(free, grownFree, freeCount);
            (entries, free) = (grownEntries, grownFree);
        }

        return used++;
    }

    /// <summary>Grows the slots; entries keep their indices, and no key is read (the slots hold the hashes).</summary>
    private void Rehash(int size)
    {
        var grown = new long[size];
        foreach (var s in slots)
        {
            if (s != 0)
            {
                Place(grown, s);
            }
        }

        slots = grown;
    }

    private struct Entry
    {
        public KeyText Key;
        public TValue Value;
    }
}
