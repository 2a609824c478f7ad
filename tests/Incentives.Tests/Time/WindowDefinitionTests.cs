using System;
using System.Linq;
using FluentValidation;
using FluentValidation.TestHelper;
using Incentives.Serialization;
using Incentives.Time;
using Incentives.Time.Json;
using NodaTime;

namespace Incentives.Tests.Time;

public sealed class WindowDefinitionTests
{
    private static readonly CampaignWindowDefinitionValidator Validator = new();

    private static (string Path, string Code, string Message)[] Errors(string json) =>
        Validator.Validate(CampaignWindowJson.Deserialize(json)).Errors
            .Select(e => (e.PropertyName, e.ErrorCode, e.ErrorMessage)).ToArray();

    private static void AssertSingleError(string json, string path, string code, string messagePart)
    {
        var errors = Errors(json);
        var error = Assert.Single(errors);
        Assert.Equal(path, error.Path);
        Assert.Equal(code, error.Code);
        Assert.Contains(messagePart, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_Spring_Festival_definition_loads_into_a_slot_schedule()
    {
        var schedule = Assert.IsType<SlotSchedule>(CampaignWindowJson.Load(SpringFestivalRecipeTests.Json));

        Assert.Equal(Instant.FromUtc(2026, 2, 14, 16, 0), schedule.Window.Start);
        Assert.Equal(Instant.FromUtc(2026, 2, 23, 16, 0), schedule.Window.End);
        Assert.True(schedule.Contains(Instant.FromUtc(2026, 2, 15, 12, 30))); // 20:30 on the 15th in Shanghai: the daily slot
        Assert.False(schedule.Contains(Instant.FromUtc(2026, 2, 15, 14, 30))); // 22:30 on the 15th: closed
        Assert.True(schedule.Contains(Instant.FromUtc(2026, 2, 16, 16, 15))); // 00:15 on the 17th: the Eve slot, which crosses midnight
        Assert.Equal(9, schedule.GetSlotIntervals().Count); // 8 daily evenings (the Eve excluded) + the Eve's longer slot
    }

    [Fact]
    public void A_window_without_slots_loads_into_a_window_with_its_time_reference()
    {
        var window = Assert.IsType<CampaignWindow>(CampaignWindowJson.Load(
            """{ "zone": "Asia/Shanghai", "start": "2026-02-16T20:00", "end": "2026-02-17T02:00", "timeReference": "participant" }"""));

        Assert.Equal(WindowTimeReference.Participant, window.TimeReference);
        Assert.Equal(new LocalDateTime(2026, 2, 16, 20, 0), window.LocalStart);
    }

    [Fact]
    public void Period_and_DST_policy_are_read_from_the_definition()
    {
        var window = Assert.IsType<CampaignWindow>(CampaignWindowJson.Load(
            """{ "zone": "America/New_York", "start": "2026-03-08T02:30", "period": "PT6H", "skippedTime": "endOfGap" }"""));

        Assert.Equal(Instant.FromUtc(2026, 3, 8, 7, 0), window.Start); // 03:00 EDT
        Assert.Equal(Instant.FromUtc(2026, 3, 8, 12, 30), window.End); // 08:30 EDT
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_path()
    {
        const string json = """
            {
              "zone": "Mars/Olympus_Mons",
              "start": "2026-02-30",
              "days": 9,
              "period": "P9D",
              "timeReference": "martian",
              "slots": [
                { "start": "25:00", "end": "22:00", "daysOfWeek": ["monday", "funday"] },
                { "start": "20:00", "end": "20:00", "dates": ["16/02/2026"], "excludedDates": ["2026-02-31"] }
              ]
            }
            """;

        var paths = Errors(json).Select(e => e.Path).ToArray();

        Assert.Equal(
            ["zone", "start", "timeReference", "period", "slots[0].start", "slots[0].daysOfWeek[1]", "slots[1].dates[0]", "slots[1].excludedDates[0]", "slots[1]"],
            paths);
        var e = Assert.Throws<ValidationException>(() => CampaignWindowJson.Load(json));
        Assert.Equal(9, e.Errors.Count());
        Assert.Contains("zone: Unknown time zone id 'Mars/Olympus_Mons'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_zone() => AssertSingleError(
        """{ "zone": "Asia/Beijing", "start": "2026-02-15", "days": 9 }""", "zone", WindowErrorCodes.UnknownZone, "Unknown time zone id 'Asia/Beijing'");

    [Fact]
    public void Missing_zone() => AssertSingleError(
        """{ "start": "2026-02-15", "days": 9 }""", "zone", WindowErrorCodes.Required, "time zone id is required");

    [Fact]
    public void Missing_start() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "days": 9 }""", "start", WindowErrorCodes.Required, "local date-time is required");

    [Fact]
    public void Malformed_start() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "15 Feb 2026", "days": 9 }""", "start", WindowErrorCodes.Malformed, "'15 Feb 2026' is not a local date-time");

    [Fact]
    public void Malformed_end() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "end": "2026-02-24T25:00" }""", "end", WindowErrorCodes.Malformed, "is not a local date-time");

    [Fact]
    public void End_before_start() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-24", "end": "2026-02-15" }""", "end", WindowErrorCodes.EndNotAfterStart, "end must be after its start");

