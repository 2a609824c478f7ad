using System;
using System.Numerics;

namespace Incentives;

/// <content>Allocation: splitting an amount into parts without losing a minor unit.</content>
public readonly partial struct Money
{
    /// <summary>
    /// Splits the amount into <paramref name="parts"/> parts as evenly as possible. The parts sum exactly to
    /// this amount; they differ by at most one minor unit, and the earlier parts get the remainder:
    /// CNY 0.05 in three parts is 0.02, 0.02, 0.01.
    /// </summary>
    /// <param name="parts">The number of parts, at least 1.</param>
    /// <returns>The parts, in order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parts"/> is less than 1.</exception>
    public Money[] Allocate(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        var result = new Money[parts];
        var quotient = Math.DivRem(MinorUnits, parts, out var remainder);
        var c = Currency;
        var step = Math.Sign(remainder);
        var extra = Math.Abs(remainder);
        for (var i = 0; i < parts; i++)
        {
            result[i] = new Money(i < extra ? quotient + step : quotient, c);
        }

        return result;
    }

    /// <summary>
    /// Splits the amount in proportion to whole-number weights with the largest-remainder method. The parts sum
    /// exactly to this amount and each part is within one minor unit of its exact share
    /// (amount × weight ÷ sum of weights).
    /// </summary>
    /// <remarks>
    /// Each part first gets its exact share rounded toward zero; the minor units left over go, one each, to the
    /// parts with the largest discarded fractions, and between equal fractions to the earlier part. A zero weight
    /// always gets zero, and no part has the opposite sign of the amount.
    /// </remarks>
    /// <param name="weights">The non-negative weights, at least one of them positive; for example 2, 1, 1 for a 50/25/25 split.</param>
    /// <returns>One part per weight, in the order of the weights.</returns>
    /// <exception cref="ArgumentException"><paramref name="weights"/> is empty, has a negative weight, or all weights are zero.</exception>
    public Money[] Allocate(params ReadOnlySpan<long> weights)
    {
        ValidateWeightCount(weights.Length, nameof(weights));
        var scaled = new Int128[weights.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] < 0)
            {
                throw NegativeWeight(i, nameof(weights));
            }

            scaled[i] = weights[i];
        }

        return AllocateByLargestRemainder<Int128>(scaled, nameof(weights));
    }

    /// <summary>
    /// Splits the amount in proportion to decimal weights (for example 0.5, 0.3, 0.2) with the largest-remainder
    /// method, exactly as <see cref="Allocate(ReadOnlySpan{long})"/> does for whole-number weights.
    /// </summary>
    /// <param name="weights">The non-negative weights, at least one of them positive.</param>
    /// <returns>One part per weight, in the order of the weights.</returns>
    /// <exception cref="ArgumentException"><paramref name="weights"/> is empty, has a negative weight, or all weights are zero.</exception>
    public Money[] Allocate(ReadOnlySpan<decimal> weights)
    {
        ValidateWeightCount(weights.Length, nameof(weights));
        var decomposed = new (BigInteger Mantissa, int Scale)[weights.Length];
        var maxScale = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] < 0)
            {
                throw NegativeWeight(i, nameof(weights));
            }

            decomposed[i] = ExactArithmetic.Decompose(weights[i]);
            maxScale = Math.Max(maxScale, decomposed[i].Scale);
        }

        var scaled = new BigInteger[weights.Length];
        for (var i = 0; i < scaled.Length; i++)
        {
            scaled[i] = decomposed[i].Mantissa * ExactArithmetic.Pow10(maxScale - decomposed[i].Scale);
        }

        return AllocateByLargestRemainder<BigInteger>(scaled, nameof(weights));
    }

    private Money[] AllocateByLargestRemainder<T>(T[] weights, string paramName)
        where T : IBinaryInteger<T>
    {
        var total = T.Zero;
        foreach (var weight in weights)
        {
            total += weight;
        }

        if (T.IsZero(total))
        {
            throw new ArgumentException("At least one weight must be greater than zero.", paramName);
        }

        // Work on the magnitude so that remainders are non-negative; restore the sign at the end.
        var magnitude = T.CreateChecked(Int128.Abs(MinorUnits));
        var parts = new T[weights.Length];
        var remainders = new T[weights.Length];
        var distributed = T.Zero;
        for (var i = 0; i < weights.Length; i++)
        {
            var (quotient, remainder) = T.DivRem(magnitude * weights[i], total);
            parts[i] = quotient;
            remainders[i] = remainder;
            distributed += quotient;
        }

        var leftover = long.CreateChecked(magnitude - distributed);
        if (leftover > 0)
        {
            var order = new int[weights.Length];
            for (var i = 0; i < order.Length; i++)
            {
                order[i] = i;
            }

            Array.Sort(order, (x, y) =>
            {
                var byRemainder = remainders[y].CompareTo(remainders[x]);
                return byRemainder != 0 ? byRemainder : x.CompareTo(y);
            });
            for (var k = 0; k < leftover; k++)
            {
                parts[order[k]] += T.One;
            }
        }

        var c = Currency;
        var negative = MinorUnits < 0;
        var result = new Money[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            result[i] = new Money(long.CreateChecked(negative ? -parts[i] : parts[i]), c);
        }

        return result;
    }

    private static void ValidateWeightCount(int count, string paramName)
    {
        if (count == 0)
        {
            throw new ArgumentException("At least one weight is required.", paramName);
        }
    }

    private static ArgumentException NegativeWeight(int index, string paramName) =>
        new($"Weights must not be negative; the weight at index {index} is.", paramName);
}
