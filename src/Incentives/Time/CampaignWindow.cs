using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using NodaTime;
using NodaTime.Text;

namespace Incentives.Time;

/// <summary>
/// When a campaign is live: a half-open interval of instants, <c>[Start, End)</c>, defined by local date-times in
/// a time zone, with the zone kept so that the window can be divided into local calendar days.
/// </summary>
/// <remarks>
/// <para>
/// "The nine days from 15 February 2026 in Asia/Shanghai" is
/// <c>CampaignWindow.ForDays(new LocalDate(2026, 2, 15), 9, shanghai)</c>: from 2026-02-14T16:00Z (inclusive)
/// to 2026-02-23T16:00Z (exclusive).
/// </para>
/// <para>
/// Local date-times that fall in a daylight-saving gap or overlap are resolved by a <see cref="DstPolicy"/>; the default,
/// <see cref="DstPolicy.Strict"/>, rejects them. A window whose end is not after its start is rejected.
/// </para>
/// <para>
/// A window is <see cref="WindowTimeReference.Campaign"/>-local unless made participant-local with
/// <see cref="WithTimeReference(WindowTimeReference, DstPolicy?)"/>: then <see cref="Contains(Instant, DateTimeZone?)"/> reads
/// <see cref="LocalStart"/> and <see cref="LocalEnd"/> on the participant's clock.
/// </para>
/// <para>
/// Equality: two windows are equal when they have the same instants, zone id and time reference (and, when
/// participant-local, the same local start, local end and participant policy).
/// </para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class CampaignWindow : IEquatable<CampaignWindow>, ICampaignSchedule
{
    private const int MaxCachedParticipantZones = 4096;

    private static readonly OffsetDateTimePattern InstantText =
        OffsetDateTimePattern.CreateWithInvariantCulture("uuuu'-'MM'-'dd'T'HH':'mm':'ss;FFFFFFFFFo<+HH:mm>");

    private readonly Instant start;
    private readonly Instant end;
    private readonly ConcurrentDictionary<DateTimeZone, ParticipantReading>? participantReadings;
    private DayTable? dayTable;

    private CampaignWindow(
        Instant start,
        Instant end,
        DateTimeZone zone,
        LocalDateTime localStart,
        LocalDateTime localEnd,
        WindowTimeReference reference,
        DstPolicy participantPolicy)
    {
        if (end <= start)
        {
            throw new ArgumentOutOfRangeException(
                nameof(end),
                end,
                $"The window's end ({InstantText.Format(end.InZone(zone).ToOffsetDateTime())}) must be after its start ({InstantText.Format(start.InZone(zone).ToOffsetDateTime())}) in {zone.Id}.");
        }

        this.start = start;
        this.end = end;
        Zone = zone;
        LocalStart = localStart;
        LocalEnd = localEnd;
        TimeReference = reference;
        ParticipantPolicy = participantPolicy;
        if (reference == WindowTimeReference.Participant)
        {
            // A participant in the campaign's zone lives the window itself (resolved with the campaign's policy when it was created).
            participantReadings = new ConcurrentDictionary<DateTimeZone, ParticipantReading>();
            participantReadings[zone] = new ParticipantReading(new Interval(start, end));
        }
    }

    /// <summary>Gets the first instant of the window (inclusive), in the campaign's zone.</summary>
    public Instant Start => start;

    /// <summary>Gets the instant at which the window closes (exclusive), in the campaign's zone.</summary>
    public Instant End => end;

    /// <summary>Gets the campaign's time zone, in which the window's local dates and days are defined.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Gets the local date-time the window was defined to start at (before any daylight-saving resolution).</summary>
    public LocalDateTime LocalStart { get; }

    /// <summary>Gets the local date-time the window was defined to end at (exclusive, before any daylight-saving resolution).</summary>
    public LocalDateTime LocalEnd { get; }

    /// <summary>Gets whose clock the local start and end are read on. <see cref="WindowTimeReference.Campaign"/> unless chosen otherwise.</summary>
    public WindowTimeReference TimeReference { get; }

    /// <summary>
    /// Gets the policy that resolves <see cref="LocalStart"/> and <see cref="LocalEnd"/> in participants' zones
    /// (default <see cref="DstPolicy.FirstClockReading"/>; it never rejects, because a participant's zone is only known at claim time).
    /// </summary>
    public DstPolicy ParticipantPolicy { get; }

    /// <summary>Gets the window as a NodaTime <see cref="NodaTime.Interval"/>.</summary>
    public Interval Interval => new(start, end);

    /// <summary>Gets the elapsed time between <see cref="Start"/> and <see cref="End"/>.</summary>
    public Duration Duration => end - start;

    /// <summary>Gets the start in the window's zone.</summary>
    public ZonedDateTime ZonedStart => start.InZone(Zone);

    /// <summary>Gets the end in the window's zone.</summary>
    public ZonedDateTime ZonedEnd => end.InZone(Zone);

    /// <summary>
    /// Gets the window's local calendar days in the campaign zone (<see cref="Zone"/>), in order (day 1 is the local date of
    /// <see cref="Start"/>); together they partition <c>[Start, End)</c> exactly: no gap, no overlap, the first starts at
    /// <see cref="Start"/> and the last ends at <see cref="End"/>.
    /// </summary>
    /// <remarks>
    /// These are always the campaign zone's days, also for a <see cref="WindowTimeReference.Participant"/>-local window. The days a
    /// participant lives are <see cref="GetDays(DateTimeZone?)"/> and <see cref="TryGetDay(Instant, DateTimeZone?, out CampaignDay)"/>.
    /// </remarks>
    public IReadOnlyList<CampaignDay> Days => GetDayTable().Days;

    /// <inheritdoc />
    CampaignWindow ICampaignSchedule.Window => this;

    /// <summary>Returns whether two windows are equal.</summary>
    /// <param name="left">The first window.</param>
    /// <param name="right">The second window.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public static bool operator ==(CampaignWindow? left, CampaignWindow? right) => Equals(left, right);

    /// <summary>Returns whether two windows differ.</summary>
    /// <param name="left">The first window.</param>
    /// <param name="right">The second window.</param>
    /// <returns><see langword="true"/> when not equal.</returns>
    public static bool operator !=(CampaignWindow? left, CampaignWindow? right) => !Equals(left, right);

    /// <summary>Creates a window from local date-times in a zone, rejecting local times in a daylight-saving gap or overlap.</summary>
    /// <param name="start">The local start (inclusive).</param>
    /// <param name="end">The local end (exclusive).</param>
    /// <param name="zone">The time zone of both local date-times.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The end is not after the start.</exception>
    /// <exception cref="DstResolutionException">A local date-time is skipped or ambiguous (see <see cref="DstPolicy.Strict"/>).</exception>
    public static CampaignWindow Create(LocalDateTime start, LocalDateTime end, DateTimeZone zone) =>
        Create(start, end, zone, DstPolicy.Strict);

    /// <summary>Creates a window from local date-times in a zone, resolving daylight-saving gaps and overlaps with <paramref name="policy"/>.</summary>
    /// <param name="start">The local start (inclusive).</param>
    /// <param name="end">The local end (exclusive).</param>
    /// <param name="zone">The time zone of both local date-times.</param>
    /// <param name="policy">How skipped and ambiguous local times are resolved.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> or <paramref name="policy"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The end is not after the start (after resolution).</exception>
    /// <exception cref="DstResolutionException">A local date-time is skipped or ambiguous and <paramref name="policy"/> rejects it.</exception>
    public static CampaignWindow Create(LocalDateTime start, LocalDateTime end, DateTimeZone zone, DstPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentNullException.ThrowIfNull(policy);
        var startInstant = policy.Resolve(start, zone, nameof(start)).ToInstant();
        var endInstant = policy.Resolve(end, zone, nameof(end)).ToInstant();
        return new CampaignWindow(startInstant, endInstant, zone, start, end, WindowTimeReference.Campaign, DstPolicy.FirstClockReading);
    }

    /// <summary>Creates a window from local date-times in the TZDB zone <paramref name="zoneId"/>.</summary>
    /// <param name="start">The local start (inclusive).</param>
    /// <param name="end">The local end (exclusive).</param>
    /// <param name="zoneId">A TZDB zone id such as <c>Asia/Shanghai</c>.</param>
    /// <param name="policy">How skipped and ambiguous local times are resolved; <see langword="null"/> means <see cref="DstPolicy.Strict"/>.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zoneId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="zoneId"/> is not a TZDB zone id.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The end is not after the start.</exception>
    /// <exception cref="DstResolutionException">A local date-time is skipped or ambiguous and the policy rejects it.</exception>
    public static CampaignWindow Create(LocalDateTime start, LocalDateTime end, string zoneId, DstPolicy? policy = null) =>
        Create(start, end, TimeZones.Find(zoneId, nameof(zoneId)), policy ?? DstPolicy.Strict);

    /// <summary>Creates a window of whole local days: from the start of <paramref name="firstDay"/> for <paramref name="dayCount"/> days.</summary>
    /// <param name="firstDay">The first local date.</param>
    /// <param name="dayCount">The number of days, at least 1.</param>
    /// <param name="zone">The time zone.</param>
    /// <returns>The window.</returns>
    /// <remarks>
    /// Each boundary is the first instant of the local date (like <see cref="DateTimeZone.AtStartOfDay(LocalDate)"/>), which always exists,
    /// even in the few zones whose clocks skip midnight; no DST policy is needed. (A date skipped entirely, like 2011-12-30 in Pacific/Apia,
    /// starts where the next existing date starts.)
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dayCount"/> is less than 1.</exception>
    public static CampaignWindow ForDays(LocalDate firstDay, int dayCount, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        ArgumentOutOfRangeException.ThrowIfLessThan(dayCount, 1);
        var lastDayExclusive = firstDay.PlusDays(dayCount);
        return new CampaignWindow(
            StartOfDay(zone, firstDay),
            StartOfDay(zone, lastDayExclusive),
            zone,
            firstDay.AtMidnight(),
            lastDayExclusive.AtMidnight(),
            WindowTimeReference.Campaign,
            DstPolicy.FirstClockReading);
    }

    /// <summary>Creates a window of whole local days in the TZDB zone <paramref name="zoneId"/>.</summary>
    /// <param name="firstDay">The first local date.</param>
    /// <param name="dayCount">The number of days, at least 1.</param>
    /// <param name="zoneId">A TZDB zone id such as <c>Asia/Shanghai</c>.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zoneId"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="zoneId"/> is not a TZDB zone id.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="dayCount"/> is less than 1.</exception>
    public static CampaignWindow ForDays(LocalDate firstDay, int dayCount, string zoneId) =>
        ForDays(firstDay, dayCount, TimeZones.Find(zoneId, nameof(zoneId)));

    /// <summary>Creates a window from a local start and a calendar <see cref="Period"/> (e.g. <c>Period.FromDays(9)</c>, <c>Period.FromHours(6)</c>).</summary>
    /// <param name="start">The local start (inclusive).</param>
    /// <param name="period">The calendar period added to the local start to get the local end; must be positive.</param>
    /// <param name="zone">The time zone.</param>
    /// <param name="policy">How skipped and ambiguous local times are resolved; <see langword="null"/> means <see cref="DstPolicy.Strict"/>.</param>
    /// <returns>The window.</returns>
    /// <remarks>The period is added in local time, so "P1D" across a DST change lasts 23 or 25 hours.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> or <paramref name="period"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The local end is not after the local start.</exception>
    /// <exception cref="DstResolutionException">A local date-time is skipped or ambiguous and the policy rejects it.</exception>
    public static CampaignWindow ForPeriod(LocalDateTime start, Period period, DateTimeZone zone, DstPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(zone);
        var end = start.Plus(period);
        if (end <= start)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "The period must be positive: the window's end must be after its start.");
        }

        return Create(start, end, zone, policy ?? DstPolicy.Strict);
    }

    /// <summary>Creates a window from an interval of instants, keeping <paramref name="zone"/> for its local days.</summary>
    /// <param name="interval">The instants; both ends must be set.</param>
    /// <param name="zone">The time zone for local days.</param>
    /// <returns>The window.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The interval is unbounded at either end.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The interval is empty.</exception>
    public static CampaignWindow FromInterval(Interval interval, DateTimeZone zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (!interval.HasStart || !interval.HasEnd)
        {
            throw new ArgumentException("A campaign window needs both a start and an end.", nameof(interval));
        }

        return FromInstants(interval.Start, interval.End, zone);
    }

    /// <summary>
    /// Returns this window with its local start and end read on the chosen clock: <see cref="WindowTimeReference.Participant"/>
    /// makes "2026-02-16T20:00" mean 20:00 wherever each participant lives.
    /// </summary>
    /// <param name="reference">Whose clock to read the local times on.</param>
    /// <param name="participantPolicy">How local times that are skipped or ambiguous in a participant's zone are resolved;
    /// <see langword="null"/> means <see cref="DstPolicy.FirstClockReading"/>. It must not reject.</param>
    /// <returns>The window (this instance when nothing changes).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="reference"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException"><paramref name="participantPolicy"/> can reject (a claim must never throw because of a participant's zone).</exception>
    public CampaignWindow WithTimeReference(WindowTimeReference reference, DstPolicy? participantPolicy = null)
    {
        if (!Enum.IsDefined(reference))
        {
            throw new ArgumentOutOfRangeException(nameof(reference), reference, "Unknown WindowTimeReference.");
        }

        var policy = participantPolicy ?? DstPolicy.FirstClockReading;
        if (policy.CanReject)
        {
            throw new ArgumentException(
                "A participant-local window cannot use a rejecting DST policy: participants' zones are only known when they claim. Use DstPolicy.FirstClockReading or another non-rejecting policy.",
                nameof(participantPolicy));
        }

        if (reference == TimeReference && policy == ParticipantPolicy)
        {
            return this;
        }

        return new CampaignWindow(start, end, Zone, LocalStart, LocalEnd, reference, policy);
    }

    /// <summary>Returns whether the instant is inside the window, on the campaign's clock: <c>Start &lt;= instant &lt; End</c>.</summary>
    /// <param name="instant">The instant to test.</param>
    /// <returns><see langword="true"/> when inside.</returns>
    /// <remarks>Allocation-free; as cheap as two instant comparisons.</remarks>
    public bool Contains(Instant instant) => instant >= start && instant < end;

    /// <summary>
    /// Returns whether the instant is inside the window for a participant living in <paramref name="participantZone"/>. For a
    /// <see cref="WindowTimeReference.Campaign"/> window the zone is ignored; for a participant-local one, the local start and end are
    /// resolved in the participant's zone (cached per zone, so repeated calls do not allocate).
    /// </summary>
    /// <param name="instant">The instant to test.</param>
    /// <param name="participantZone">The participant's zone; <see langword="null"/> means the campaign's zone.</param>
    /// <returns><see langword="true"/> when inside.</returns>
    public bool Contains(Instant instant, DateTimeZone? participantZone)
    {
        if (participantReadings is null || participantZone is null)
        {
            return instant >= start && instant < end;
        }

        var interval = GetInterval(participantZone);
        return instant >= interval.Start && instant < interval.End;
    }

    /// <summary>Returns the instants of the window for a participant in <paramref name="participantZone"/> (the window's own instants unless participant-local).</summary>
    /// <param name="participantZone">The participant's zone.</param>
    /// <returns>The half-open interval; it may be empty when both local ends fall in the same daylight-saving gap.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="participantZone"/> is <see langword="null"/>.</exception>
    public Interval GetInterval(DateTimeZone participantZone)
    {
        ArgumentNullException.ThrowIfNull(participantZone);
        return participantReadings is null ? new Interval(start, end) : GetReading(participantZone).Interval;
    }

    /// <summary>
    /// Returns the local calendar days of the window as a participant in <paramref name="participantZone"/> lives it: for a
    /// participant-local window, the days of <see cref="GetInterval(DateTimeZone)"/> in the participant's zone; otherwise
    /// <see cref="Days"/> (the campaign zone's days, whoever asks).
    /// </summary>
    /// <param name="participantZone">The participant's zone; <see langword="null"/> means the campaign's zone.</param>
    /// <returns>
    /// The days in order; they partition the participant's interval exactly. Day numbers count from the window's first local date
    /// (day 1 is the local date on which the window starts for the participant), so day <c>n</c> is the same local date everywhere
    /// and per-day budgets and caps can share one numbering. Empty when the window is empty in that zone (both local ends in one
    /// daylight-saving gap).
    /// </returns>
    /// <remarks>Computed once per zone and cached (like <see cref="GetInterval(DateTimeZone)"/>), so repeated calls do not allocate.</remarks>
    public IReadOnlyList<CampaignDay> GetDays(DateTimeZone? participantZone) => GetDayTable(participantZone).Days;

    /// <summary>
    /// Returns the window as a participant in <paramref name="participantZone"/> lives it, as a campaign-local window in that zone
    /// (so that its <see cref="Days"/> are the participant's local days). A campaign-local window keeps its instants and only
    /// changes the zone of its days.
    /// </summary>
    /// <param name="participantZone">The participant's zone.</param>
    /// <returns>The window in the participant's zone.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="participantZone"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">Both local ends fall in the same daylight-saving gap of the participant's zone, so the window is empty there.</exception>
    public CampaignWindow ForParticipant(DateTimeZone participantZone)
    {
        var interval = GetInterval(participantZone);
        return FromInstants(interval.Start, interval.End, participantZone);
    }

    /// <inheritdoc />
    public Instant? NextOpening(Instant after, DateTimeZone? participantZone = null)
    {
        var opening = participantZone is null || participantReadings is null ? start : GetInterval(participantZone).Start;
        return after < opening ? opening : null;
    }

    /// <summary>Returns whether the two campaign-local windows share at least one instant.</summary>
    /// <param name="other">The other window.</param>
    /// <returns><see langword="true"/> when they overlap.</returns>
    /// <remarks>
    /// Participant-local windows have no single set of instants (each participant's zone has its own), so they are refused rather than
    /// silently compared in the campaign zone: compare the participant's readings, <c>a.ForParticipant(zone).Overlaps(b.ForParticipant(zone))</c>.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">Either window is <see cref="WindowTimeReference.Participant"/>-local.</exception>
    public bool Overlaps(CampaignWindow other)
    {
        ArgumentNullException.ThrowIfNull(other);
        EnsureCampaignLocal(other, nameof(Overlaps));
        return start < other.end && other.start < end;
    }

    /// <summary>
    /// Returns the instants the two windows share, as a campaign-local window in this window's zone, or <see langword="null"/> when they
    /// do not overlap. The instants are the same whichever window is the receiver.
    /// </summary>
    /// <param name="other">The other window.</param>
    /// <returns>The intersection, or <see langword="null"/>.</returns>
    /// <remarks>
    /// Participant-local windows are refused rather than intersected in the campaign zone (which would silently turn "midnight where
    /// the user is" into the campaign's midnight): intersect the participant's readings,
    /// <c>a.ForParticipant(zone).Intersect(b.ForParticipant(zone))</c>.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="other"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">Either window is <see cref="WindowTimeReference.Participant"/>-local.</exception>
    public CampaignWindow? Intersect(CampaignWindow other)
    {
        ArgumentNullException.ThrowIfNull(other);
        EnsureCampaignLocal(other, nameof(Intersect));
        var s = start > other.start ? start : other.start;
        var e = end < other.end ? end : other.end;
        return s < e ? FromInstants(s, e, Zone) : null;
    }

    /// <summary>Finds the campaign day, in the campaign zone (one of <see cref="Days"/>), that contains the instant.</summary>
    /// <param name="instant">The instant.</param>
    /// <param name="day">The day, when the instant is inside the window.</param>
    /// <returns><see langword="true"/> when the instant is inside the window (<see cref="Contains(Instant)"/>).</returns>
    /// <remarks>
    /// For a participant-local window this reads the window on the campaign's clock; use
    /// <see cref="TryGetDay(Instant, DateTimeZone?, out CampaignDay)"/> with the participant's zone for the day the participant lives.
    /// </remarks>
    public bool TryGetDay(Instant instant, out CampaignDay day) => TryGetDay(GetDayTable(), instant, out day);

    /// <summary>
    /// Finds the day of the window, as a participant in <paramref name="participantZone"/> lives it, that contains the instant: the
    /// day a per-day budget or cap charges for that participant's claim. It answers <see langword="true"/> exactly when
    /// <see cref="Contains(Instant, DateTimeZone?)"/> does.
    /// </summary>
    /// <param name="instant">The instant.</param>
    /// <param name="participantZone">
    /// The participant's zone; used only when the window is participant-local (otherwise the campaign zone's <see cref="Days"/> are
    /// used, whoever asks). <see langword="null"/> means the campaign's zone.
    /// </param>
    /// <param name="day">
    /// The day, when the instant is inside the participant's window: its <see cref="CampaignDay.Date"/> is the participant's local
    /// date, its interval is in the participant's zone, and its number counts from the window's first local date (see
    /// <see cref="GetDays(DateTimeZone?)"/>).
    /// </param>
    /// <returns><see langword="true"/> when the instant is inside the window for that participant.</returns>
    /// <remarks>Allocation-free after the first call for a zone (one binary search over the cached days).</remarks>
    public bool TryGetDay(Instant instant, DateTimeZone? participantZone, out CampaignDay day) =>
        TryGetDay(GetDayTable(participantZone), instant, out day);

    /// <inheritdoc />
    public bool Equals(CampaignWindow? other)
    {
        if (other is null)
        {
            return false;
        }

        if (ReferenceEquals(this, other))
        {
            return true;
        }

        var same = start == other.start && end == other.end && TimeReference == other.TimeReference
            && string.Equals(Zone.Id, other.Zone.Id, StringComparison.Ordinal);
        return same && (TimeReference == WindowTimeReference.Campaign
            || (LocalStart == other.LocalStart && LocalEnd == other.LocalEnd && ParticipantPolicy == other.ParticipantPolicy));
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CampaignWindow);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(start, end, Zone.Id, TimeReference);

    /// <summary>
    /// Returns a culture-invariant description: the zone id and the local start and end with their offsets, e.g.
    /// <c>Asia/Shanghai [2026-02-15T00:00:00+08:00, 2026-02-24T00:00:00+08:00)</c>. A participant-local window reads
    /// <c>participant-local [2026-02-16T20:00:00, 2026-02-17T02:00:00) (campaign zone Asia/Shanghai)</c>.
    /// </summary>
    /// <returns>The description.</returns>
    public override string ToString() => TimeReference == WindowTimeReference.Participant
        ? $"participant-local [{LocalDateTimePattern.ExtendedIso.Format(LocalStart)}, {LocalDateTimePattern.ExtendedIso.Format(LocalEnd)}) (campaign zone {Zone.Id})"
        : $"{Zone.Id} [{InstantText.Format(ZonedStart.ToOffsetDateTime())}, {InstantText.Format(ZonedEnd.ToOffsetDateTime())})";

    /// <summary>
    /// The first instant whose local date is <paramref name="date"/> or later: midnight, or the end of a gap over midnight, or the start
    /// of the next date that exists when the whole date was skipped (unlike <see cref="DateTimeZone.AtStartOfDay(LocalDate)"/>, never throws).
    /// </summary>
    internal static Instant StartOfDay(DateTimeZone zone, LocalDate date)
    {
        var mapping = zone.MapLocal(date.AtMidnight());
        return mapping.Count > 0 ? mapping.First().ToInstant() : mapping.LateInterval.Start;
    }

    private static CampaignWindow FromInstants(Instant start, Instant end, DateTimeZone zone) =>
        new(start, end, zone, start.InZone(zone).LocalDateTime, end.InZone(zone).LocalDateTime, WindowTimeReference.Campaign, DstPolicy.FirstClockReading);

    private static bool TryGetDay(DayTable table, Instant instant, out CampaignDay day)
    {
        if (table.Days.Length == 0 || instant < table.Starts[0] || instant >= table.Days[^1].Interval.End)
        {
            day = default;
            return false;
        }

        day = table.Days[InstantSearch.LastAtOrBefore(table.Starts, instant)];
        return true;
    }

    private void EnsureCampaignLocal(CampaignWindow other, string operation)
    {
        if (TimeReference == WindowTimeReference.Participant || other.TimeReference == WindowTimeReference.Participant)
        {
            throw new InvalidOperationException(
                $"{operation} needs two campaign-local windows: a participant-local window has different instants in each participant's zone. "
                + $"Compare the windows as one participant lives them instead: a.ForParticipant(zone).{operation}(b.ForParticipant(zone)).");
        }
    }

    private DayTable GetDayTable()
    {
        // A benign race: two threads may build equal tables; either one is published.
        return dayTable ??= DayTable.Build(start, end, Zone, 1);
    }

    private DayTable GetDayTable(DateTimeZone? participantZone)
    {
        if (participantReadings is null || participantZone is null || ReferenceEquals(participantZone, Zone))
        {
            return GetDayTable();
        }

        var reading = GetReading(participantZone);
        if (reading.Days is { } cached)
        {
            return cached;
        }

        var interval = reading.Interval;
        var firstDate = interval.Start.InZone(participantZone).Date;
        var table = DayTable.Build(interval.Start, interval.End, participantZone, Period.DaysBetween(LocalStart.Date, firstDate) + 1);
        reading.Days = table;
        return table;
    }

    private ParticipantReading GetReading(DateTimeZone participantZone)
    {
        var readings = participantReadings!;
        if (readings.TryGetValue(participantZone, out var cached))
        {
            return cached;
        }

        var s = ParticipantPolicy.Resolve(LocalStart, participantZone).ToInstant();
        var e = ParticipantPolicy.Resolve(LocalEnd, participantZone).ToInstant();
        var reading = new ParticipantReading(new Interval(s, e < s ? s : e));
        if (readings.Count < MaxCachedParticipantZones)
        {
            reading = readings.GetOrAdd(participantZone, reading);
        }

        return reading;
    }

    /// <summary>The window as lived in one participant zone: its instants and, once asked for, its days.</summary>
    private sealed class ParticipantReading(Interval interval)
    {
        public Interval Interval { get; } = interval;

        // A benign race, as for dayTable: equal tables, either one is published.
        public DayTable? Days { get; set; }
    }

    private sealed class DayTable
    {
        private DayTable(CampaignDay[] days, Instant[] starts)
        {
            Days = days;
            Starts = starts;
        }

        public CampaignDay[] Days { get; }

        public Instant[] Starts { get; }

        public static DayTable Build(Instant start, Instant end, DateTimeZone zone, int firstNumber)
        {
            var days = new List<CampaignDay>();
            var date = start.InZone(zone).Date;
            var dayStart = start;
            var number = firstNumber;
            while (dayStart < end)
            {
                var next = StartOfDay(zone, date.PlusDays(1));
                var dayEnd = next < end ? next : end;
                days.Add(new CampaignDay(number++, date, new Interval(dayStart, dayEnd)));
                dayStart = dayEnd;

                // Usually date + 1; later when a whole local date was skipped (Pacific/Apia skipped 2011-12-30).
                date = dayStart.InZone(zone).Date;
            }

            var array = days.ToArray();
            return new DayTable(array, Array.ConvertAll(array, d => d.Interval.Start));
        }
    }
}
