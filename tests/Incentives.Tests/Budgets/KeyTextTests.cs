using System.Collections.Generic;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Budgets;

namespace Incentives.Tests.Budgets;

/// <summary>
/// The in-memory ledger's idempotency key is the caller's key and the engine's suffix kept apart (no string per claim). It must
/// behave exactly as the joined text: equal however it is split, unequal whenever the texts differ, the same hash for equal texts.
/// </summary>
public sealed class KeyTextTests
{
    private static Arbitrary<string> Texts() =>
        Gen.Frequency(
            (4, Gen.Elements("o-1:c", "o-1", ":c", "order-42:fest-food", "a", "ab:", "é漢:😀")),
            (3, ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get)),
            (1, Gen.Choose(250, 600).Select(n => new string('k', n) + ":c"))) // past the length hashed on the stack
        .ToArbitrary();

    [Property(MaxTest = 300)]
    public Property A_key_split_anywhere_equals_the_whole_text_and_hashes_the_same() =>
        Prop.ForAll(Texts(), Arb.From(Gen.Choose(0, 1000)), (whole, cut) =>
        {
            var split = cut % (whole.Length + 1);
            var parts = new KeyText(whole[..split], whole[split..]);
            var joined = new KeyText(whole);

            Assert.True(parts.Equals(joined));
            Assert.True(joined.Equals(parts));
            Assert.True(KeyText.SameText(parts, joined));
            Assert.Equal(joined.GetHashCode(), parts.GetHashCode());
            Assert.Equal(whole, parts.ToString());
            Assert.Equal(whole.Length, parts.Length);
        });

    [Property(MaxTest = 300)]
    public Property Keys_whose_texts_differ_are_not_equal() =>
        Prop.ForAll(Texts(), Texts(), Arb.From(Gen.Choose(0, 1000).Two()), (x, y, cuts) =>
        {
            var (cx, cy) = (cuts.Item1 % (x.Length + 1), cuts.Item2 % (y.Length + 1));
            var a = new KeyText(x[..cx], x[cx..]);
            var b = new KeyText(y[..cy], y[cy..]);

            var same = string.Equals(x, y, System.StringComparison.Ordinal);
            Assert.Equal(same, a.Equals(b));
            Assert.Equal(same, KeyText.SameText(a, b)); // the character comparison itself, which unequal hashes usually skip
            Assert.Equal(same, KeyText.SameText(b, a));
        });

    [Property(MaxTest = 300)]
    public Property A_text_that_differs_in_one_character_is_not_equal_wherever_either_is_split() =>
        Prop.ForAll(Texts().Filter(t => t.Length > 0), Arb.From(Gen.Choose(0, 1000).Three()), (x, picks) =>
        {
            var at = picks.Item1 % x.Length;
            var y = x[..at] + (x[at] == 'z' ? "y" : "z") + x[(at + 1)..];
            var (cx, cy) = (picks.Item2 % (x.Length + 1), picks.Item3 % (y.Length + 1));
            var a = new KeyText(x[..cx], x[cx..]);
            var b = new KeyText(y[..cy], y[cy..]);

            Assert.False(KeyText.SameText(a, b));
            Assert.False(KeyText.SameText(b, a));
            Assert.True(KeyText.SameText(a, new KeyText(x[..cy], x[cy..])));
            Assert.False(a.Equals(b));
        });

    [Fact]
    public void In_a_dictionary_the_engine_split_key_finds_the_key_a_caller_passed_whole_and_not_a_near_miss()
    {
        var keys = new Dictionary<KeyText, int> { [new KeyText("order-42:fest-food")] = 1 };

        Assert.True(keys.ContainsKey(new KeyText("order-42", ":fest-food")));
        Assert.True(keys.ContainsKey(new KeyText("order-4", "2:fest-food")));
        Assert.False(keys.ContainsKey(new KeyText("order-42", ":fest-foo")));
        Assert.False(keys.ContainsKey(new KeyText("order-42", ":fest-foods")));
        Assert.False(keys.ContainsKey(new KeyText("order-42:", "fest-fooD")));
    }
}
