using System;

namespace Incentives.Tests;

public sealed class MoneyAllocationTests
{
    [Fact]
    public void Splitting_five_fen_three_ways_gives_two_two_one()
    {
        // Worked example from the issue and from Martin Fowler's "Money" pattern (PoEAA, p. 494).
        var parts = Money.FromDecimal(0.05m, Currency.CNY).Allocate(3);

        Assert.Equal(new[] { 2L, 2L, 1L }, Array.ConvertAll(parts, p => p.MinorUnits));
    }

    [Fact]
    public void Weighted_split_gives_the_leftover_to_the_largest_remainders()
    {
        // 1.00 split 1:1:1 -> 33.33.. each; the one leftover fen goes to the first (equal remainders, earlier index).
        var parts = Money.FromMinorUnits(100, Currency.CNY).Allocate(1L, 1L, 1L);

        Assert.Equal(new[] { 34L, 33L, 33L }, Array.ConvertAll(parts, p => p.MinorUnits));
    }
}
