using Incentives.Time;
using Incentives.Time.Json;
using NodaTime;

namespace Incentives.Tests.Time;

/// <summary>The docs/time.md recipe: the Spring Festival 2026 campaign window, built in code and from JSON.</summary>
public sealed class SpringFestivalRecipeTests
{
    /// <summary>The same campaign as data (shown in docs/time.md, "JSON form").</summary>
    internal const string Json = """
        {
          "zone": "Asia/Shanghai",
          "start": "2026-02-15",
          "days": 9,
          "slots": [
            { "start": "20:00", "end": "22:00", "excludedDates": ["2026-02-16"] },
            { "start": "20:00", "end": "00:30", "dates": ["2026-02-16"] }
          ]
        }
        """;

    [Fact]
    public void Recipe_Spring_Festival_2026_in_code_and_in_JSON_agree()
    {
        // In code: the official nine-day holiday, red envelopes every evening 20:00-22:00, and on Lunar New Year's Eve
        // (the night of the Spring Festival Gala) from 20:00 until 00:30.
        var shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
        var holiday = CampaignWindows.SpringFestivalHoliday(2026, shanghai);
        var eve = LunarCalendar.NewYearsEve(2026); // 2026-02-16
        var schedule = SlotSchedule.Create(
            holiday,
            DailySlot.Every(new LocalTime(20, 0), new LocalTime(22, 0)).Except(eve),
            DailySlot.OnDate(eve, new LocalTime(20, 0), new LocalTime(0, 30)));

        // The same campaign as data.
        var fromJson = (SlotSchedule)CampaignWindowJson.Load(Json);

        Assert.Equal(holiday, fromJson.Window);
        Assert.Equal(schedule.GetSlotIntervals(), fromJson.GetSlotIntervals());
        Assert.Equal(Instant.FromUtc(2026, 2, 14, 16, 0), holiday.Start);
        Assert.Equal(Instant.FromUtc(2026, 2, 23, 16, 0), holiday.End);

        // On the claim path: 00:15 on 2026-02-17 in Shanghai is inside the Eve's slot, on campaign day 3.
        var claim = Instant.FromUtc(2026, 2, 16, 16, 15);
        Assert.True(schedule.Contains(claim));
        Assert.True(holiday.TryGetDay(claim, out var day));
        Assert.Equal(3, day.Number);
    }
}
