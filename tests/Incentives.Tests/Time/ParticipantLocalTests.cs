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

    [Fact]
    public void A_claim_the_participants_window_accepts_falls_on_a_participant_day()
    {
        // The Eve night 20:00-02:00 local to each participant; 2026-02-17T04:30Z is 20:30 on the 16th in Vancouver (UTC-8, PST).
        var eveNight = CampaignWindows.LunarNewYearsEveNight(2026, new LocalTime(20, 0), new LocalTime(2, 0), Shanghai, WindowTimeReference.Participant);
        var vancouverEve = Instant.FromUtc(2026, 2, 17, 4, 30);
        var vancouverAfterMidnight = Instant.FromUtc(2026, 2, 17, 8, 30); // 00:30 on the 17th in Vancouver

        Assert.True(eveNight.Contains(vancouverEve, Vancouver));
        Assert.True(eveNight.TryGetDay(vancouverEve, Vancouver, out var day));
        Assert.Equal(new CampaignDay(1, new LocalDate(2026, 2, 16), new Interval(Instant.FromUtc(2026, 2, 17, 4, 0), Instant.FromUtc(2026, 2, 17, 8, 0))), day);
        Assert.True(eveNight.TryGetDay(vancouverAfterMidnight, Vancouver, out var second));
        Assert.Equal(new CampaignDay(2, new LocalDate(2026, 2, 17), new Interval(Instant.FromUtc(2026, 2, 17, 8, 0), Instant.FromUtc(2026, 2, 17, 10, 0))), second);
        Assert.Equal([day, second], eveNight.GetDays(Vancouver));

        // The campaign's clock (and the days of Days) are Shanghai's: the same instant is outside the window there.
        Assert.False(eveNight.TryGetDay(vancouverEve, out _));
        Assert.False(eveNight.TryGetDay(vancouverEve, Shanghai, out _));
        Assert.Equal(new LocalDate(2026, 2, 16), eveNight.Days[0].Date);
        Assert.Equal(Instant.FromUtc(2026, 2, 16, 12, 0), eveNight.Days[0].Interval.Start);
    }

    [Fact]
    public void Participant_day_numbers_count_from_the_windows_first_local_date()
    {
        // Nine days from 2026-02-15 at each participant's midnight. Sydney (UTC+11, AEDT) lives them first, Vancouver (UTC-8) last.
        var holiday = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, Shanghai).WithTimeReference(WindowTimeReference.Participant);
        var claim = Instant.FromUtc(2026, 2, 15, 20, 30); // 07:30 on the 16th in Sydney; 12:30 on the 15th in Vancouver

        Assert.True(holiday.TryGetDay(claim, Sydney, out var inSydney));
        Assert.True(holiday.TryGetDay(claim, Vancouver, out var inVancouver));
        Assert.Equal((2, new LocalDate(2026, 2, 16)), (inSydney.Number, inSydney.Date));
        Assert.Equal((1, new LocalDate(2026, 2, 15)), (inVancouver.Number, inVancouver.Date));
        Assert.Equal(9, holiday.GetDays(Vancouver).Count);
        Assert.Equal(Instant.FromUtc(2026, 2, 15, 8, 0), holiday.GetDays(Vancouver)[0].Interval.Start);

        // A campaign-local window has one set of days, whoever asks.
        var campaignLocal = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, Shanghai);
        Assert.True(campaignLocal.TryGetDay(claim, Vancouver, out var shared)); // 04:30 on the 16th in Shanghai
        Assert.Equal(campaignLocal.Days[1], shared);
        Assert.Same(campaignLocal.Days, campaignLocal.GetDays(Vancouver));
    }

    [Fact]
    public void Intersecting_or_overlapping_a_participant_local_window_is_refused_rather_than_read_in_the_campaign_zone()
    {
        var holiday = CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, Shanghai);
        var eveNight = CampaignWindows.LunarNewYearsEveNight(2026, new LocalTime(20, 0), new LocalTime(2, 0), Shanghai, WindowTimeReference.Participant);

        var e = Assert.Throws<InvalidOperationException>(() => eveNight.Intersect(eveNight));
        Assert.Contains("ForParticipant(zone)", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => holiday.Intersect(eveNight));
        Assert.Throws<InvalidOperationException>(() => eveNight.Overlaps(holiday));
        Assert.Throws<InvalidOperationException>(() => holiday.Overlaps(eveNight));

        // What to do instead: intersect the windows as one participant lives them (Vancouver: 2026-02-17T04:00Z to 10:00Z).
        var inVancouver = holiday.ForParticipant(Vancouver).Intersect(eveNight.ForParticipant(Vancouver));
        Assert.Equal(new Interval(Instant.FromUtc(2026, 2, 17, 4, 0), Instant.FromUtc(2026, 2, 17, 10, 0)), inVancouver!.Interval);
    }

    [Fact]
    public void Slot_boundaries_use_the_schedules_policy_in_the_campaign_zone_and_the_windows_participant_policy_elsewhere()
    {
        // 2026-03-08 in New York: clocks jump from 02:00 EST to 03:00 EDT (TZDB America/New_York), so 02:30 does not exist.
        var week = CampaignWindow.ForDays(new LocalDate(2026, 3, 7), 3, NewYork);
        var shiftForward = DstPolicy.Create(SkippedTimeResolution.ShiftForward, AmbiguousTimeResolution.EarlierOffset);
        var slot = DailySlot.OnDate(new LocalDate(2026, 3, 8), new LocalTime(2, 30), new LocalTime(4, 0));

        // Campaign-local: the schedule's policy resolves 02:30 -> 03:30 EDT (07:30Z).
        var campaignLocal = SlotSchedule.Create(week, [slot], shiftForward);
        Assert.Equal(Instant.FromUtc(2026, 3, 8, 7, 30), campaignLocal.GetSlotIntervals()[0].Start);

        // Participant-local: a New York participant's slot follows the window's participant policy (first clock reading: 03:00 EDT,
        // 07:00Z), like the window's own ends; the schedule's policy still governs the campaign zone (Shanghai has no DST).
        var participantWeek = CampaignWindow.ForDays(new LocalDate(2026, 3, 7), 3, Shanghai).WithTimeReference(WindowTimeReference.Participant);
        var participantLocal = SlotSchedule.Create(participantWeek, [slot], shiftForward);
        Assert.Equal(Instant.FromUtc(2026, 3, 8, 7, 0), participantLocal.GetSlotIntervals(NewYork)[0].Start);
        Assert.True(participantLocal.Contains(Instant.FromUtc(2026, 3, 8, 7, 10), NewYork));

        // Choosing the participant policy changes it: shifting forward gives 03:30 EDT for the participant too.
        var shifted = SlotSchedule.Create(participantWeek.WithTimeReference(WindowTimeReference.Participant, shiftForward), [slot], DstPolicy.Strict);
        Assert.Equal(Instant.FromUtc(2026, 3, 8, 7, 30), shifted.GetSlotIntervals(NewYork)[0].Start);
        Assert.False(shifted.Contains(Instant.FromUtc(2026, 3, 8, 7, 10), NewYork));
    }
}
