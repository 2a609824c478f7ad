using System;
using System.Numerics;

namespace Incentives.Tests.Support;

/// <summary>
/// Checks the equality, hashing and ordering contract of a value type in one call, as NodaTime's TestHelper does:
/// <c>Equals(T)</c>, <c>Equals(object)</c>, <c>GetHashCode</c>, <c>==</c>/<c>!=</c>, and for ordered types
/// <c>CompareTo</c> and <c>&lt; &lt;= &gt; &gt;=</c>. Reusable by every area's value types.
/// </summary>
public static class ValueTypeContract
{
    /// <summary>Asserts the equality contract: <paramref name="value"/> equals <paramref name="equalValue"/> and not <paramref name="unequalValue"/>.</summary>
    public static void AssertEquality<T>(T value, T equalValue, T unequalValue)
        where T : IEquatable<T>, IEqualityOperators<T, T, bool>
    {
        Assert.True(value.Equals(equalValue), "Equals(T) of equal values");
        Assert.True(equalValue.Equals(value), "Equals(T) is symmetric");
        Assert.True(value.Equals((object)equalValue), "Equals(object) of equal values");
        Assert.Equal(value.GetHashCode(), equalValue.GetHashCode());
        Assert.True(value == equalValue, "== of equal values");
        Assert.False(value != equalValue, "!= of equal values");

        Assert.False(value.Equals(unequalValue), "Equals(T) of unequal values");
        Assert.False(unequalValue.Equals(value), "Equals(T) of unequal values is symmetric");
        Assert.False(value.Equals((object)unequalValue), "Equals(object) of unequal values");
        Assert.False(value == unequalValue, "== of unequal values");
        Assert.True(value != unequalValue, "!= of unequal values");

        Assert.False(value.Equals(null), "Equals(null)");
        Assert.False(value.Equals(new object()), "Equals(another type)");
        Assert.True(value.Equals(value), "Equals is reflexive");
    }

    /// <summary>
    /// Asserts the ordering contract for <paramref name="smaller"/> &lt; <paramref name="greater"/>, with
    /// <paramref name="equalToSmaller"/> equal to <paramref name="smaller"/>, plus the equality contract.
    /// </summary>
    public static void AssertOrdering<T>(T smaller, T equalToSmaller, T greater)
        where T : IEquatable<T>, IComparable<T>, IComparable, IComparisonOperators<T, T, bool>
    {
        AssertEquality(smaller, equalToSmaller, greater);
        Assert.True(smaller.CompareTo(greater) < 0);
        Assert.True(greater.CompareTo(smaller) > 0);
        Assert.Equal(0, smaller.CompareTo(equalToSmaller));
        Assert.True(smaller.CompareTo((object)greater) < 0);
        Assert.True(smaller.CompareTo((object?)null) > 0, "everything sorts after null");
        Assert.Throws<ArgumentException>(() => smaller.CompareTo(new object()));

        Assert.True(smaller < greater);
        Assert.False(greater < smaller);
        Assert.False(smaller < equalToSmaller);
        Assert.True(smaller <= greater);
        Assert.True(smaller <= equalToSmaller);
        Assert.False(greater <= smaller);
        Assert.True(greater > smaller);
        Assert.False(smaller > greater);
        Assert.False(smaller > equalToSmaller);
        Assert.True(greater >= smaller);
        Assert.True(smaller >= equalToSmaller);
        Assert.False(smaller >= greater);
    }
}
