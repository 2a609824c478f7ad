using System;
using System.Collections.Generic;

namespace Incentives.Budgets;

/// <summary>
/// Values of <typeparamref name="T"/> stored inline under sequential indices 0, 1, 2, ... in chunks of
/// <see cref="ChunkSize"/> slots: adding is an array write, finding by index is two array reads, and removed slots
/// give their memory back a whole chunk at a time (a chunk is dropped once every slot of it has been removed, so one
/// long-lived entry pins only its own chunk). Dropped chunks are pooled for reuse, so a table that is filled and
/// pruned in cycles allocates nothing in the steady state.
/// </summary>
/// <typeparam name="T">The value type stored inline.</typeparam>
/// <threadsafety>Not thread-safe; the owner serialises access.</threadsafety>
internal sealed class SequentialTable<T>
    where T : struct
{
    /// <summary>The number of slots per chunk (a power of two).</summary>
    internal const int ChunkSize = 1 << ChunkShift;

    private const int ChunkShift = 8;
    private const int ChunkMask = ChunkSize - 1;

    private readonly Stack<Chunk> pool = new();
    private Chunk?[] directory = new Chunk?[4];
    private long directoryBase; // the chunk number of directory[0]
    private int start;          // directory entries before it are null (dropped)
    private int used;           // directory entries in use: [0, used)

    /// <summary>Gets the number of values held.</summary>
    public int Count { get; private set; }

    /// <summary>Gets the index the next <see cref="Add"/> returns (so every index below it was issued once).</summary>
    public long NextIndex { get; private set; }

    /// <summary>Gets the number of chunks allocated and in use.</summary>
    public int ChunkCount { get; private set; }

    /// <summary>Gets the number of dropped chunks kept for reuse.</summary>
    public int PooledChunks => pool.Count;

    /// <summary>Adds a slot at <see cref="NextIndex"/> and returns it (zeroed) for the caller to fill.</summary>
    /// <param name="index">The slot's index.</param>
    /// <returns>A reference to the slot.</returns>
    public ref T Add(out long index)
    {
        index = NextIndex;
        var slot = (int)(index & ChunkMask);
        if (slot == 0)
        {
            AppendChunk();
        }

        var chunk = directory[used - 1]!;
        chunk.Used[slot] = true;
        chunk.Live++;
        Count++;
        NextIndex++;
        return ref chunk.Items[slot];
    }

    /// <summary>Finds the slot of <paramref name="index"/>, if it was added and not removed.</summary>
    /// <param name="index">The index.</param>
    /// <param name="found">True when the slot holds a value.</param>
    /// <returns>A reference to the slot, or a null reference when not found.</returns>
    public ref T Find(long index, out bool found)
    {
        if (index >= 0 && index < NextIndex)
        {
            var d = (index >> ChunkShift) - directoryBase;
            if (d >= start && d < used && directory[d] is { } chunk && chunk.Used[index & ChunkMask])
            {
                found = true;
                return ref chunk.Items[index & ChunkMask];
            }
        }

        found = false;
        return ref System.Runtime.CompilerServices.Unsafe.NullRef<T>();
    }

    /// <summary>Gets the first index at or after <paramref name="index"/> that holds a value, or -1.</summary>
    /// <param name="index">Where to start.</param>
    /// <returns>The index, or -1 when no later slot holds a value.</returns>
    public long NextLive(long index)
    {
        var first = (directoryBase + start) << ChunkShift;
        if (index < first)
        {
            index = first;
        }

        while (index < NextIndex)
        {
            var chunk = directory[(index >> ChunkShift) - directoryBase];
            if (chunk is null || chunk.Live == 0)
            {
                index = ((index >> ChunkShift) + 1) << ChunkShift;
                continue;
            }

            if (chunk.Used[index & ChunkMask])
            {
                return index;
            }

            index++;
        }

        return -1;
    }

    /// <summary>Removes the value at <paramref name="index"/>; drops its chunk once the chunk is full and empty.</summary>
    /// <param name="index">The index.</param>
    /// <returns>True when a value was removed.</returns>
    public bool Remove(long index)
    {
        ref var item = ref Find(index, out var found);
        if (!found)
        {
            return false;
        }

        item = default;
        var d = (int)((index >> ChunkShift) - directoryBase);
        var chunk = directory[d]!;
        chunk.Used[index & ChunkMask] = false;
        chunk.Live--;
        Count--;
        if (chunk.Live == 0 && ((index >> ChunkShift) + 1) << ChunkShift <= NextIndex)
        {
            directory[d] = null;
            ChunkCount--;
            pool.Push(chunk);
            while (start < used && directory[start] is null)
            {
                start++;
            }
        }

        return true;
    }

    /// <summary>Gives pooled chunks back to the garbage collector, keeping at most <paramref name="keep"/>.</summary>
    /// <param name="keep">How many pooled chunks to keep.</param>
    public void TrimPool(int keep)
    {
        while (pool.Count > keep)
        {
            pool.Pop();
        }

        if (pool.Count == 0)
        {
            pool.TrimExcess();
        }
    }

    private void AppendChunk()
    {
        if (start == used)
        {
            // Nothing in use: restart the directory at the chunk about to be created.
            Array.Clear(directory, 0, used);
            start = used = 0;
            directoryBase = NextIndex >> ChunkShift;
        }
        else if (used == directory.Length)
        {
            if (start > used / 2)
            {
                Array.Copy(directory, start, directory, 0, used - start);
                Array.Clear(directory, used - start, start);
            }
            else
            {
                var grown = new Chunk?[directory.Length * 2];
                Array.Copy(directory, start, grown, 0, used - start);
                directory = grown;
            }

            directoryBase += start;
            used -= start;
            start = 0;
        }

        directory[used++] = pool.TryPop(out var reused) ? reused : new Chunk();
        ChunkCount++;
    }

    private sealed class Chunk
    {
        public T[] Items { get; } = new T[ChunkSize];

        public bool[] Used { get; } = new bool[ChunkSize];

        public int Live { get; set; }
    }
}
