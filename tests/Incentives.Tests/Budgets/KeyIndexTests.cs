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
    /// <summary>One operation: add or overwrite (0), look up (1), remove (2), trim (3), remove by handle (4), on key number <see cref="Key"/>.</summary>
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
                                Assert.Equal(model[text], index.RemoveAt(at));
                                model.Remove(text);
                            }

                            break;
                        default:
                            index.TrimExcess(op.Value % 64);
                            break;
                    }

                    Assert.Equal(model.Count, index.Count);
                    Assert.True(index.Capacity >= 2 * index.Count);
                }

                foreach (var (text, value) in model)
                {
                    Assert.True(index.TryGetValue(new KeyText(text), out var v));
                    Assert.Equal(value, v);
                }
            });

    [Fact]
    public void Trimming_cuts_the_entries_above_the_highest_in_use_and_keeps_every_handle_and_key_valid()
    {
        var index = new KeyIndex<int>();
        var handles = new Dictionary<int, KeyHandle>();
        for (var i = 0; i < 1000; i++)
        {
            index.GetValueRefOrAddDefault(new KeyText("k" + i), out _, out var handle) = i;
            handles[i] = handle;
        }

        for (var i = 100; i < 1000; i++)
        {
            Assert.Equal(i, index.RemoveAt(handles[i]));
        }

        for (var i = 0; i < 100; i += 2)
        {
            Assert.True(index.Remove(new KeyText("k" + i)));
        }

        index.TrimExcess(0);
        Assert.True(index.Capacity <= 256);
        for (var i = 1000; i < 1200; i++)
        {
            index.GetValueRefOrAddDefault(new KeyText("k" + i), out var exists) = i; // reuses the freed entries below the cut
            Assert.False(exists);
        }

        Assert.Equal(250, index.Count);
        for (var i = 1; i < 100; i += 2)
        {
            Assert.Equal(i, index.RemoveAt(handles[i])); // the handles of the keys kept are still valid
        }

        Assert.All(Enumerable.Range(1000, 200), i => Assert.True(index.TryGetValue(new KeyText("k" + i), out var v) && v == i));
        Assert.Equal(200, index.Count);
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
