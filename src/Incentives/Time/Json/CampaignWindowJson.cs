using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using FluentValidation;
using FluentValidation.Results;
using Incentives.Serialization;
using NodaTime;

namespace Incentives.Time.Json;

/// <summary>
/// Reads campaign windows (and their slots) from JSON, validates them, and compiles them into a <see cref="CampaignWindow"/> or a
/// <see cref="SlotSchedule"/>; writes them back with <see cref="ToDefinition(ICampaignSchedule)"/> and <see cref="Serialize(ICampaignSchedule)"/>.
/// </summary>
/// <remarks>
/// Reading follows the shared <see cref="DefinitionJson"/> conventions (camelCase, unknown properties rejected, comments and trailing
/// commas allowed, unreadable JSON reported as <c>json.invalid</c>). A window lasts at most <see cref="MaxDays"/> local days, and its
/// local start and end lie in the years <see cref="MinYear"/> to <see cref="MaxYear"/>; anything outside is reported as
/// <see cref="WindowErrorCodes.OutOfRange"/>, never thrown as an arithmetic exception.
/// </remarks>
/// <threadsafety>All members are thread-safe.</threadsafety>
public static class CampaignWindowJson
{
    /// <summary>The most local days a window defined as data may last (<c>days</c>, or the span of <c>end</c> or <c>period</c>): 3660, about ten years.</summary>
    public const int MaxDays = 3660;

    /// <summary>The earliest year of a window's local start or end: 1.</summary>
    public const int MinYear = 1;

    /// <summary>The latest year of a window's local start or end: 9998 (NodaTime's instants end in 9999, and every zone must be able to resolve the end).</summary>
    public const int MaxYear = 9998;

    private const string What = "campaign window";

    /// <summary>Reads, validates and compiles a window definition.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The window when the definition has no slots, otherwise the slot schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">The JSON cannot be read or the definition is invalid; <see cref="ValidationException.Errors"/> lists every problem with its path.</exception>
    public static ICampaignSchedule Load(string json) => Compile(Deserialize(json));

    /// <summary>Reads a window definition without validating it.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The definition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">
    /// The JSON is malformed, has an unknown property, a value of the wrong JSON type, or is <c>null</c> (code
    /// <see cref="DefinitionErrorCodes.InvalidJson"/>; the path says where).
    /// </exception>
    public static CampaignWindowDefinition Deserialize(string json) => DefinitionJson.Deserialize<CampaignWindowDefinition>(json, What);

    /// <summary>Validates and compiles a window definition built in code or read from JSON.</summary>
    /// <param name="definition">The definition.</param>
    /// <param name="pathPrefix">A prefix for the paths in errors, for a window nested in a larger definition (e.g. <c>window</c>); empty for none.</param>
    /// <returns>The window when the definition has no slots, otherwise the slot schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> or <paramref name="pathPrefix"/> is <see langword="null"/>.</exception>
    /// <exception cref="ValidationException">The definition is invalid; <see cref="ValidationException.Errors"/> lists every problem with its path.</exception>
    public static ICampaignSchedule Compile(CampaignWindowDefinition definition, string pathPrefix = "")
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentNullException.ThrowIfNull(pathPrefix);
        var failures = new List<ValidationFailure>();
        var compiled = WindowDefinitionCompiler.Compile(definition, pathPrefix, failures);
        if (failures.Count > 0 || compiled is null)
        {
            throw new ValidationException(failures);
        }

