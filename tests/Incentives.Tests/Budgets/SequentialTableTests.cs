using System.Collections.Generic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Budgets;

namespace Incentives.Tests.Budgets;

/// <summary>
/// The chunked table that holds the in-memory ledger's reservations by sequential id: it must find exactly what was
/// added and not removed, never reuse an index, and give memory back a chunk at a time.
/// </summary>
public sealed class SequentialTableTests
{
    private const int Chunk = SequentialTable<int>.ChunkSize;

    [Property(MaxTest = 200)]
    public Property The_table_finds_exactly_what_was_added_and_not_removed_and_never_reuses_an_index() =>
        Prop.ForAll(Arb.From(Gen.ArrayOf(Gen.Choose(-3 * Chunk, 3 * Chunk))), steps =>
        {
            var table = new SequentialTable<int>();
            var model = new SortedDictionary<long, int>();
            foreach (var step in steps)
            {
                if (step >= 0)
                {
                    // Add a batch of `step % 40 + 1` values, each holding its own index.
                    for (var n = 0; n <= step % 40; n++)
                    {
                        ref var slot = ref table.Add(out var index);
                        Assert.Equal(0, slot);
                        Assert.False(model.ContainsKey(index));
                        slot = (int)index;
                        model[index] = (int)index;
                    }
                }
                else
                {
                    // Remove a run of indices starting at -step (some may be absent or already removed).
                    for (long index = -step; index < -step + 50; index++)
                    {
                        Assert.Equal(model.Remove(index), table.Remove(index));
                    }
                }
            }

            for (long index = -1; index <= table.NextIndex; index++)
            {
                // A miss returns a null reference: only read the slot when found.
                ref var value = ref table.Find(index, out var found);
                Assert.Equal(model.ContainsKey(index), found);
                if (found)
                {
                    Assert.Equal(model[index], value);
                }
            }

            var live = new List<long>();
            for (var i = table.NextLive(0); i >= 0; i = table.NextLive(i + 1))
            {
                live.Add(i);
            }

            Assert.Equal(model.Keys, live);
            Assert.Equal(model.Count, table.Count);
            return true;
        });

    [Fact]
    public void A_chunk_is_given_back_once_every_slot_of_it_was_issued_and_removed_and_is_reused_from_the_pool()
    {
        var table = new SequentialTable<long>();
        for (var i = 0; i < (3 * Chunk) + 1; i++)
        {
            table.Add(out _);
        }

        Assert.Equal(4, table.ChunkCount);

        // One entry pins its own chunk only: the other full chunks are dropped.
        for (long i = 0; i < 3 * Chunk; i++)
        {
            if (i != Chunk + 7)
            {
                table.Remove(i);
            }
        }

        Assert.Equal(2, table.ChunkCount);
        Assert.Equal(2, table.PooledChunks);
        Assert.True(Found(table, Chunk + 7));
        Assert.False(Found(table, 5));

        // New chunks come from the pool first.
        for (var i = 0; i < 2 * Chunk; i++)
        {
            table.Add(out _);
        }

        Assert.Equal(0, table.PooledChunks);
        Assert.Equal(4, table.ChunkCount);

        table.Remove(Chunk + 7);
        table.TrimPool(0);
        Assert.Equal(3, table.ChunkCount);
        Assert.Equal(0, table.PooledChunks);
        Assert.Equal((5 * Chunk) + 1, table.NextIndex);
    }

    private static bool Found(SequentialTable<long> table, long index)
    {
        table.Find(index, out var found);
        return found;
    }
}
