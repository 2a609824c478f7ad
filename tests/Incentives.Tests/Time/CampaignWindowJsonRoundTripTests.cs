using System;
using System.Linq;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Time;
using Incentives.Time.Json;
using NodaTime;

namespace Incentives.Tests.Time;

/// <summary><see cref="CampaignWindowJson.ToDefinition"/> and <see cref="CampaignWindowJson.Serialize"/> write what <see cref="CampaignWindowJson.Load"/> reads back.</summary>
public sealed class CampaignWindowJsonRoundTripTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Fact]
    public void The_Spring_Festival_schedule_is_written_as_whole_days_and_slots_and_read_back_unchanged()
    {
        var schedule = (SlotSchedule)CampaignWindowJson.Load(SpringFestivalRecipeTests.Json);

        var json = CampaignWindowJson.Serialize(schedule);
        var back = Assert.IsType<SlotSchedule>(CampaignWindowJson.Load(json));

        Assert.Equal(schedule.Window, back.Window);
        Assert.Equal(schedule.GetSlotIntervals(), back.GetSlotIntervals());
        var definition = CampaignWindowJson.ToDefinition(schedule);
        Assert.Equal(("Asia/Shanghai", "2026-02-15", 9, (string?)null), (definition.Zone, definition.Start, definition.Days, definition.End));
        Assert.Equal(["2026-02-16"], definition.Slots![1]!.Dates);
        Assert.Equal("00:30", definition.Slots[1]!.End);
    }

    [Fact]
    public void A_participant_local_window_keeps_its_time_reference()
    {
        var eveNight = CampaignWindows.LunarNewYearsEveNight(2026, new LocalTime(20, 0), new LocalTime(2, 0), Shanghai, WindowTimeReference.Participant);

        var json = CampaignWindowJson.Serialize(eveNight);

        Assert.Contains("\"timeReference\": \"participant\"", json, StringComparison.Ordinal);
        Assert.Contains("\"end\": \"2026-02-17T02:00\"", json, StringComparison.Ordinal);
        Assert.Equal(eveNight, CampaignWindowJson.Load(json));
    }

    [Fact]
    public void A_window_resolved_with_a_lenient_policy_is_written_with_the_policy_that_reproduces_it()
    {
        // 2026-03-08T02:30 does not exist in New York (TZDB): shifted forward it is 03:30 EDT.
        var window = CampaignWindow.Create(
            new LocalDateTime(2026, 3, 8, 2, 30), new LocalDateTime(2026, 3, 8, 8, 0), NewYork, DstPolicy.Create(SkippedTimeResolution.ShiftForward, AmbiguousTimeResolution.Reject));

        var definition = CampaignWindowJson.ToDefinition(window);

        Assert.Equal(("2026-03-08T02:30", "shiftForward"), (definition.Start, definition.SkippedTime));
        Assert.Equal(window, CampaignWindowJson.Compile(definition));
    }

    [Fact]
    public void A_schedule_without_a_JSON_form_is_refused_with_the_reason()
    {
        var custom = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, Shanghai)
            .WithTimeReference(WindowTimeReference.Participant, DstPolicy.Create(SkippedTimeResolution.ShiftForward, AmbiguousTimeResolution.LaterOffset));

        var e = Assert.Throws<ArgumentException>(() => CampaignWindowJson.ToDefinition(custom));

        Assert.Equal("schedule", e.ParamName);
        Assert.Contains("participant policy", e.Message, StringComparison.Ordinal);
    }

    [Property(MaxTest = 150, Replay = Seed.Replay)]
    public Property Every_window_and_its_participant_local_form_read_back_equal_from_their_JSON() =>
        Prop.ForAll(
            (from w in CampaignWindowPropertyTests.Windows from participant in Gen.Elements(false, true) select participant ? w.WithTimeReference(WindowTimeReference.Participant) : w)
            .ToArbitrary(),
            w => CampaignWindowJson.Load(CampaignWindowJson.Serialize(w)).Equals(w));

    [Property(MaxTest = 100, Replay = Seed.Replay)]
    public Property Every_slot_schedule_reads_back_with_the_same_slot_intervals() =>
        Prop.ForAll(
            (from w in CampaignWindowPropertyTests.Windows
             from startMinute in Gen.Choose(0, (24 * 60) - 1)
             from length in Gen.Choose(1, (24 * 60) - 1)
             select (w, DailySlot.Every(LocalTime.Midnight.PlusMinutes(startMinute), LocalTime.Midnight.PlusMinutes(startMinute + length))))
            .ToArbitrary(),
            t =>
            {
                var (w, slot) = t;
                SlotSchedule schedule;
                try
                {
                    schedule = SlotSchedule.Create(w, [slot], DstPolicy.FirstClockReading);
                }
                catch (ArgumentException)
                {
                    return true; // the slot never fits this window; nothing to write
                }

                string json;
                try
                {
                    json = CampaignWindowJson.Serialize(schedule);
                }
                catch (ArgumentException)
                {
                    // A definition rejects a slot that never occurs in the window; in code such a schedule is simply never open.
                    return schedule.GetSlotIntervals().Count == 0;
                }

                var back = (SlotSchedule)CampaignWindowJson.Load(json);
                return back.Window.Equals(w) && back.GetSlotIntervals().SequenceEqual(schedule.GetSlotIntervals());
            });
}
