using System;
using System.Linq;
using Incentives.Time;
using NodaTime;

namespace Incentives.Tests.Time;

public sealed class SlotScheduleTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];
    private static readonly CampaignWindow Holiday = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, Shanghai);

    private static Instant Beijing(int month, int day, int hour, int minute = 0) =>
        new LocalDateTime(2026, month, day, hour, minute).InZoneStrictly(Shanghai).ToInstant();

    [Fact]
    public void Evening_slot_every_day_is_open_from_20_00_to_22_00_local()
    {
        var evenings = SlotSchedule.Create(Holiday, DailySlot.Every(new LocalTime(20, 0), new LocalTime(22, 0)));

        Assert.True(evenings.Contains(Beijing(2, 15, 20)));
        Assert.True(evenings.Contains(Beijing(2, 23, 21, 59)));
        Assert.False(evenings.Contains(Beijing(2, 15, 19, 59)));
        Assert.False(evenings.Contains(Beijing(2, 15, 22)));
        Assert.False(evenings.Contains(Beijing(2, 24, 20))); // after the window
        Assert.Equal(9, evenings.GetSlotIntervals().Count);
        Assert.Equal(Beijing(2, 16, 20), evenings.NextSlotStart(Beijing(2, 15, 20)));
        Assert.Equal(Beijing(2, 15, 20), evenings.NextOpening(Instant.FromUtc(2026, 1, 1, 0, 0)));
        Assert.Null(evenings.NextSlotStart(Beijing(2, 23, 20)));
    }

    [Fact]
    public void A_slot_on_one_date_can_cross_midnight()
    {
        // "Only on 2026-02-16 (Lunar New Year's Eve) from 20:00 to 00:30 the next day."
        var eve = SlotSchedule.Create(Holiday, DailySlot.OnDate(new LocalDate(2026, 2, 16), new LocalTime(20, 0), new LocalTime(0, 30)));

        Assert.True(eve.Contains(Beijing(2, 16, 20)));
        Assert.True(eve.Contains(Beijing(2, 17, 0, 15)));
        Assert.False(eve.Contains(Beijing(2, 17, 0, 30)));
        Assert.False(eve.Contains(Beijing(2, 17, 20, 30)));
        Assert.Equal([new Interval(Beijing(2, 16, 20), Beijing(2, 17, 0, 30))], eve.GetSlotIntervals());
        Assert.Equal("20:00-00:30 (+1 day) on 2026-02-16", eve.Slots[0].ToString());
    }

    [Fact]
    public void Days_of_the_week_and_excluded_dates_select_the_occurrences()
    {
        // 2026-02-15 is a Sunday; the holiday has two Sundays (15th and 22nd) and one Saturday (21st).
        var weekend = DailySlot.OnDaysOfWeek(new LocalTime(10, 0), new LocalTime(12, 0), IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday)
            .Except(new LocalDate(2026, 2, 22));

        var schedule = SlotSchedule.Create(Holiday, weekend);

        Assert.Equal(
            [new LocalDate(2026, 2, 15), new LocalDate(2026, 2, 21)],
            schedule.GetSlotIntervals().Select(i => i.Start.InZone(Shanghai).Date).ToArray());
        Assert.False(schedule.Contains(Beijing(2, 22, 11)));
    }

    [Fact]
    public void Occurrences_are_clipped_to_the_window()
    {
        var window = CampaignWindow.Create(new LocalDateTime(2026, 2, 16, 21, 0), new LocalDateTime(2026, 2, 17, 21, 0), Shanghai);

        var schedule = SlotSchedule.Create(window, DailySlot.Every(new LocalTime(20, 0), new LocalTime(22, 0)));

        Assert.Equal(
            [new Interval(Beijing(2, 16, 21), Beijing(2, 16, 22)), new Interval(Beijing(2, 17, 20), Beijing(2, 17, 21))],
            schedule.GetSlotIntervals());
    }

    [Fact]
    public void Overlapping_slots_and_empty_slots_are_rejected()
    {
        var e = Assert.Throws<ArgumentException>(() => SlotSchedule.Create(
            Holiday,
            DailySlot.Every(new LocalTime(20, 0), new LocalTime(22, 0)),
            DailySlot.OnDate(new LocalDate(2026, 2, 16), new LocalTime(21, 0), new LocalTime(23, 0))));

        Assert.Contains("Slot 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("2026-02-16", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => DailySlot.Every(new LocalTime(20, 0), new LocalTime(20, 0)));
        Assert.Throws<ArgumentException>(() => SlotSchedule.Create(Holiday));

        // Touching slots are fine.
        var touching = SlotSchedule.Create(
            Holiday, DailySlot.Every(new LocalTime(20, 0), new LocalTime(22, 0)), DailySlot.Every(new LocalTime(22, 0), new LocalTime(23, 0)));
        Assert.True(touching.Contains(Beijing(2, 15, 22)));
    }

    [Fact]
    public void A_slot_boundary_in_a_DST_gap_is_rejected_by_default_and_resolved_on_request()
    {
        var march = CampaignWindow.ForDays(new LocalDate(2026, 3, 6), 4, NewYork);
        var night = DailySlot.Every(new LocalTime(2, 0), new LocalTime(2, 45));

        var e = Assert.Throws<DstResolutionException>(() => SlotSchedule.Create(march, [night]));
        Assert.Contains("2026-03-08T02:00:00", e.Message, StringComparison.Ordinal);

        // First clock reading: on 2026-03-08 the whole slot is inside the gap, so it has no occurrence that day.
        var lenient = SlotSchedule.Create(march, [night], DstPolicy.FirstClockReading);
        Assert.Equal(3, lenient.GetSlotIntervals().Count);
        Assert.DoesNotContain(lenient.GetSlotIntervals(), i => i.Start.InZone(NewYork).Date == new LocalDate(2026, 3, 8));
    }
}