    [Fact]
    public void End_equal_to_start() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15T00:00", "end": "2026-02-15" }""", "end", WindowErrorCodes.EndNotAfterStart, "end must be after its start");

    [Fact]
    public void Days_below_one() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 0 }""", "days", WindowErrorCodes.EndNotAfterStart, "'days' must be at least 1");

    [Fact]
    public void Malformed_period() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "period": "nine days" }""", "period", WindowErrorCodes.Malformed, "not an ISO-8601 period");

    [Fact]
    public void Negative_period() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "period": "P-1D" }""", "period", WindowErrorCodes.EndNotAfterStart, "end must be after its start");

    [Fact]
    public void No_length() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15" }""", "end", WindowErrorCodes.Length, "exactly one of 'end', 'days' or 'period'");

    [Fact]
    public void Two_lengths() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "end": "2026-02-24", "days": 9 }""", "days", WindowErrorCodes.Length, "Give only one");

    [Fact]
    public void Unknown_time_reference() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9, "timeReference": "user" }""", "timeReference", WindowErrorCodes.UnknownValue, "campaign, participant");

    [Fact]
    public void Unknown_DST_resolutions()
    {
        var errors = Errors("""{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9, "skippedTime": "later", "ambiguousTime": "1" }""");

        Assert.Equal(["skippedTime", "ambiguousTime"], errors.Select(e => e.Path).ToArray());
        Assert.Contains("reject, endOfGap, shiftForward", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("reject, earlierOffset, laterOffset", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Start_in_a_DST_gap_is_rejected_by_default() => AssertSingleError(
        """{ "zone": "America/New_York", "start": "2026-03-08T02:30", "days": 1 }""", "start", WindowErrorCodes.Dst, "2026-03-08T02:30:00 does not exist in time zone America/New_York");

    [Fact]
    public void End_in_a_DST_overlap_is_rejected_by_default() => AssertSingleError(
        """{ "zone": "America/New_York", "start": "2026-10-31", "end": "2026-11-01T01:30" }""", "end", WindowErrorCodes.Dst, "occurs twice");

    [Fact]
    public void Empty_slot_list() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9, "slots": [] }""", "slots", WindowErrorCodes.EmptySlot, "'slots' is empty");

    [Fact]
    public void Null_slot() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9, "slots": [null] }""", "slots[0]", WindowErrorCodes.Required, "A slot is required");

    [Fact]
    public void Empty_slot() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9, "slots": [ { "start": "20:00", "end": "20:00" } ] }""", "slots[0]", WindowErrorCodes.EmptySlot, "it is empty");

    [Fact]
    public void Missing_slot_end() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9, "slots": [ { "start": "20:00" } ] }""", "slots[0].end", WindowErrorCodes.Required, "local time is required");

    [Fact]
    public void Malformed_slot_time() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9, "slots": [ { "start": "8pm", "end": "22:00" } ] }""", "slots[0].start", WindowErrorCodes.Malformed, "'8pm' is not a local time");

    [Fact]
    public void Bad_weekday() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9, "slots": [ { "start": "20:00", "end": "22:00", "daysOfWeek": ["Sunday", "7"] } ] }""", "slots[0].daysOfWeek[1]", WindowErrorCodes.UnknownValue, "'7' is not a day of the week");

    [Fact]
    public void Malformed_slot_date() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9, "slots": [ { "start": "20:00", "end": "22:00", "dates": ["2026-02-16", "2026-2-17"] } ] }""", "slots[0].dates[1]", WindowErrorCodes.Malformed, "'2026-2-17' is not a date");

    [Fact]
    public void Overlapping_slots() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9, "slots": [ { "start": "20:00", "end": "22:00" }, { "start": "21:30", "end": "00:30", "dates": ["2026-02-16"] } ] }""", "slots[1]", WindowErrorCodes.OverlappingSlots, "overlaps slots[0] (20:00-22:00) on 2026-02-16");

    [Fact]
    public void Slot_outside_the_window() => AssertSingleError(
        """{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9, "slots": [ { "start": "20:00", "end": "22:00", "dates": ["2026-03-16"] } ] }""", "slots[0]", WindowErrorCodes.SlotNeverOccurs, "never occurs inside the window");

    [Fact]
    public void Slot_boundary_in_a_DST_gap() => AssertSingleError(
        """{ "zone": "America/New_York", "start": "2026-03-07", "days": 3, "slots": [ { "start": "02:15", "end": "04:00" } ] }""", "slots[0]", WindowErrorCodes.Dst, "2026-03-08T02:15:00 does not exist");

    [Fact]
    public void Wrong_JSON_type_is_a_validation_error_with_its_path()
    {
        var e = Assert.Throws<ValidationException>(() => CampaignWindowJson.Load("""{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": "nine" }"""));

        var error = Assert.Single(e.Errors);
        Assert.Equal("days", error.PropertyName);
        Assert.Equal(DefinitionErrorCodes.InvalidJson, error.ErrorCode);
    }

    [Fact]
    public void Unknown_property_is_a_validation_error()
    {
        var e = Assert.Throws<ValidationException>(() => CampaignWindowJson.Load("""{ "zoneId": "Asia/Shanghai", "start": "2026-02-15", "days": 9 }"""));

        Assert.Equal(DefinitionErrorCodes.InvalidJson, Assert.Single(e.Errors).ErrorCode);
    }

    [Fact]
    public void A_prefix_nests_the_paths()
    {
        var result = new CampaignWindowDefinitionValidator("window").TestValidate(new CampaignWindowDefinition { Zone = "Nowhere", Start = "2026-02-15", Days = 9 });

        result.ShouldHaveValidationErrorFor("window.zone").WithErrorCode(WindowErrorCodes.UnknownZone);

        var e = Assert.Throws<ValidationException>(() => CampaignWindowJson.Compile(
            new CampaignWindowDefinition { Zone = "America/New_York", Start = "2026-10-31", End = "2026-11-01T01:30", Slots = [new SlotDefinition { Start = "8pm", End = "22:00" }] },
            "campaign.window"));
        Assert.Equal(["campaign.window.slots[0].start"], e.Errors.Select(f => f.PropertyName).ToArray());
        e = Assert.Throws<ValidationException>(() => CampaignWindowJson.Compile(
            new CampaignWindowDefinition { Zone = "America/New_York", Start = "2026-10-31", End = "2026-11-01T01:30" }, "campaign.window"));
        Assert.Equal(["campaign.window.end"], e.Errors.Select(f => f.PropertyName).ToArray());
    }
}
