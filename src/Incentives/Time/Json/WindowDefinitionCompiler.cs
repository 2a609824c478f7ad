using System;
using System.Collections.Generic;
using System.Globalization;
using FluentValidation.Results;
using NodaTime;

namespace Incentives.Time.Json;

/// <summary>
/// Reads a <see cref="CampaignWindowDefinition"/> once: collects every problem with its JSON path, and builds the runtime objects
/// when there is none. The validator and the loader share it, so what validates is exactly what compiles.
/// </summary>
internal static class WindowDefinitionCompiler
{
    internal static ICampaignSchedule? Compile(CampaignWindowDefinition definition, string prefix, List<ValidationFailure> failures)
    {
        var before = failures.Count;
        var zone = ReadZone(definition.Zone, prefix, failures);
        var start = ReadDateTime(definition.Start, Path(prefix, "start"), failures, required: true);
        var reference = ReadWord(definition.TimeReference, Path(prefix, "timeReference"), WindowTimeReference.Campaign, failures);
        var skipped = ReadWord(definition.SkippedTime, Path(prefix, "skippedTime"), SkippedTimeResolution.Reject, failures);
        var ambiguous = ReadWord(definition.AmbiguousTime, Path(prefix, "ambiguousTime"), AmbiguousTimeResolution.Reject, failures);
        var (localEnd, lengthPath) = ReadEnd(definition, start, prefix, failures);
        var slots = ReadSlots(definition.Slots, prefix, failures);
        if (failures.Count > before || zone is null || start is null || localEnd is null)
        {
            return null;
        }

        var policy = DstPolicy.Create(skipped, ambiguous);
        CampaignWindow window;
        try
        {
            window = definition.Days is { } days && start.Value.TimeOfDay == LocalTime.Midnight
                ? CampaignWindow.ForDays(start.Value.Date, days, zone)
                : CampaignWindow.Create(start.Value, localEnd.Value, zone, policy);
        }
        catch (DstResolutionException e)
        {
            failures.Add(Failure(e.ParamName == "start" ? Path(prefix, "start") : lengthPath, e.Message, WindowErrorCodes.Dst));
            return null;
        }
        catch (ArgumentOutOfRangeException)
        {
            failures.Add(Failure(lengthPath, "The window's end must be after its start once daylight-saving time is resolved.", WindowErrorCodes.EndNotAfterStart));
            return null;
        }

        if (reference == WindowTimeReference.Participant)
        {
            window = window.WithTimeReference(WindowTimeReference.Participant);
        }

        if (slots is null)
        {
            return window;
        }

        CheckSlots(window, slots, policy, prefix, failures);
        return failures.Count > before ? null : SlotSchedule.Create(window, slots, policy);
    }

    internal static string Path(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    private static void CheckSlots(CampaignWindow window, DailySlot[] slots, DstPolicy policy, string prefix, List<ValidationFailure> failures)
    {
        var (overlap, occurs) = SlotOccurrences.Analyse(window.LocalStart, window.LocalEnd, slots);
        if (overlap is not null)
        {
            failures.Add(Failure(
                SlotPath(prefix, overlap.Second),
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"The slot {slots[overlap.Second]} overlaps slots[{overlap.First}] ({slots[overlap.First]}) on {overlap.Date:uuuu'-'MM'-'dd}; slots must not overlap."),
                WindowErrorCodes.OverlappingSlots));
        }

        for (var i = 0; i < slots.Length; i++)
        {
            if (!occurs[i])
            {
                failures.Add(Failure(SlotPath(prefix, i), $"The slot {slots[i]} never occurs inside the window.", WindowErrorCodes.SlotNeverOccurs));
                continue;
            }

            try
            {
                SlotOccurrences.Build(window.Interval, window.Zone, [slots[i]], policy);
            }
            catch (DstResolutionException e)
            {
                failures.Add(Failure(SlotPath(prefix, i), e.Message, WindowErrorCodes.Dst));
            }
        }
    }

    private static DateTimeZone? ReadZone(string? zoneId, string prefix, List<ValidationFailure> failures)
    {
        var path = Path(prefix, "zone");
        if (string.IsNullOrWhiteSpace(zoneId))
        {
            failures.Add(Failure(path, "A time zone id is required, e.g. 'Asia/Shanghai'.", WindowErrorCodes.Required));
            return null;
        }

        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId);
        if (zone is null)
        {
            failures.Add(Failure(path, TimeZones.UnknownZoneMessage(zoneId), WindowErrorCodes.UnknownZone));
        }

