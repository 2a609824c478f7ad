using System;
using System.Numerics;

namespace Incentives;

/// <summary>Exact integer arithmetic behind rounding and scaling of <see cref="Money"/>.</summary>
internal static class ExactArithmetic
{
    /// <summary>Splits a decimal into an integer mantissa and a power-of-ten scale: value = mantissa / 10^scale.</summary>
    internal static (BigInteger Mantissa, int Scale) Decompose(decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var magnitude = ((BigInteger)(uint)bits[2] << 64) | ((BigInteger)(uint)bits[1] << 32) | (uint)bits[0];
        var scale = (bits[3] >> 16) & 0xFF;
        return (bits[3] < 0 ? -magnitude : magnitude, scale);
    }

    /// <summary>Computes numerator / denominator rounded to an integer with the given mode, exactly.</summary>
    internal static BigInteger DivideRounded(BigInteger numerator, BigInteger denominator, MidpointRounding mode)
    {
        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        if (remainder.IsZero)
        {
            return quotient;
        }

        // quotient is truncated toward zero; the exact value lies strictly between quotient and quotient + sign.
        var sign = numerator.Sign;
        var twiceRemainder = BigInteger.Abs(remainder) * 2;
        var half = twiceRemainder.CompareTo(denominator);
        var awayFromZero = mode switch
        {
            MidpointRounding.ToZero => false,
            MidpointRounding.ToNegativeInfinity => sign < 0,
            MidpointRounding.ToPositiveInfinity => sign > 0,
            MidpointRounding.AwayFromZero => half >= 0,
            MidpointRounding.ToEven => half > 0 || (half == 0 && !quotient.IsEven),
            _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown MidpointRounding mode."),
        };
        return awayFromZero ? quotient + sign : quotient;
    }

    /// <summary>Returns 10 to the given non-negative power.</summary>
    internal static BigInteger Pow10(int exponent) => BigInteger.Pow(10, exponent);
}
