namespace Incentives.Rewards.Envelopes;

/// <summary>
/// Finds "lucky" amounts in minor units: the last digit is 6 or 8 (六六大顺, 发) and, at the strict level, no
/// digit is a 4 (四 sounds like "death").
/// </summary>
internal static class LuckyAmounts
{
    /// <summary>Returns the smallest lucky amount at or above <paramref name="value"/> (non-negative), or -1 when it exceeds <paramref name="limit"/>.</summary>
    internal static long AtOrAbove(long value, long limit, bool avoidFour)
    {
        var x = value;
        while (x <= limit)
        {
            if (avoidFour)
            {
                var power = HighestFourPower(x);
                if (power > 0)
                {
                    // Raise the highest 4 to a 5 and zero every digit below it: the smallest 4-free number above.
                    x = ((x / power) + 1) * power;
                    continue;
                }
            }

            var digit = x % 10;
            if (digit is 6 or 8)
            {
                return x;
            }

            x += digit switch { < 6 => 6 - digit, 7 => 1, _ => 7 };
        }

        return -1;
    }

    /// <summary>Returns the largest lucky amount at or below <paramref name="value"/> and not below <paramref name="floor"/>, or -1.</summary>
    internal static long AtOrBelow(long value, long floor, bool avoidFour)
    {
        var x = value;
        while (x >= floor && x >= 0)
        {
            if (avoidFour)
            {
                var power = HighestFourPower(x);
                if (power > 0)
                {
                    // Lower the highest 4 to a 3 and set every digit below it to 9: the largest 4-free number below.
                    x = ((x / power) * power) - 1;
                    continue;
                }
            }

            var digit = x % 10;
            if (digit is 6 or 8)
            {
                return x;
            }

            x -= digit switch { 9 => 1, 7 => 1, _ => digit + 2 };
        }

        return -1;
    }

    /// <summary>Returns 10^p for the most significant digit position p holding a 4, or 0 when no digit is a 4.</summary>
    private static long HighestFourPower(long x)
    {
        long found = 0;
        long power = 1;
        for (var rest = x; rest > 0; rest /= 10)
        {
            if (rest % 10 == 4)
            {
                found = power;
            }

            if (rest >= 10)
            {
                power *= 10;
            }
        }

        return found;
    }
}
