using System.Collections.Generic;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Budgets;

namespace Incentives.Tests.Budgets;

/// <summary>
/// The open-addressing index behind the ledger's and the engine's idempotency records must behave exactly as a dictionary of
/// the keys' texts, through any mix of adds, look-ups, removals (which shift slots back) and trims, and however a key is split.
/// </summary>
public sealed class KeyIndexTests
{
    /// <summary>One operation: add or overwrite (0), touch and look up (1), remove (2), trim (3), remove by handle (4), on key number <see cref="Key"/>.</summary>
    public sealed record Op(int Kind, int Key, int Split, int Value);

    [Property(MaxTest = 300)]
    public Property Any_sequence_of_operations_agrees_with_a_dictionary_of_the_texts() =>
        Prop.ForAll(
            Arb.From(Gen.ListOf(
                from kind in Gen.Frequency((5, Gen.Constant(0)), (3, Gen.Constant(1)), (2, Gen.Constant(2)), (1, Gen.Constant(3)), (2, Gen.Constant(4)))
                from key in Gen.Choose(0, 300)
                from split in Gen.Choose(0, 20)
                from value in Gen.Choose(0, 1000)
                select new Op(kind, key, split, value)).Resize(800).Select(l => l.ToArray())),
            ops =>
            {
                var index = new KeyIndex<int>();
                var model = new Dictionary<string, int>(System.StringComparer.Ordinal);
                var handles = new Dictionary<string, KeyHandle>(System.StringComparer.Ordinal);
                foreach (var op in ops)
                {
                    var text = "order-" + op.Key.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":fest";
                    var cut = op.Split % (text.Length + 1);
                    var key = new KeyText(text[..cut], text[cut..]);
                    switch (op.Kind)
                    {
                        case 0:
                            ref var slot = ref index.GetValueRefOrAddDefault(key, out var exists, out var handle);
                            Assert.Equal(model.ContainsKey(text), exists);
                            Assert.True(!exists || handles[text] == handle); // a key keeps its entry until it is removed
                            handles[text] = handle;
                            Assert.Equal(exists ? model[text] : 0, slot);
                            slot = op.Value;
                            model[text] = op.Value;
                            break;
                        case 1:
                            // Touching a handle (live, stale or made up, inside the arrays or not) reads and changes nothing.
                            index.Touch(handles.TryGetValue(text, out var live) ? live : new KeyHandle(op.Value - 500, op.Split * 7919 - op.Value));
                            Assert.Equal(model.TryGetValue(text, out var expected), index.TryGetValue(key, out var found));
                            Assert.Equal(expected, found);
                            break;
                        case 2:
                            Assert.Equal(model.Remove(text, out var had), index.Remove(key, out var removed));
                            Assert.Equal(had, removed);
                            handles.Remove(text);
                            break;
                        case 4:
                            if (handles.Remove(text, out var at))
                            {
                                Assert.True(index.TryRemoveAt(at, out var value));
                                Assert.Equal(model[text], value);
                                Assert.False(index.TryRemoveAt(at, out _)); // a handle whose key is gone is refused
                                model.Remove(text);
                            }

                            break;
                        default:
                            if (index.TrimExcess(op.Value % 64, out var moved))
                            {
                                // The entries were packed: handles taken before are invalid; where each moved is what the owner
                                // would find by asking again.
                                foreach (var known in handles.Keys.ToList())
                                {
                                    Assert.True(index.TryGetHandle(new KeyText(known), out var fresh));
                                    Assert.Equal(fresh, new KeyHandle(moved[handles[known].Entry], handles[known].Hash));
                                    handles[known] = fresh;
                                }
                            }

                            break;
                    }

                    Assert.Equal(model.Count, index.Count);
                    Assert.True(index.Capacity >= 2 * index.Count);
                    Assert.True(index.EntryCapacity >= index.Count);
                }

                foreach (var (text, value) in model)
                {
                    Assert.True(index.TryGetValue(new KeyText(text), out var v));
                    Assert.Equal(value, v);
                }
            });

    [Fact]
    public void Trimming_after_a_burst_gives_back_slots_and_entries_and_every_key_stays_findable_by_its_new_handle()
    {
        var index = new KeyIndex<int>();
        var handles = new Dictionary<int, KeyHandle>();
        for (var i = 0; i < 10_000; i++)
        {
            index.GetValueRefOrAddDefault(new KeyText("k" + i), out _, out var handle) = i;
            handles[i] = handle;
        }

        // The burst drains, oldest first, while new keys arrive (they reuse the entries freed last, the highest).
        for (var i = 0; i < 9_900; i++)
        {
            Assert.True(index.TryRemoveAt(handles[i], out var value));
            Assert.Equal(i, value);
            handles.Remove(i);
        }

        for (var i = 10_000; i < 10_050; i++)
        {
            index.GetValueRefOrAddDefault(new KeyText("k" + i), out _) = i;
        }

        var (slotsBefore, entriesBefore) = (index.Capacity, index.EntryCapacity);
        Assert.True(index.TrimExcess(0));

        Assert.Equal(150, index.Count);
        Assert.True(index.Capacity <= 512 && index.Capacity < slotsBefore);
        Assert.True(index.EntryCapacity <= 256 && index.EntryCapacity < entriesBefore);
        Assert.False(index.TrimExcess(0)); // nothing left to give back
        foreach (var i in Enumerable.Range(9_900, 150))
        {
            Assert.True(index.TryGetHandle(new KeyText("k" + i), out var handle));
            Assert.True(index.TryRemoveAt(handle, out var value));
            Assert.Equal(i, value);
        }

        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void A_capacity_out_of_range_is_refused()
    {
        var index = new KeyIndex<int>();
        Assert.Throws<System.ArgumentOutOfRangeException>("capacity", () => index.TrimExcess(-1));
        Assert.Throws<System.ArgumentOutOfRangeException>("capacity", () => index.TrimExcess(int.MaxValue));
    }

    [Fact]
    public void Many_keys_added_and_removed_in_waves_leave_exactly_the_live_ones_and_the_table_at_most_half_full()
    {
        var index = new KeyIndex<long>();
        var live = new HashSet<int>();
        for (var wave = 0; wave < 20; wave++)
        {
            for (var i = wave * 5000; i < (wave + 1) * 5000; i++)
            {
                index.GetValueRefOrAddDefault(new KeyText("k" + i), out _) = i;
                live.Add(i);
            }

            foreach (var i in live.Where(i => i < wave * 5000 - 10_000).ToList())
            {
                Assert.True(index.Remove(new KeyText("k", i.ToString(System.Globalization.CultureInfo.InvariantCulture))));
                live.Remove(i);
            }
        }

        Assert.Equal(live.Count, index.Count);
        Assert.All(live, i => Assert.True(index.TryGetValue(new KeyText("k" + i), out var v) && v == i));
        Assert.False(index.TryGetValue(new KeyText("k0"), out _));
        index.TrimExcess(0);
        Assert.True(index.Capacity <= 4 * live.Count);
        Assert.All(live, i => Assert.True(index.TryGetValue(new KeyText("k" + i), out var v) && v == i));
    }
}
