using NodaTime;

namespace Incentives.Time;

/// <summary>Allocation-free binary search over sorted instants (exact to the nanosecond).</summary>
internal static class InstantSearch
{
    /// <summary>Returns the index of the last element at or before <paramref name="value"/>, or -1 when all are after it.</summary>
    internal static int LastAtOrBefore(Instant[] sorted, Instant value)
    {
        int lo = 0, hi = sorted.Length - 1, found = -1;
        while (lo <= hi)
        {
            var mid = lo + ((hi - lo) >> 1);
            if (sorted[mid] <= value)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found;
    }
}