        return zone;
    }

    private static (LocalDateTime? End, string Path) ReadEnd(
        CampaignWindowDefinition definition, LocalDateTime? start, string prefix, List<ValidationFailure> failures)
    {
        var given = new List<string>(3);
        if (definition.End is not null)
        {
            given.Add("end");
        }

        if (definition.Days is not null)
        {
            given.Add("days");
        }

        if (definition.Period is not null)
        {
            given.Add("period");
        }

        if (given.Count == 0)
        {
            failures.Add(Failure(Path(prefix, "end"), "Give the window's length as exactly one of 'end', 'days' or 'period'.", WindowErrorCodes.Length));
            return (null, Path(prefix, "end"));
        }

        for (var i = 1; i < given.Count; i++)
        {
            failures.Add(Failure(
                Path(prefix, given[i]), $"Give only one of 'end', 'days' or 'period' ('{given[0]}' is already given).", WindowErrorCodes.Length));
        }

        var path = Path(prefix, given[0]);
        LocalDateTime? end = null;
        switch (given[0])
        {
            case "end":
                end = ReadDateTime(definition.End, path, failures, required: true);
                break;
            case "days":
                if (definition.Days < 1)
                {
                    failures.Add(Failure(path, string.Create(CultureInfo.InvariantCulture, $"'days' must be at least 1 (got {definition.Days})."), WindowErrorCodes.EndNotAfterStart));
                    return (null, path);
                }

                if (definition.Days > CampaignWindowJson.MaxDays)
                {
                    failures.Add(Failure(path, TooLong($"'days' is {definition.Days}"), WindowErrorCodes.OutOfRange));
                    return (null, path);
                }

                end = start is null ? null : Add(start.Value, Period.FromDays(definition.Days!.Value));
                break;
            default:
                var period = TimeText.ParsePeriod(definition.Period!);
                if (period is null)
                {
                    failures.Add(Failure(path, $"'{definition.Period}' is not an ISO-8601 period such as 'P9D' or 'PT6H'.", WindowErrorCodes.Malformed));
                    return (null, path);
                }

                if (start is null)
                {
                    break;
                }

                end = Add(start.Value, period);
                if (end is null)
                {
                    failures.Add(Failure(path, OutOfYears($"'{definition.Period}' after the start"), WindowErrorCodes.OutOfRange));
                    return (null, path);
                }

                break;
        }

        if (start is null || end is null)
        {
            if (start is not null && given[0] == "days")
            {
                failures.Add(Failure(path, OutOfYears(string.Create(CultureInfo.InvariantCulture, $"{definition.Days} days after the start")), WindowErrorCodes.OutOfRange));
            }

            return (null, path);
        }

        if (end <= start)
        {
            failures.Add(Failure(path, "The window's end must be after its start.", WindowErrorCodes.EndNotAfterStart));
            return (null, path);
        }

        if (Add(start.Value, Period.FromDays(CampaignWindowJson.MaxDays)) is { } longest && end > longest)
        {
            failures.Add(Failure(path, TooLong($"The window ends at {TimeText.FormatDateTime(end.Value)}"), WindowErrorCodes.OutOfRange));
            return (null, path);
        }

        if (!InYears(end.Value))
        {
            failures.Add(Failure(path, OutOfYears($"The end {TimeText.FormatDateTime(end.Value)}"), WindowErrorCodes.OutOfRange));
            return (null, path);
        }

        return (end, path);
    }

    /// <summary>Adds a period in local time, or returns <see langword="null"/> when the result leaves NodaTime's calendar range.</summary>
    private static LocalDateTime? Add(LocalDateTime start, Period period)
    {
        try
        {
            return start.Plus(period);
        }
        catch (Exception e) when (e is ArgumentOutOfRangeException or OverflowException)
        {
            return null;
        }
    }

    private static bool InYears(LocalDateTime value) => value.Year >= CampaignWindowJson.MinYear && value.Year <= CampaignWindowJson.MaxYear;

    private static string TooLong(string what) => string.Create(
        CultureInfo.InvariantCulture,
        $"{what}: a window lasts at most {CampaignWindowJson.MaxDays} local days (about ten years).");

    private static string OutOfYears(string what) => string.Create(
        CultureInfo.InvariantCulture,
        $"{what} is outside the supported years {CampaignWindowJson.MinYear}-{CampaignWindowJson.MaxYear}.");

    private static DailySlot[]? ReadSlots(IList<SlotDefinition?>? definitions, string prefix, List<ValidationFailure> failures)
    {
        if (definitions is null)
        {
            return null;
        }

        if (definitions.Count == 0)
        {
            failures.Add(Failure(Path(prefix, "slots"), "'slots' is empty: give at least one slot, or leave 'slots' out to keep the whole window open.", WindowErrorCodes.EmptySlot));
            return null;
        }

        var slots = new DailySlot[definitions.Count];
        var ok = true;
        for (var i = 0; i < definitions.Count; i++)
        {
            var slot = ReadSlot(definitions[i], SlotPath(prefix, i), failures);
            ok &= slot is not null;
            slots[i] = slot!;
        }

        return ok ? slots : null;
    }

    private static DailySlot? ReadSlot(SlotDefinition? definition, string path, List<ValidationFailure> failures)
    {
        if (definition is null)
        {
            failures.Add(Failure(path, "A slot is required here (got null).", WindowErrorCodes.Required));
            return null;
        }

        var before = failures.Count;
        var start = ReadTime(definition.Start, path + ".start", failures);
        var end = ReadTime(definition.End, path + ".end", failures);
        var days = ReadList(definition.DaysOfWeek, path + ".daysOfWeek", failures, ReadDayOfWeek);
        var dates = ReadList(definition.Dates, path + ".dates", failures, TimeText.ParseDate);
        var excluded = ReadList(definition.ExcludedDates, path + ".excludedDates", failures, TimeText.ParseDate);
        if (start is not null && start == end)
        {
            failures.Add(Failure(
                path,
                $"The slot starts and ends at {definition.Start}: it is empty (an end before the start means the next day).",
                WindowErrorCodes.EmptySlot));
        }

        return failures.Count > before || start is null || end is null
            ? null
            : new DailySlot(start.Value, end.Value, days, dates, excluded);
    }

    private static IsoDayOfWeek? ReadDayOfWeek(string text) =>
        ParseName<IsoDayOfWeek>(text) is { } day && day != IsoDayOfWeek.None ? day : null;

    /// <summary>
    /// Matches one enum member name, ignoring case. Unlike <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>, it accepts
    /// neither numbers nor comma-separated combinations ("monday,tuesday" would otherwise read as Wednesday).
    /// </summary>
    private static TEnum? ParseName<TEnum>(string text)
        where TEnum : struct, Enum
    {
        foreach (var name in Enum.GetNames<TEnum>())
        {
            if (string.Equals(name, text, StringComparison.OrdinalIgnoreCase))
            {
                return Enum.Parse<TEnum>(name);
            }
        }

        return null;
    }

    private static List<T> ReadList<T>(IList<string>? texts, string path, List<ValidationFailure> failures, Func<string, T?> parse)
        where T : struct
    {
        var values = new List<T>();
        for (var j = 0; texts is not null && j < texts.Count; j++)
        {
            var value = texts[j] is null ? null : parse(texts[j]);
            if (value is null)
            {
                failures.Add(Failure(
                    string.Create(CultureInfo.InvariantCulture, $"{path}[{j}]"),
                    typeof(T) == typeof(IsoDayOfWeek)
                        ? $"'{texts[j]}' is not a day of the week; use monday ... sunday."
                        : $"'{texts[j]}' is not a date; use yyyy-MM-dd.",
                    typeof(T) == typeof(IsoDayOfWeek) ? WindowErrorCodes.UnknownValue : WindowErrorCodes.Malformed));
            }
            else
            {
                values.Add(value.Value);
            }
        }

        return values;
    }

    private static LocalDateTime? ReadDateTime(string? text, string path, List<ValidationFailure> failures, bool required)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            if (required)
            {
                failures.Add(Failure(path, "A local date-time is required, e.g. '2026-02-15T00:00' or '2026-02-15'.", WindowErrorCodes.Required));
            }

            return null;
        }

        var value = TimeText.ParseDateTime(text);
        if (value is null)
        {
            failures.Add(Failure(path, $"'{text}' is not a local date-time; use yyyy-MM-ddTHH:mm[:ss] or yyyy-MM-dd.", WindowErrorCodes.Malformed));
        }
        else if (!InYears(value.Value))
        {
            failures.Add(Failure(path, OutOfYears($"'{text}'"), WindowErrorCodes.OutOfRange));
            return null;
        }

        return value;
    }

    private static LocalTime? ReadTime(string? text, string path, List<ValidationFailure> failures)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            failures.Add(Failure(path, "A local time is required, e.g. '20:00'.", WindowErrorCodes.Required));
            return null;
        }

        var value = TimeText.ParseTime(text);
        if (value is null)
        {
            failures.Add(Failure(path, $"'{text}' is not a local time; use HH:mm or HH:mm:ss.", WindowErrorCodes.Malformed));
        }

        return value;
    }

    private static TEnum ReadWord<TEnum>(string? text, string path, TEnum fallback, List<ValidationFailure> failures)
        where TEnum : struct, Enum
    {
        if (text is null)
        {
            return fallback;
        }

        if (ParseName<TEnum>(text) is { } value)
        {
            return value;
        }

        failures.Add(Failure(
            path,
            $"'{text}' is not one of: {string.Join(", ", Array.ConvertAll(Enum.GetNames<TEnum>(), n => char.ToLowerInvariant(n[0]) + n[1..]))}.",
            WindowErrorCodes.UnknownValue));
        return fallback;
    }

    private static string SlotPath(string prefix, int index) =>
        Path(prefix, string.Create(CultureInfo.InvariantCulture, $"slots[{index}]"));

    private static ValidationFailure Failure(string path, string message, string code) =>
        new(path, message) { ErrorCode = code };
}
