using System;
using Incentives.Time;
using NodaTime;

namespace Incentives.Tests.Time;

public sealed class ParticipantLocalTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly DateTimeZone Vancouver = DateTimeZoneProviders.Tzdb["America/Vancouver"];
    private static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly DateTimeZone NewYork = DateTimeZoneProviders.Tzdb["America/New_York"];

    [Fact]
    public void Eve_20_00_to_New_Year_02_00_local_to_each_participant()
    {
        var eveNight = CampaignWindows.LunarNewYearsEveNight(2026, new LocalTime(20, 0), new LocalTime(2, 0), Shanghai, WindowTimeReference.Participant);

        // 2026-02-16T20:00 is UTC+11 in Sydney (AEDT), UTC+0 in London, UTC-5 in New York, UTC-8 in Vancouver (standard time in February).
        Assert.Equal(new Interval(Instant.FromUtc(2026, 2, 16, 9, 0), Instant.FromUtc(2026, 2, 16, 15, 0)), eveNight.GetInterval(Sydney));
        Assert.Equal(new Interval(Instant.FromUtc(2026, 2, 16, 12, 0), Instant.FromUtc(2026, 2, 16, 18, 0)), eveNight.GetInterval(Shanghai));
        Assert.Equal(new Interval(Instant.FromUtc(2026, 2, 16, 20, 0), Instant.FromUtc(2026, 2, 17, 2, 0)), eveNight.GetInterval(London));
        Assert.Equal(new Interval(Instant.FromUtc(2026, 2, 17, 1, 0), Instant.FromUtc(2026, 2, 17, 7, 0)), eveNight.GetInterval(NewYork));
        Assert.Equal(new Interval(Instant.FromUtc(2026, 2, 17, 4, 0), Instant.FromUtc(2026, 2, 17, 10, 0)), eveNight.GetInterval(Vancouver));

        var vancouverEve = Instant.FromUtc(2026, 2, 17, 4, 30); // 20:30 in Vancouver, 12:30 next day in Shanghai
        Assert.True(eveNight.Contains(vancouverEve, Vancouver));
        Assert.False(eveNight.Contains(vancouverEve, Shanghai));
        Assert.False(eveNight.Contains(vancouverEve)); // the campaign's own clock
        Assert.True(eveNight.Contains(vancouverEve, null) == eveNight.Contains(vancouverEve));
        Assert.Equal("participant-local [2026-02-16T20:00:00, 2026-02-17T02:00:00) (campaign zone Asia/Shanghai)", eveNight.ToString());
    }

    [Fact]
    public void A_campaign_local_window_ignores_the_participants_zone()
    {
        var eveNight = CampaignWindows.LunarNewYearsEveNight(2026, new LocalTime(20, 0), new LocalTime(2, 0), Shanghai, WindowTimeReference.Campaign);
        var shanghaiEve = Instant.FromUtc(2026, 2, 16, 12, 30);

        Assert.True(eveNight.Contains(shanghaiEve, Vancouver));
        Assert.Equal(eveNight.Interval, eveNight.GetInterval(Vancouver));
    }

    [Fact]
    public void Participant_days_follow_the_participants_calendar()
    {
        var holiday = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, Shanghai).WithTimeReference(WindowTimeReference.Participant);

        var inVancouver = holiday.ForParticipant(Vancouver);

        Assert.Equal(Instant.FromUtc(2026, 2, 15, 8, 0), inVancouver.Start);
        Assert.Equal(new LocalDate(2026, 2, 15), inVancouver.Days[0].Date);
        Assert.Equal(9, inVancouver.Days.Count);
    }

    [Fact]
    public void A_participant_local_time_in_a_DST_gap_starts_at_the_first_clock_reading()
    {
        // Midnight in Santiago: clocks jumped from 2022-09-11T00:00 to 01:00 (TZDB America/Santiago), so the participant's day starts at 01:00 -03.
        var window = CampaignWindow.ForDays(new LocalDate(2022, 9, 11), 1, Shanghai).WithTimeReference(WindowTimeReference.Participant);
        var santiago = DateTimeZoneProviders.Tzdb["America/Santiago"];

        Assert.Equal(Instant.FromUtc(2022, 9, 11, 4, 0), window.GetInterval(santiago).Start);
        Assert.Throws<ArgumentException>(() => window.WithTimeReference(WindowTimeReference.Participant, DstPolicy.Strict));
    }

    [Fact]
    public void Slots_of_a_participant_local_window_are_read_on_the_participants_clock()
    {
        var holiday = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, Shanghai).WithTimeReference(WindowTimeReference.Participant);
        var evenings = SlotSchedule.Create(holiday, DailySlot.Every(new LocalTime(20, 0), new LocalTime(22, 0)));
        var londonEvening = Instant.FromUtc(2026, 2, 18, 20, 30); // 20:30 in London, 04:30 next day in Shanghai

        Assert.True(evenings.Contains(londonEvening, London));
        Assert.False(evenings.Contains(londonEvening, Shanghai));
        Assert.False(evenings.Contains(londonEvening));
        Assert.Equal(Instant.FromUtc(2026, 2, 19, 20, 0), evenings.NextSlotStart(londonEvening, London));
        Assert.Equal(9, evenings.GetSlotIntervals(London).Count);
    }
}
