using System;
using System.Collections.Generic;
using NodaTime;

namespace Incentives.Time;

/// <summary>The resolved, clipped, sorted occurrences of a set of slots inside one window, in one zone.</summary>
internal sealed class SlotOccurrences
{
    private SlotOccurrences(Instant[] starts, Instant[] ends)
    {
        Starts = starts;
        Ends = ends;
    }

    public Instant[] Starts { get; }

    public Instant[] Ends { get; }

    /// <summary>Resolves every occurrence in <paramref name="zone"/>, clipped to <paramref name="window"/>; occurrences that become empty are dropped.</summary>
    public static SlotOccurrences Build(Interval window, DateTimeZone zone, IReadOnlyList<DailySlot> slots, DstPolicy policy)
    {
        var found = new List<(Instant Start, Instant End)>();
        var last = window.End.InZone(zone).Date;
        for (var date = window.Start.InZone(zone).Date.PlusDays(-1); date <= last; date = date.PlusDays(1))
        {
            foreach (var slot in slots)
            {
                if (!slot.AppliesOn(date))
                {
                    continue;
                }

                var (localStart, localEnd) = slot.OccurrenceOn(date);
                var s = policy.Resolve(localStart, zone, "slots").ToInstant();
                var e = policy.Resolve(localEnd, zone, "slots").ToInstant();
                s = s > window.Start ? s : window.Start;
                e = e < window.End ? e : window.End;
                if (s < e)
                {
                    found.Add((s, e));
                }
            }
        }

        found.Sort((a, b) => a.Start.CompareTo(b.Start));

        // Slots never overlap in local time (checked when the schedule is created), and resolution is monotonic, so this only
        // joins occurrences that touch; it keeps Contains a single binary search.
        var merged = new List<(Instant Start, Instant End)>(found.Count);
        foreach (var occurrence in found)
        {
            if (merged.Count > 0 && merged[^1].End >= occurrence.Start)
            {
                var previous = merged[^1];
                merged[^1] = (previous.Start, previous.End > occurrence.End ? previous.End : occurrence.End);
            }
            else
            {
                merged.Add(occurrence);
            }
        }

        var starts = new Instant[merged.Count];
        var ends = new Instant[merged.Count];
        for (var i = 0; i < merged.Count; i++)
        {
            (starts[i], ends[i]) = merged[i];
        }

        return new SlotOccurrences(starts, ends);
    }

    /// <summary>
    /// Finds the first pair of slots whose local occurrences overlap inside the local window, and the slots that never start inside it.
    /// Works on local times only, so it needs no zone and never throws.
    /// </summary>
    public static (SlotOverlap? Overlap, bool[] Occurs) Analyse(LocalDateTime localStart, LocalDateTime localEnd, IReadOnlyList<DailySlot> slots)
    {
        var occurs = new bool[slots.Count];
        var occurrences = new List<(LocalDateTime Start, LocalDateTime End, int Slot, LocalDate Date)>();
        for (var date = localStart.Date.PlusDays(-1); date <= localEnd.Date; date = date.PlusDays(1))
        {
            for (var i = 0; i < slots.Count; i++)
            {
                if (!slots[i].AppliesOn(date))
                {
                    continue;
                }

                var (s, e) = slots[i].OccurrenceOn(date);
                if (s < localEnd && e > localStart)
                {
                    occurs[i] = true;
                    occurrences.Add((s, e, i, date));
                }
            }
        }

        occurrences.Sort((a, b) => a.Start != b.Start ? a.Start.CompareTo(b.Start) : a.Slot.CompareTo(b.Slot));
        for (var k = 1; k < occurrences.Count; k++)
        {
            for (var j = k - 1; j >= 0 && j >= k - slots.Count; j--)
            {
                if (occurrences[j].End > occurrences[k].Start)
                {
                    var first = Math.Min(occurrences[j].Slot, occurrences[k].Slot);
                    var second = Math.Max(occurrences[j].Slot, occurrences[k].Slot);
                    return (new SlotOverlap(first, second, occurrences[k].Start.Date), occurs);
                }
            }
        }

        return (null, occurs);
    }
}

/// <summary>Two slots (by index, <c>First &lt; Second</c>) whose occurrences overlap on a local date.</summary>
internal sealed record SlotOverlap(int First, int Second, LocalDate Date);