        return compiled;
    }

    /// <summary>
    /// Writes a window or slot schedule as a definition that <see cref="Compile"/> turns back into an equal window (same instants, zone,
    /// time reference) with the same slot occurrences in the campaign zone (and the same <see cref="SlotSchedule.Policy"/> whenever that
    /// policy reproduces the window; otherwise another policy that gives the same occurrences).
    /// </summary>
    /// <param name="schedule">The window or slot schedule.</param>
    /// <returns>The definition: whole local days as <c>start</c> + <c>days</c>, otherwise <c>start</c> + <c>end</c>, with the DST
    /// resolutions that reproduce the instants (omitted when <c>reject</c> does).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">
    /// The schedule has no JSON form: a participant policy other than <see cref="DstPolicy.FirstClockReading"/>, a window and slots
    /// resolved with policies no single definition reproduces, a window beyond the <see cref="MaxDays"/> and year limits, or a schedule
    /// type other than <see cref="CampaignWindow"/> and <see cref="SlotSchedule"/>.
    /// </exception>
    public static CampaignWindowDefinition ToDefinition(ICampaignSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule is not CampaignWindow and not SlotSchedule)
        {
            throw new ArgumentException($"Only a CampaignWindow or a SlotSchedule can be written as a definition (got {schedule.GetType().Name}).", nameof(schedule));
        }

        var window = schedule.Window;
        var slotSchedule = schedule as SlotSchedule;
        var slots = slotSchedule is null ? null : slotSchedule.Slots.Select(ToDefinition).ToList<SlotDefinition?>();
        foreach (var policy in CandidatePolicies(slotSchedule?.Policy))
        {
            foreach (var candidate in CandidateDefinitions(window, policy, slots))
            {
                var failures = new List<ValidationFailure>();
                var compiled = WindowDefinitionCompiler.Compile(candidate, string.Empty, failures);
                if (compiled is not null && SameSchedule(schedule, compiled))
                {
                    return candidate;
                }
            }
        }

        throw new ArgumentException(
            $"The schedule {schedule} has no JSON form: no definition reproduces its instants (check its participant policy, its DST policies, and the limits of {MaxDays} days and years {MinYear}-{MaxYear}).",
            nameof(schedule));
    }

    /// <summary>Writes a window or slot schedule as indented camelCase JSON that <see cref="Load"/> reads back (see <see cref="ToDefinition(ICampaignSchedule)"/>).</summary>
    /// <param name="schedule">The window or slot schedule.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The schedule has no JSON form (see <see cref="ToDefinition(ICampaignSchedule)"/>).</exception>
    public static string Serialize(ICampaignSchedule schedule) => DefinitionJson.Serialize(ToDefinition(schedule));

    private static IEnumerable<DstPolicy> CandidatePolicies(DstPolicy? slotPolicy)
    {
        // The slot policy (when there are slots) resolves both the window and the slots in a definition, so it goes first; the rest
        // are tried only to reproduce a window built in code with another policy.
        var all = new List<DstPolicy>();
        if (slotPolicy is not null)
        {
            all.Add(slotPolicy);
        }

        all.Add(DstPolicy.Strict);
        foreach (var skipped in Enum.GetValues<SkippedTimeResolution>())
        {
            foreach (var ambiguous in Enum.GetValues<AmbiguousTimeResolution>())
            {
                all.Add(DstPolicy.Create(skipped, ambiguous));
            }
        }

        return all.Distinct();
    }

    private static IEnumerable<CampaignWindowDefinition> CandidateDefinitions(CampaignWindow window, DstPolicy policy, List<SlotDefinition?>? slots)
    {
        var days = Period.DaysBetween(window.LocalStart.Date, window.LocalEnd.Date);
        if (window.LocalStart.TimeOfDay == LocalTime.Midnight && window.LocalEnd.TimeOfDay == LocalTime.Midnight && days is >= 1 and <= MaxDays)
        {
            var whole = Definition(window, policy, slots);
            whole.Start = TimeText.FormatDate(window.LocalStart.Date);
            whole.Days = days;
            yield return whole;
        }

        var bounded = Definition(window, policy, slots);
        bounded.End = TimeText.FormatDateTime(window.LocalEnd);
        yield return bounded;
    }

    private static CampaignWindowDefinition Definition(CampaignWindow window, DstPolicy policy, List<SlotDefinition?>? slots) => new()
    {
        Zone = window.Zone.Id,
        Start = TimeText.FormatDateTime(window.LocalStart),
        TimeReference = window.TimeReference == WindowTimeReference.Campaign ? null : Word(window.TimeReference),
        SkippedTime = policy.Skipped == SkippedTimeResolution.Reject ? null : Word(policy.Skipped),
        AmbiguousTime = policy.Ambiguous == AmbiguousTimeResolution.Reject ? null : Word(policy.Ambiguous),
        Slots = slots,
    };

    private static bool SameSchedule(ICampaignSchedule expected, ICampaignSchedule actual) => (expected, actual) switch
    {
        (CampaignWindow a, CampaignWindow b) => a.Equals(b),
        (SlotSchedule a, SlotSchedule b) => a.Window.Equals(b.Window) && a.GetSlotIntervals().SequenceEqual(b.GetSlotIntervals()),
        _ => false,
    };

    private static SlotDefinition ToDefinition(DailySlot slot) => new()
    {
        Start = TimeText.FormatTime(slot.Start),
        End = TimeText.FormatTime(slot.End),
        DaysOfWeek = slot.DaysOfWeek.Count == 0 ? null : [.. slot.DaysOfWeek.Select(Word)],
        Dates = slot.Dates.Count == 0 ? null : [.. slot.Dates.Select(TimeText.FormatDate)],
        ExcludedDates = slot.ExcludedDates.Count == 0 ? null : [.. slot.ExcludedDates.Select(TimeText.FormatDate)],
    };

    private static string Word<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
