using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Linq.Expressions;
using Incentives.Claims;
using Incentives.Eligibility.Json;
using Incentives.Time;
using Incentives.Time.Json;
using NodaTime;
using NodaTime.Text;

namespace Incentives.Eligibility;

/// <summary>
/// Holds when the claim is inside a campaign schedule (<see cref="ICampaignSchedule"/>): a <see cref="Time.CampaignWindow"/>
/// (half-open: the start is inside, the end is not), or a <see cref="SlotSchedule"/> that narrows a window to recurring local slots.
/// The schedule is asked about <see cref="Claim.At"/> for the participant's <see cref="Participant.HomeZone"/>, so a
/// <see cref="WindowTimeReference.Participant"/>-local window ("20:00 wherever the participant lives") is read on the participant's clock.
/// </summary>
/// <remarks>
/// <para>
/// JSON, flat form (a campaign-local window without slots):
/// <c>{"type":"window","zone":"Asia/Shanghai","start":"2026-02-15T00:00","end":"2026-02-24T00:00"}</c>. Nested form (any schedule):
/// <c>{"type":"window","window":{"zone":"Asia/Shanghai","start":"2026-02-15","days":9,"slots":[{"start":"20:00","end":"22:00"}]}}</c>,
/// where <c>window</c> is a <see cref="Time.Json.CampaignWindowDefinition"/> validated by
/// <see cref="Time.Json.CampaignWindowDefinitionValidator"/> (paths such as <c>rules[0].window.slots[1].start</c>).
/// </para>
/// <para>
/// A participant without a home zone is evaluated in the campaign's zone (the window's <see cref="Time.CampaignWindow.Zone"/>):
/// a participant-local window then behaves like a campaign-local one, and the explanation says so.
/// </para>
/// <para>
/// Failure codes: <see cref="EligibilityCodes.WindowNotStarted"/> before the window (as read for the participant),
/// <see cref="EligibilityCodes.WindowEnded"/> at or after its end, <see cref="EligibilityCodes.WindowOutsideSlots"/> inside the
/// window but outside every slot occurrence (the message names the schedule and the next opening).
/// </para>
/// <para>
/// Equality: the same window (<see cref="Time.CampaignWindow.Equals(Time.CampaignWindow)"/>) and, for slot schedules, the same slots
/// (by value, in order) and the same DST policy. A window whose start or end falls in a daylight-saving overlap, or a participant-local
/// window with a participant policy other than <see cref="DstPolicy.FirstClockReading"/>, works in code but does not round-trip through JSON.
/// </para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class WindowRule : EligibilityRule
{
    /// <summary>Initializes a window rule.</summary>
    /// <param name="schedule">The campaign schedule: a <see cref="Time.CampaignWindow"/> or a <see cref="SlotSchedule"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="schedule"/> is neither a <see cref="Time.CampaignWindow"/> nor a <see cref="SlotSchedule"/> (other schedules cannot be written as JSON or compared).</exception>
    public WindowRule(ICampaignSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        if (schedule is not (Time.CampaignWindow or SlotSchedule))
        {
            throw new ArgumentException("A window rule takes a CampaignWindow or a SlotSchedule.", nameof(schedule));
        }

        Schedule = schedule;
    }

    /// <inheritdoc />
    public override string Type => RuleTypes.Window;

    /// <summary>Gets the schedule the claim must be inside.</summary>
    public ICampaignSchedule Schedule { get; }

    /// <summary>Gets the window that bounds the schedule (the schedule itself when it is a plain window).</summary>
    public CampaignWindow CampaignWindow => Schedule.Window;

    /// <inheritdoc />
    public override bool Equals(EligibilityRule? other) =>
        other is WindowRule same && (ReferenceEquals(Schedule, same.Schedule) || (Schedule, same.Schedule) switch
        {
            (Time.CampaignWindow a, Time.CampaignWindow b) => a.Equals(b),
            (SlotSchedule a, SlotSchedule b) => a.Window.Equals(b.Window) && a.Policy == b.Policy
                && a.Slots.Count == b.Slots.Count && a.Slots.Zip(b.Slots).All(p => SameSlot(p.First, p.Second)),
            _ => false,
        });

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(RuleTypes.Window, Schedule.Window, Schedule is SlotSchedule);

    internal override RuleNode CreateNode(string path) => Schedule is Time.CampaignWindow { TimeReference: WindowTimeReference.Campaign } window
        ? new CampaignWindowNode(this, path, window)
        : new ScheduleNode(this, path, Schedule);

    internal override RuleDefinition ToDefinition() =>
        Schedule is Time.CampaignWindow { TimeReference: WindowTimeReference.Campaign } window
            ? new RuleDefinition
            {
                Type = Type,
                Zone = window.Zone.Id,
                Start = DefinitionPatterns.FormatLocalDateTime(window.ZonedStart.LocalDateTime),
                End = DefinitionPatterns.FormatLocalDateTime(window.ZonedEnd.LocalDateTime),
            }
            : new RuleDefinition { Type = Type, Window = CampaignWindowJson.ToDefinition(Schedule) };

    private static bool SameSlot(DailySlot a, DailySlot b) =>
        a.Start == b.Start && a.End == b.End && a.DaysOfWeek.SequenceEqual(b.DaysOfWeek)
        && a.Dates.SequenceEqual(b.Dates) && a.ExcludedDates.SequenceEqual(b.ExcludedDates);

    private static string Format(Instant at) => InstantPattern.ExtendedIso.Format(at);

    /// <summary>The fast path of a campaign-local window: two instant comparisons.</summary>
    private sealed class CampaignWindowNode(WindowRule rule, string path, CampaignWindow window) : RuleNode(rule, path)
    {
        public override bool Test(Claim claim) => window.Contains(claim.At);

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures)
        {
            var at = Format(claim.At);
            failures.Add(claim.At < window.Start
                ? Failure(EligibilityCodes.WindowNotStarted, string.Create(CultureInfo.InvariantCulture, $"The claim at {at} is before the window {window} opens."))
                : Failure(EligibilityCodes.WindowEnded, string.Create(CultureInfo.InvariantCulture, $"The claim at {at} is at or after the end of the window {window}.")));
        }

        public override string DescribeMatch(Claim claim) =>
            string.Create(CultureInfo.InvariantCulture, $"the claim at {Format(claim.At)} is inside the window {window}");
    }

    /// <summary>Slot schedules and participant-local windows: the schedule reads the participant's zone (cached per zone, no allocation once cached).</summary>
    private sealed class ScheduleNode(WindowRule rule, string path, ICampaignSchedule schedule) : RuleNode(rule, path)
    {
        public override bool Test(Claim claim) => schedule.Contains(claim.At, claim.Participant.HomeZone);

        /// <summary>A direct call on the sealed schedule type (no node call, no interface dispatch), as a hand-written lambda would make.</summary>
        public override Expression ToExpression(ParameterExpression claim) =>
            Expression.Call(
                Expression.Constant(schedule, schedule.GetType()),
                schedule.GetType().GetMethod(nameof(ICampaignSchedule.Contains), [typeof(Instant), typeof(DateTimeZone)])!,
                Expression.Property(claim, nameof(Claim.At)),
                Expression.Property(Expression.Property(claim, nameof(Claim.Participant)), nameof(Participant.HomeZone)));

        public override void AddFailures(Claim claim, List<EligibilityFailure> failures)
        {
            var zone = claim.Participant.HomeZone;
            var interval = schedule.Window.GetInterval(zone ?? schedule.Window.Zone);
            var at = Format(claim.At);
            var reading = Reading(zone);
            if (claim.At < interval.Start)
            {
                failures.Add(Failure(
                    EligibilityCodes.WindowNotStarted,
                    string.Create(CultureInfo.InvariantCulture, $"The claim at {at} is before the window {schedule.Window} opens{reading} at {Format(interval.Start)}.")));
            }
            else if (claim.At >= interval.End)
            {
                failures.Add(Failure(
                    EligibilityCodes.WindowEnded,
                    string.Create(CultureInfo.InvariantCulture, $"The claim at {at} is at or after the end of the window {schedule.Window}{reading}, which ends at {Format(interval.End)}.")));
            }
            else
            {
                var next = schedule.NextOpening(claim.At, zone) is { } opening
                    ? string.Create(CultureInfo.InvariantCulture, $" The next slot opens at {Format(opening)}.")
                    : " No slot opens again before the window ends.";
                failures.Add(Failure(
                    EligibilityCodes.WindowOutsideSlots,
                    string.Create(CultureInfo.InvariantCulture, $"The claim at {at} is inside the window but outside today's slots of the schedule {schedule}{reading}.{next}")));
            }
        }

        public override string DescribeMatch(Claim claim) =>
            string.Create(CultureInfo.InvariantCulture, $"the claim at {Format(claim.At)} is inside the schedule {schedule}{Reading(claim.Participant.HomeZone)}");

        private string Reading(DateTimeZone? zone) => schedule.Window.TimeReference != WindowTimeReference.Participant
            ? string.Empty
            : zone is null
                ? string.Create(CultureInfo.InvariantCulture, $" (read in the campaign zone {schedule.Window.Zone.Id}: the participant has no home zone)")
                : string.Create(CultureInfo.InvariantCulture, $" (read in the participant's zone {zone.Id})");
    }
}
