using System;
using System.Globalization;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using FluentValidation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Incentives.Serialization;
using Incentives.Time.Json;
using NodaTime;

namespace Incentives.Tests.Time;

/// <summary>Out-of-range values, words that only look like enum names, and the error-code convention of the window definitions.</summary>
public sealed class WindowDefinitionLimitsTests
{
    private static (string Path, string Code, string Message) SingleError(string json)
    {
        var e = Assert.Throws<ValidationException>(() => CampaignWindowJson.Load(json));
        var error = Assert.Single(e.Errors);
        return (error.PropertyName, error.ErrorCode, error.ErrorMessage);
    }

    [Theory]
    [InlineData("""{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 2147483647 }""", "days", "at most 3660 local days")]
    [InlineData("""{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 3661 }""", "days", "at most 3660 local days")]
    [InlineData("""{ "zone": "Asia/Shanghai", "start": "2026-02-15", "period": "P99999Y" }""", "period", "outside the supported years 1-9998")]
    [InlineData("""{ "zone": "Asia/Shanghai", "start": "2026-02-15", "period": "P-99999Y" }""", "period", "outside the supported years 1-9998")]
    [InlineData("""{ "zone": "Asia/Shanghai", "start": "2026-02-15", "period": "PT9223372036854775807S" }""", "period", "outside the supported years 1-9998")]
    [InlineData("""{ "zone": "Asia/Shanghai", "start": "2026-02-15", "period": "P11Y" }""", "period", "at most 3660 local days")]
    [InlineData("""{ "zone": "Asia/Shanghai", "start": "2026-02-15", "end": "2046-02-15" }""", "end", "at most 3660 local days")]
    [InlineData("""{ "zone": "Asia/Shanghai", "start": "9999-12-31T00:00", "days": 2 }""", "start", "'9999-12-31T00:00' is outside the supported years 1-9998")]
    [InlineData("""{ "zone": "Asia/Shanghai", "start": "9998-12-31T00:00", "days": 2 }""", "days", "The end 9999-01-02T00:00 is outside the supported years 1-9998")]
    [InlineData("""{ "zone": "America/Vancouver", "start": "9998-12-31T00:00", "end": "9999-12-31T23:00" }""", "end", "outside the supported years")]
    public void An_out_of_range_length_or_date_is_reported_with_its_path_not_thrown(string json, string path, string messagePart)
    {
        var (actualPath, code, message) = SingleError(json);

        Assert.Equal(path, actualPath);
        Assert.Equal(WindowErrorCodes.OutOfRange, code);
        Assert.Contains(messagePart, message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_longest_windows_are_accepted()
    {
        Assert.Equal(3660, CampaignWindowJson.Load("""{ "zone": "Asia/Shanghai", "start": "2026-01-01", "days": 3660 }""").Window.Days.Count);
        Assert.Equal(new LocalDateTime(2036, 1, 1, 0, 0), CampaignWindowJson.Load("""{ "zone": "Asia/Shanghai", "start": "2026-01-01", "period": "P10Y" }""").Window.LocalEnd);
    }

    [Theory]
    [InlineData("""{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9, "skippedTime": "endOfGap,shiftForward" }""", "skippedTime")]
    [InlineData("""{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9, "timeReference": "campaign, participant" }""", "timeReference")]
    [InlineData("""{ "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 9, "slots": [ { "start": "20:00", "end": "22:00", "daysOfWeek": ["monday,tuesday"] } ] }""", "slots[0].daysOfWeek[0]")]
    public void A_comma_separated_list_of_names_is_not_a_value(string json, string path)
    {
        // Enum.TryParse reads "monday,tuesday" as Monday|Tuesday = Wednesday, and "endOfGap,shiftForward" as an undefined value.
        var (actualPath, code, _) = SingleError(json);

        Assert.Equal((path, WindowErrorCodes.UnknownValue), (actualPath, code));
    }

    [Fact]
    public void Every_error_code_is_a_time_code_in_kebab_case()
    {
        var codes = typeof(WindowErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToArray();

        Assert.Equal(11, codes.Length);
        Assert.All(codes, code => Assert.Matches(new Regex("^time\\.[a-z]+(-[a-z]+)*$"), code));
        Assert.Equal("time.end-not-after-start", WindowErrorCodes.EndNotAfterStart);
        Assert.Equal("time.unknown-zone", WindowErrorCodes.UnknownZone);
        Assert.Equal("time.out-of-range", WindowErrorCodes.OutOfRange);
    }

    [Fact]
    public void Unreadable_JSON_is_reported_with_the_shared_json_code()
    {
        var e = Assert.Throws<ValidationException>(() => CampaignWindowJson.Load("null"));

        Assert.Equal(DefinitionErrorCodes.InvalidJson, Assert.Single(e.Errors).ErrorCode);
        Assert.Contains("campaign window", e.Message, StringComparison.Ordinal);
    }

    private static readonly Gen<string> AnyString = ArbMap.Default.ArbFor<string>().Generator;

    private static readonly Gen<string> Year =
        Gen.OneOf(Gen.Choose(-12000, 12000), Gen.Choose(1, 9999), Gen.Elements(0, 1, 9998, 9999, 10000))
            .Select(y => y.ToString(y < 0 ? "00000" : "0000", CultureInfo.InvariantCulture));

    private static readonly Gen<string> DateText =
        from year in Year
        from month in Gen.Choose(0, 13)
        from day in Gen.Choose(0, 32)
        select string.Create(CultureInfo.InvariantCulture, $"{year}-{month:00}-{day:00}");

    private static readonly Gen<string> TimeText =
        from hour in Gen.Choose(0, 25)
        from minute in Gen.OneOf(Gen.Choose(0, 60), Gen.Elements(0, 30))
        select string.Create(CultureInfo.InvariantCulture, $"{hour:00}:{minute:00}");

    private static readonly Gen<string?> DateTimeText = Gen.OneOf(
        Gen.Constant<string?>(null),
        AnyString.Select(s => (string?)s),
        DateText.Select(d => (string?)d),
        Gen.Elements<string?>("2026-02-15", "2026-03-08T02:30", "2026-11-01T01:30", "9998-12-31", "0001-01-01T00:00"),
        (from d in DateText from t in TimeText select (string?)(d + "T" + t)));

    private static readonly Gen<int?> Days = Gen.OneOf(
        Gen.Constant<int?>(null),
        ArbMap.Default.ArbFor<int>().Generator.Select(i => (int?)i),
        Gen.Elements<int?>(int.MaxValue, int.MinValue, 0, 1, 3660, 3661),
        Gen.Choose(-10, 4000).Select(i => (int?)i));

    private static readonly Gen<string?> PeriodText = Gen.OneOf(
        Gen.Constant<string?>(null),
        AnyString.Select(s => (string?)s),
        from unit in Gen.Elements("P{0}Y", "P{0}M", "P{0}W", "P{0}D", "PT{0}H", "PT{0}M", "PT{0}S", "P1Y{0}D")
        from n in Gen.OneOf(ArbMap.Default.ArbFor<long>().Generator, Gen.Elements(long.MaxValue, long.MinValue, 0L), Gen.Choose(-20, 20).Select(i => (long)i))
        select (string?)string.Format(CultureInfo.InvariantCulture, unit, n));

    private static Gen<string?> Word(params string[] words) => Gen.OneOf(
        Gen.Constant<string?>(null), AnyString.Select(s => (string?)s), Gen.Elements(words).Select(w => (string?)w));

    private static readonly Gen<SlotDefinition?> Slot =
        from start in Gen.OneOf(TimeText, AnyString).Select(s => (string?)s)
        from end in Gen.OneOf(TimeText, AnyString).Select(s => (string?)s)
        from daysOfWeek in Gen.OneOf(Gen.Constant<string[]?>(null), Word("monday", "Sunday", "monday,tuesday", "None", "7").Select(w => w ?? "x").ArrayOf().Select(a => (string[]?)a))
        from dates in Gen.OneOf(Gen.Constant<string[]?>(null), Gen.OneOf(DateText, AnyString).ArrayOf().Select(a => (string[]?)a))
        from excluded in Gen.OneOf(Gen.Constant<string[]?>(null), DateText.ArrayOf().Select(a => (string[]?)a))
        from isNull in Gen.Choose(0, 15)
        select isNull == 0 ? null : new SlotDefinition { Start = start, End = end, DaysOfWeek = daysOfWeek, Dates = dates, ExcludedDates = excluded };

    private static readonly Gen<CampaignWindowDefinition> Definitions =
        from zone in Gen.OneOf(Gen.Constant<string?>(null), AnyString.Select(s => (string?)s), Gen.Elements<string?>("Asia/Shanghai", "America/New_York", "Pacific/Apia", "Etc/GMT+12", "Etc/GMT-14", "America/Santiago"))
        from start in DateTimeText
        from end in DateTimeText
        from days in Days
        from period in PeriodText
        from reference in Word("campaign", "participant", "Participant", "campaign,participant", "1")
        from skipped in Word("reject", "endOfGap", "shiftForward", "endOfGap,shiftForward", "2")
        from ambiguous in Word("reject", "earlierOffset", "laterOffset", "earlierOffset,laterOffset")
        from lengths in Gen.Choose(0, 7)
        from slots in Gen.OneOf(Gen.Constant<SlotDefinition?[]?>(null), Slot.ArrayOf().Select(a => (SlotDefinition?[]?)a.Take(4).ToArray()))
        select new CampaignWindowDefinition
        {
            Zone = zone,
            Start = start,

            // Usually exactly one of end, days and period, so that most cases get past the length check to the arithmetic.
            End = (lengths & 1) != 0 || lengths == 0 ? end : null,
            Days = (lengths & 2) != 0 ? days : null,
            Period = (lengths & 4) != 0 ? period : null,
            TimeReference = reference,
            SkippedTime = skipped,
            AmbiguousTime = ambiguous,
            Slots = slots,
        };

    [Property(MaxTest = 300, Replay = Seed.Replay)]
    public Property Compiling_any_definition_returns_a_schedule_or_throws_a_ValidationException_and_nothing_else() =>
        Prop.ForAll(Definitions.ToArbitrary(), definition =>
        {
            try
            {
                return CampaignWindowJson.Compile(definition) is not null;
            }
            catch (ValidationException e)
            {
                return e.Errors.Any() && e.Errors.All(f => f.ErrorCode.StartsWith("time.", StringComparison.Ordinal));
            }
        });
}
