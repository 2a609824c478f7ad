using System.Globalization;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Rewards.Envelopes;

namespace Incentives.Tests.Rewards.Envelopes;

public sealed class LuckyAmountsTests
{
    [Theory]
    [InlineData(440, 506)] // 44x all contain a 4; 5xx is the next hundred without one
    [InlineData(39, 56)] // 46 has a 4
    [InlineData(886, 886)]
    [InlineData(887, 888)]
    [InlineData(889, 896)]
    [InlineData(3_999, 5_006)]
    public void Next_lucky_amount_at_or_above(long value, long expected) =>
        Assert.Equal(expected, LuckyAmounts.AtOrAbove(value, long.MaxValue / 2, avoidFour: true));

    [Theory]
    [InlineData(500, 398)] // 498 has a 4
    [InlineData(9, 8)]
    [InlineData(5, -1)] // nothing lucky at or below 5
    [InlineData(50_000, 39_998)]
    public void Previous_lucky_amount_at_or_below(long value, long expected) =>
        Assert.Equal(expected, LuckyAmounts.AtOrBelow(value, 0, avoidFour: true));

    [Fact]
    public void Searching_near_the_largest_amount_does_not_overflow()
    {
        // long.MaxValue = 9,223,372,036,854,775,807. Above ...804 the next 4-free amount would be ...855,000,006, past
        // the limit; without the 4 rule ...806 fits. Below, the highest 4 drops to 3 and the rest to 9s, then ...98.
        Assert.Equal(-1, LuckyAmounts.AtOrAbove(long.MaxValue - 3, long.MaxValue, avoidFour: true));
        Assert.Equal(9_223_372_036_854_775_806, LuckyAmounts.AtOrAbove(long.MaxValue - 3, long.MaxValue, avoidFour: false));
        Assert.Equal(-1, LuckyAmounts.AtOrAbove(long.MaxValue, long.MaxValue, avoidFour: false)); // ...807 -> ...808 overflows
        Assert.Equal(9_223_372_036_853_999_998, LuckyAmounts.AtOrBelow(long.MaxValue, 0, avoidFour: true));
    }

    [Property(MaxTest = 200)]
    public Property Lucky_neighbours_are_the_nearest_lucky_amounts_on_each_side() =>
        Prop.ForAll(Gen.Choose(0, 20_000).ToArbitrary(), Gen.Elements(true, false).ToArbitrary(), (value, avoidFour) =>
        {
            bool IsLucky(long x) => x % 10 is 6 or 8 && (!avoidFour || !x.ToString(CultureInfo.InvariantCulture).Contains('4', System.StringComparison.Ordinal));
            var above = LuckyAmounts.AtOrAbove(value, 100_000, avoidFour);
            var below = LuckyAmounts.AtOrBelow(value, 0, avoidFour);
            var bruteAbove = Enumerable.Range(value, 100_000 - value).First(x => IsLucky(x));
            var bruteBelow = Enumerable.Range(0, value + 1).Reverse().Where(x => IsLucky(x)).DefaultIfEmpty(-1).First();
            return above == bruteAbove && below == bruteBelow;
        });
}
