using System;
using System.Linq;
using FluentValidation;
using Incentives.Claims;
using Incentives.Eligibility;
using Incentives.Eligibility.Json;
using Incentives.Time;
using NodaTime;

namespace Incentives.Tests.Eligibility;

/// <summary>
/// Window rules over slot schedules and participant-local windows. Instants are computed by hand from the TZDB offsets in
/// force on those dates: Asia/Shanghai UTC+8 (no DST), America/Vancouver PST UTC-8 (DST starts 2026-03-08),
/// Australia/Sydney AEDT UTC+11 (DST until 2026-04-05); UTC = local time minus the offset.
/// Lunar New Year's Day 2026 is 17 February (Hong Kong Observatory calendar), so New Year's Eve is 16 February.
/// </summary>
public sealed class WindowScheduleRuleTests
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly DateTimeZone Vancouver = DateTimeZoneProviders.Tzdb["America/Vancouver"];
    private static readonly DateTimeZone Sydney = DateTimeZoneProviders.Tzdb["Australia/Sydney"];

    // docs/eligibility.md "Time slots" is copied from here.
    private static readonly SlotSchedule EveningFlash = SlotSchedule.Create(
        CampaignWindow.Create(new LocalDateTime(2026, 2, 15, 0, 0), new LocalDateTime(2026, 2, 24, 0, 0), Shanghai),
        DailySlot.Every(new LocalTime(20, 0), new LocalTime(22, 0)));

    private static readonly EligibilityEvaluator Flash = EligibilityRule.Window(EveningFlash).Compile();

    // docs/eligibility.md "Participant-local windows" is copied from here.
    private static readonly CampaignWindow NewYearsEve = CampaignWindow
        .Create(new LocalDateTime(2026, 2, 16, 20, 0), new LocalDateTime(2026, 2, 17, 2, 0), Shanghai)
        .WithTimeReference(WindowTimeReference.Participant);

    private static readonly EligibilityEvaluator Diaspora = EligibilityRule.Window(NewYearsEve).Compile();

    // docs/eligibility.md "Windows in JSON" is copied from here.
    private const string FlashJson = """
        {
          "type": "window",
          "window": {
            "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9,
            "slots": [ { "start": "20:00", "end": "22:00" } ]
          }
        }
        """;

    private const string DiasporaJson = """
        {
          "type": "window",
          "window": {
            "zone": "Asia/Shanghai", "start": "2026-02-16T20:00", "end": "2026-02-17T02:00",
            "timeReference": "participant"
          }
        }
        """;

    [Fact]
    public void Flash_slot_is_open_from_20_00_to_22_00_Shanghai_every_evening_of_the_window()
    {
        // 20:00 and 21:59:59.999999999 CST = 12:00Z and 13:59:59.999999999Z, on each of the nine dates 15..23 February.
        for (var day = 15; day <= 23; day++)
        {
            var open = Instant.FromUtc(2026, 2, day, 12, 0);
            Assert.True(Flash.IsEligible(Claim(open)));
            Assert.True(Flash.IsEligible(Claim(open + Duration.FromHours(2) - Duration.Epsilon)));
            Assert.False(Flash.IsEligible(Claim(open - Duration.Epsilon)));
            Assert.False(Flash.IsEligible(Claim(open + Duration.FromHours(2))));
        }
    }

    [Fact]
    public void Flash_slot_outside_the_evening_is_explained_with_the_schedule_and_the_next_opening()
    {
        var failure = Assert.Single(Flash.Explain(Claim(Instant.FromUtc(2026, 2, 16, 14, 0))).Failures);

        Assert.Equal(EligibilityCodes.WindowOutsideSlots, failure.Code);
        Assert.Equal(
            "The claim at 2026-02-16T14:00:00Z is inside the window but outside today's slots of the schedule " +
            "Asia/Shanghai [2026-02-15T00:00:00+08:00, 2026-02-24T00:00:00+08:00) slots: 20:00-22:00. " +
            "The next slot opens at 2026-02-17T12:00:00Z.",
            failure.Message);
    }

    [Fact]
    public void Flash_slot_before_and_after_the_window_is_not_started_and_ended()
    {
        var before = Assert.Single(Flash.Explain(Claim(Instant.FromUtc(2026, 2, 14, 12, 30))).Failures);
        var after = Assert.Single(Flash.Explain(Claim(Instant.FromUtc(2026, 2, 24, 12, 30))).Failures);

        Assert.Equal(EligibilityCodes.WindowNotStarted, before.Code);
        Assert.Equal(
            "The claim at 2026-02-14T12:30:00Z is before the window " +
            "Asia/Shanghai [2026-02-15T00:00:00+08:00, 2026-02-24T00:00:00+08:00) opens at 2026-02-14T16:00:00Z.",
            before.Message);
        Assert.Equal(EligibilityCodes.WindowEnded, after.Code);
        Assert.Equal(
            "The claim at 2026-02-24T12:30:00Z is at or after the end of the window " +
            "Asia/Shanghai [2026-02-15T00:00:00+08:00, 2026-02-24T00:00:00+08:00), which ends at 2026-02-23T16:00:00Z.",
            after.Message);
    }

    [Fact]
    public void Flash_slot_JSON_loads_the_same_rule_and_round_trips()
    {
        var loaded = EligibilityRuleJson.Load(FlashJson);
        var written = EligibilityRuleJson.Serialize(loaded);

        Assert.Equal(EligibilityRule.Window(EveningFlash), loaded);
        Assert.Equal(
            """{"type":"window","window":{"zone":"Asia/Shanghai","start":"2026-02-15","days":9,"slots":[{"start":"20:00","end":"22:00"}]}}""",
            written);
        Assert.Equal(loaded, EligibilityRuleJson.Load(written));
    }

    [Theory]
    [InlineData("America/Vancouver", 2026, 2, 17, 4, 2026, 2, 17, 10)] // 20:00 PST (UTC-8) on the 16th to 02:00 PST on the 17th
    [InlineData("Australia/Sydney", 2026, 2, 16, 9, 2026, 2, 16, 15)] // 20:00 AEDT (UTC+11) on the 16th to 02:00 AEDT on the 17th
    public void New_Years_Eve_20_00_to_02_00_is_read_on_each_participants_clock(
        string zoneId, int sy, int sm, int sd, int sh, int ey, int em, int ed, int eh)
    {
        var zone = DateTimeZoneProviders.Tzdb[zoneId];
        var start = Instant.FromUtc(sy, sm, sd, sh, 0);
        var end = Instant.FromUtc(ey, em, ed, eh, 0);

        Assert.True(Diaspora.IsEligible(Claim(start, zone)));
        Assert.True(Diaspora.IsEligible(Claim(end - Duration.Epsilon, zone)));
        Assert.Equal(EligibilityCodes.WindowNotStarted, Assert.Single(Diaspora.Explain(Claim(start - Duration.Epsilon, zone)).Failures).Code);
        Assert.Equal(EligibilityCodes.WindowEnded, Assert.Single(Diaspora.Explain(Claim(end, zone)).Failures).Code);
    }

    [Fact]
    public void New_Years_Eve_in_Vancouver_starts_after_it_has_ended_in_Sydney()
    {
        // Vancouver opens at 2026-02-17T04:00Z; Sydney closed at 2026-02-16T15:00Z.
        var vancouverOpening = Instant.FromUtc(2026, 2, 17, 4, 0);
        var failure = Assert.Single(Diaspora.Explain(Claim(vancouverOpening, Sydney)).Failures);

        Assert.True(Diaspora.IsEligible(Claim(vancouverOpening, Vancouver)));
        Assert.Equal(EligibilityCodes.WindowEnded, failure.Code);
        Assert.Equal(
            "The claim at 2026-02-17T04:00:00Z is at or after the end of the window " +
            "participant-local [2026-02-16T20:00:00, 2026-02-17T02:00:00) (campaign zone Asia/Shanghai) " +
            "(read in the participant's zone Australia/Sydney), which ends at 2026-02-16T15:00:00Z.",
            failure.Message);
    }

    [Fact]
    public void A_participant_without_a_home_zone_is_read_in_the_campaign_zone()
    {
        // 20:00-02:00 in Shanghai (UTC+8) = [2026-02-16T12:00Z, 2026-02-16T18:00Z).
        Assert.True(Diaspora.IsEligible(Claim(Instant.FromUtc(2026, 2, 16, 12, 0), zone: null)));
        var failure = Assert.Single(Diaspora.Explain(Claim(Instant.FromUtc(2026, 2, 16, 18, 0), zone: null)).Failures);

        Assert.Equal(EligibilityCodes.WindowEnded, failure.Code);
        Assert.Equal(
            "The claim at 2026-02-16T18:00:00Z is at or after the end of the window " +
            "participant-local [2026-02-16T20:00:00, 2026-02-17T02:00:00) (campaign zone Asia/Shanghai) " +
            "(read in the campaign zone Asia/Shanghai: the participant has no home zone), which ends at 2026-02-16T18:00:00Z.",
            failure.Message);
    }

    [Fact]
    public void Diaspora_JSON_loads_the_same_rule_and_round_trips()
    {
        var loaded = EligibilityRuleJson.Load(DiasporaJson);
        var written = EligibilityRuleJson.Serialize(loaded);

        Assert.Equal(EligibilityRule.Window(NewYearsEve), loaded);
        Assert.Equal(
            """{"type":"window","window":{"zone":"Asia/Shanghai","start":"2026-02-16T20:00","end":"2026-02-17T02:00","timeReference":"participant"}}""",
            written);
        Assert.True(loaded.Compile().IsEligible(Claim(Instant.FromUtc(2026, 2, 17, 4, 0), Vancouver)));
    }

    [Fact]
    public void The_flat_window_form_is_still_read_and_written()
    {
        const string flat = """{"type":"window","zone":"Asia/Shanghai","start":"2026-02-15T00:00","end":"2026-02-24T00:00"}""";

        var rule = EligibilityRuleJson.Load(flat);

        Assert.Equal(EligibilityRule.Window(EveningFlash.Window), rule);
        Assert.Equal(flat, EligibilityRuleJson.Serialize(rule));
    }

    [Fact]
    public void Nested_window_errors_carry_their_full_path()
    {
        const string json = """
            {
              "type": "allOf",
              "rules": [
                { "type": "window", "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9,
                  "slots": [ { "start": "20:00", "end": "22:00" }, { "start": "25:00", "end": "23:00" } ] } },
                { "type": "window", "window": { "zone": "Mars/Olympus", "start": "2026-02-15", "end": "2026-02-24",
                  "timeReference": "everyone" } },
                { "type": "window", "zone": "Asia/Shanghai", "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 1 } }
              ]
            }
            """;

        var error = Assert.Throws<ValidationException>(() => EligibilityRuleJson.Load(json));
        var paths = error.Errors.Select(e => e.PropertyName).ToArray();

        Assert.Equal(
            ["rules[0].window.slots[1].start", "rules[1].window.zone", "rules[1].window.timeReference", "rules[2].window"],
            paths);
        Assert.Contains("rules[0].window.slots[1].start: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Slot_schedules_and_participant_windows_are_allocation_free_once_warm()
    {
        var claims = new[]
        {
            Claim(Instant.FromUtc(2026, 2, 16, 12, 30)), Claim(Instant.FromUtc(2026, 2, 16, 14, 30)),
            Claim(Instant.FromUtc(2026, 2, 17, 4, 0), Vancouver), Claim(Instant.FromUtc(2026, 2, 16, 9, 0), Sydney),
        };
        var eligible = 0;
        foreach (var claim in claims)
        {
            eligible += (Flash.IsEligible(claim) ? 1 : 0) + (Diaspora.IsEligible(claim) ? 1 : 0); // warm the per-zone caches
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            foreach (var claim in claims)
            {
                eligible += (Flash.IsEligible(claim) ? 1 : 0) + (Diaspora.IsEligible(claim) ? 1 : 0);
            }
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.True(eligible > 0);
    }

    private static Claim Claim(Instant at, DateTimeZone? zone = null) =>
        new(new Participant("u-1") { HomeZone = zone }, at, "marketplace");
}
