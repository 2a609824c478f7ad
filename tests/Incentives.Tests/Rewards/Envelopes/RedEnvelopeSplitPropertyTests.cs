using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Rewards.Envelopes;
using Incentives.Rewards.Randomness;

namespace Incentives.Tests.Rewards.Envelopes;

public sealed class RedEnvelopeSplitPropertyTests
{
    [Property(MaxTest = 300)]
    public Property Every_split_has_count_envelopes_within_bounds_summing_exactly_to_the_total() =>
        Prop.ForAll(SplitCase.Feasible(), c => IsValidSplit(c, c.Spec.Split(new SeededRandomSource(c.Seed)).Select(m => m.MinorUnits).ToArray()));

    [Property(MaxTest = 100)]
    public Property Large_pools_split_within_bounds_and_exactly_to_the_total() =>
        Prop.ForAll(SplitCase.Large(), c => IsValidSplit(c, c.Spec.Split(new SeededRandomSource(c.Seed)).Select(m => m.MinorUnits).ToArray()));

    [Property(MaxTest = 200)]
    public Property Amounts_near_the_limit_of_money_split_without_overflow() =>
        Prop.ForAll(SplitCase.Extreme(), c => IsValidSplit(c, c.Spec.Split(new SeededRandomSource(c.Seed)).Select(m => m.MinorUnits).ToArray()));

    [Property(MaxTest = 200)]
    public Property The_same_seed_yields_the_same_split() =>
        Prop.ForAll(SplitCase.Feasible(), c =>
            c.Spec.Split(new SeededRandomSource(c.Seed)).SequenceEqual(c.Spec.Split(new SeededRandomSource(c.Seed))));

    [Property(MaxTest = 200)]
    public Property Filling_buffers_yields_the_same_amounts_as_enumerating() =>
        Prop.ForAll(SplitCase.Feasible(), Gen.Choose(1, 17).ToArbitrary(), (c, bufferSize) =>
        {
            var splitter = c.Spec.CreateSplitter(new SeededRandomSource(c.Seed));
            var buffer = new long[bufferSize];
            var filled = new System.Collections.Generic.List<long>();
            int n;
            while ((n = splitter.Fill(buffer)) > 0)
            {
                filled.AddRange(buffer.Take(n));
            }

            return filled.SequenceEqual(c.Spec.Split(new SeededRandomSource(c.Seed)).Select(m => m.MinorUnits))
                && splitter.RemainingCount == 0 && splitter.RemainingAmount.IsZero;
        });

    [Property(MaxTest = 200)]
    public Property Secure_splits_are_valid_too() =>
        Prop.ForAll(SplitCase.Feasible(), c => IsValidSplit(c, c.Spec.Split(SecureRandomSource.Shared).Select(m => m.MinorUnits).ToArray()));

    [Property(MaxTest = 200)]
    public Property Pool_openings_are_the_split_in_order_then_exhausted() =>
        Prop.ForAll(SplitCase.Feasible(), c =>
        {
            var pool = new RedEnvelopePool(c.Spec, new SeededRandomSource(c.Seed));
            var expected = c.Spec.Split(new SeededRandomSource(c.Seed)).ToArray();
            var openings = Enumerable.Range(0, c.Count).Select(_ => pool.Open()).ToArray();
            var after = pool.Open();
            return openings.Select(o => o.Amount).SequenceEqual(expected)
                && openings.Select(o => o.Sequence).SequenceEqual(Enumerable.Range(1, c.Count))
                && !after.IsOpened && pool.RemainingCount == 0 && pool.RemainingAmount.IsZero;
        });

    private static bool IsValidSplit(SplitCase c, long[] amounts) =>
        amounts.Length == c.Count
        && amounts.All(a => a >= c.Minimum && a <= c.Maximum)
        && amounts.Aggregate(0L, (sum, a) => checked(sum + a)) == c.Total;
}
