using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Time;
using NodaTime;

namespace Incentives.Tests.Time;

public sealed class SlotPropertyTests
{
    private static readonly Gen<DailySlot> Slots =
        from start in Gen.Choose(0, 47)
        from length in Gen.Choose(1, 47)
        from days in Gen.SubListOf(new[] { IsoDayOfWeek.Monday, IsoDayOfWeek.Wednesday, IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday })
        select new DailySlot(
            LocalTime.FromMinutesSinceMidnight(start * 30),
            LocalTime.FromMinutesSinceMidnight(((start + length) % 48) * 30),
            days);

    [Property(MaxTest = 200, Replay = Seed.Replay)]
    public Property Slots_lie_inside_the_window_sorted_and_disjoint() =>
        Prop.ForAll(
            (from w in CampaignWindowPropertyTests.Windows from s in Slots select (w, s)).ToArbitrary(),
            t =>
            {
                var (window, slot) = t;
                var schedule = SlotSchedule.Create(window, [slot], DstPolicy.FirstClockReading);
                var intervals = schedule.GetSlotIntervals();
                return intervals.All(i => i.Start >= window.Start && i.End <= window.End && i.Start < i.End)
                    && intervals.Zip(intervals.Skip(1), (a, b) => a.End < b.Start).All(ok => ok)
                    && intervals.All(i => schedule.Contains(i.Start) && !schedule.Contains(i.End) && schedule.Contains(i.End - Duration.Epsilon));
            });

    [Property(MaxTest = 200, Replay = Seed.Replay)]
    public Property An_instant_in_a_slot_is_in_the_window_at_the_slots_local_time() =>
        Prop.ForAll(
            (from w in CampaignWindowPropertyTests.Windows from s in Slots from f in Gen.Choose(0, 10_000) select (w, s, f)).ToArbitrary(),
            t =>
            {
                var (window, slot, f) = t;
                var schedule = SlotSchedule.Create(window, [slot], DstPolicy.FirstClockReading);
                var instant = window.Start + Duration.FromSeconds((long)(window.Duration.TotalSeconds * f / 10_001.0));
                if (!schedule.Contains(instant))
                {
                    return true;
                }

                var local = instant.InZone(window.Zone).LocalDateTime;
                var startDate = slot.AppliesOn(local.Date) && local.TimeOfDay >= slot.Start ? local.Date : local.Date.PlusDays(-1);
                var (ls, le) = slot.OccurrenceOn(startDate);
                return window.Contains(instant) && slot.AppliesOn(startDate) && local >= ls.PlusHours(-3) && local < le.PlusHours(3);
            });
}
