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
                    // Compared before adding, so that amounts near long.MaxValue cannot overflow.
                    var start = x - (x % power);
                    if (start > limit - power)
                    {
                        return -1;
                    }

                    x = start + power;
                    continue;
                }
            }

            var digit = x % 10;
            if (digit is 6 or 8)
            {
                return x;
            }

            if (digit != 9)
            {
                // Raising the last digit to 6 or 8 changes no other digit: done.
                var step = digit < 6 ? 6 - digit : 1;
                return x <= limit - step ? x + step : -1;
            }

            // 9 becomes the next ten's 6; the carry may create a 4, so check again.
            if (x > limit - 7)
            {
                return -1;
            }

            x += 7;
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

            if (digit is 7 or 9)
            {
                // Lowering the last digit to 6 or 8 changes no other digit: done.
                return x - 1 >= floor ? x - 1 : -1;
            }

            // 0 to 5 becomes the previous ten's 8; the borrow may create a 4, so check again.
            x -= digit + 2;
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
