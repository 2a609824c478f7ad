using System;
using System.Linq;
using System.Text.Json;
using Incentives.Time;
using Incentives.Time.Json;
using NodaTime;
using NodaTime.Text;

namespace Incentives.Eligibility.Json;

/// <summary>Writes a campaign schedule as the Time area's <see cref="CampaignWindowDefinition"/> (the nested form of a window rule).</summary>
internal static class WindowDefinitions
{
    private static readonly LocalTimePattern Minutes = LocalTimePattern.CreateWithInvariantCulture("HH':'mm");

    internal static CampaignWindowDefinition ToDefinition(ICampaignSchedule schedule)
    {
        var window = schedule.Window;
        var policy = schedule is SlotSchedule slots ? slots.Policy : DstPolicy.Strict;
        return new CampaignWindowDefinition
        {
            Zone = window.Zone.Id,
            Start = DefinitionPatterns.FormatLocalDateTime(window.LocalStart),
            End = DefinitionPatterns.FormatLocalDateTime(window.LocalEnd),
            TimeReference = window.TimeReference == WindowTimeReference.Campaign ? null : Word(window.TimeReference),
            SkippedTime = policy.Skipped == SkippedTimeResolution.Reject ? null : Word(policy.Skipped),
            AmbiguousTime = policy.Ambiguous == AmbiguousTimeResolution.Reject ? null : Word(policy.Ambiguous),
            Slots = schedule is SlotSchedule s ? [.. s.Slots.Select(ToDefinition)] : null,
        };
    }

    private static SlotDefinition ToDefinition(DailySlot slot) => new()
    {
        Start = Time(slot.Start),
        End = Time(slot.End),
        DaysOfWeek = slot.DaysOfWeek.Count == 0 ? null : [.. slot.DaysOfWeek.Select(Word)],
        Dates = slot.Dates.Count == 0 ? null : [.. slot.Dates.Select(Date)],
        ExcludedDates = slot.ExcludedDates.Count == 0 ? null : [.. slot.ExcludedDates.Select(Date)],
    };

    private static string Time(LocalTime time) =>
        time.Second == 0 && time.NanosecondOfSecond == 0 ? Minutes.Format(time) : LocalTimePattern.ExtendedIso.Format(time);

    private static string Date(LocalDate date) => LocalDatePattern.Iso.Format(date);

    private static string Word<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
