using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using NodaTime;

namespace Incentives.Time;

/// <summary>
/// A campaign window narrowed to recurring local slots, e.g. "20:00-22:00 every evening of the Spring Festival holiday".
/// An instant is open when it lies inside the window and inside an occurrence of a slot.
/// </summary>
/// <remarks>
/// <para>
/// Slot occurrences are resolved once, when the schedule is created, in the window's zone with <see cref="Policy"/> (default
/// <see cref="DstPolicy.Strict"/>: a slot boundary in a daylight-saving gap or overlap is reported then, never at claim time),
/// and clipped to the window. For a participant-local window they are resolved lazily per participant zone with the window's
/// <see cref="CampaignWindow.ParticipantPolicy"/> (not <see cref="Policy"/>, which can reject) and cached.
/// </para>
/// <para>Slots must not overlap one another inside the window; touching slots (22:00 end, 22:00 start) are fine.</para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed class SlotSchedule : ICampaignSchedule
{
    private const int MaxCachedParticipantZones = 4096;

    private readonly DailySlot[] slots;
    private readonly SlotOccurrences campaignOccurrences;
    private readonly ConcurrentDictionary<DateTimeZone, SlotOccurrences>? participantOccurrences;

    private SlotSchedule(CampaignWindow window, DailySlot[] slots, DstPolicy policy, SlotOccurrences occurrences)
    {
        Window = window;
        this.slots = slots;
        Policy = policy;
        campaignOccurrences = occurrences;
        if (window.TimeReference == WindowTimeReference.Participant)
        {
            participantOccurrences = new ConcurrentDictionary<DateTimeZone, SlotOccurrences>();
        }
    }

    /// <inheritdoc />
    public CampaignWindow Window { get; }

    /// <summary>Gets the slots, in the order given.</summary>
    public IReadOnlyList<DailySlot> Slots => slots;

    /// <summary>
    /// Gets the policy that resolves slot boundaries in the campaign's zone (<see cref="CampaignWindow.Zone"/>): every reading on the
    /// campaign's clock, and a participant whose zone is the campaign's zone.
    /// </summary>
    /// <remarks>
    /// For a <see cref="WindowTimeReference.Participant"/>-local window, slot boundaries in any other participant zone are resolved with
    /// the window's <see cref="CampaignWindow.ParticipantPolicy"/> instead: the same policy that resolves the window's own start and end
    /// in that zone, so that a participant's window and slots never disagree, and one that never rejects (a participant's zone is only
    /// known at claim time, when nothing may throw). This policy may reject (the default, <see cref="DstPolicy.Strict"/>), because it is
    /// applied once, when the schedule is created.
    /// </remarks>
    public DstPolicy Policy { get; }

    /// <summary>Creates a schedule of <paramref name="slots"/> inside <paramref name="window"/>.</summary>
    /// <param name="window">The window that bounds every slot occurrence.</param>
    /// <param name="slots">The slots; at least one.</param>
    /// <param name="policy">How slot boundaries in a daylight-saving gap or overlap of the window's zone are resolved; <see langword="null"/> means <see cref="DstPolicy.Strict"/>.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> or <paramref name="slots"/> (or one of them) is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There is no slot, or two slots overlap inside the window.</exception>
    /// <exception cref="DstResolutionException">A slot boundary is skipped or ambiguous in the window's zone and the policy rejects it.</exception>
    public static SlotSchedule Create(CampaignWindow window, IEnumerable<DailySlot> slots, DstPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(slots);
        var array = slots.ToArray();
        if (array.Length == 0)
        {
            throw new ArgumentException("A slot schedule needs at least one slot; use the window itself when the campaign is open all the time.", nameof(slots));
        }

        for (var i = 0; i < array.Length; i++)
        {
            if (array[i] is null)
            {
                throw new ArgumentNullException(nameof(slots), string.Create(CultureInfo.InvariantCulture, $"Slot {i} is null."));
            }
        }

        var (overlap, _) = SlotOccurrences.Analyse(window.LocalStart, window.LocalEnd, array);
        if (overlap is not null)
        {
            throw new ArgumentException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Slot {overlap.Second} ({array[overlap.Second]}) overlaps slot {overlap.First} ({array[overlap.First]}) on {overlap.Date:uuuu'-'MM'-'dd}."),
                nameof(slots));
        }

        var resolved = policy ?? DstPolicy.Strict;
        return new SlotSchedule(window, array, resolved, SlotOccurrences.Build(window.Interval, window.Zone, array, resolved));
    }

    /// <summary>Creates a schedule of <paramref name="slots"/> inside <paramref name="window"/>, with <see cref="DstPolicy.Strict"/>.</summary>
    /// <param name="window">The window.</param>
    /// <param name="slots">The slots; at least one.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="window"/> or <paramref name="slots"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">There is no slot, or two slots overlap inside the window.</exception>
    /// <exception cref="DstResolutionException">A slot boundary is skipped or ambiguous in the window's zone.</exception>
    public static SlotSchedule Create(CampaignWindow window, params DailySlot[] slots) => Create(window, (IEnumerable<DailySlot>)slots);

    /// <summary>Returns whether the instant is inside an occurrence of a slot (and so inside the window), on the campaign's clock.</summary>
    /// <param name="instant">The instant.</param>
    /// <returns><see langword="true"/> when open.</returns>
    /// <remarks>Allocation-free: one binary search over the precomputed occurrences.</remarks>
    public bool Contains(Instant instant) => Contains(campaignOccurrences, instant);

    /// <summary>
    /// Returns whether the instant is inside a slot for a participant in <paramref name="participantZone"/>: for a participant-local
    /// window the window and the slots are read on the participant's clock; otherwise the zone is ignored.
    /// </summary>
    /// <param name="instant">The instant.</param>
    /// <param name="participantZone">The participant's zone; <see langword="null"/> means the campaign's zone.</param>
    /// <returns><see langword="true"/> when open.</returns>
    public bool Contains(Instant instant, DateTimeZone? participantZone) => Contains(OccurrencesFor(participantZone), instant);

    /// <summary>Returns the next slot start strictly after <paramref name="after"/>.</summary>
    /// <param name="after">The instant to search from (exclusive).</param>
    /// <param name="participantZone">The participant's zone for a participant-local window; <see langword="null"/> means the campaign's zone.</param>
    /// <returns>The next start, or <see langword="null"/> when no slot starts after <paramref name="after"/> inside the window.</returns>
    public Instant? NextSlotStart(Instant after, DateTimeZone? participantZone = null)
    {
        var occurrences = OccurrencesFor(participantZone);
        var next = InstantSearch.LastAtOrBefore(occurrences.Starts, after) + 1;
        return next < occurrences.Starts.Length ? occurrences.Starts[next] : null;
    }

    /// <inheritdoc />
    public Instant? NextOpening(Instant after, DateTimeZone? participantZone = null) => NextSlotStart(after, participantZone);

    /// <summary>Returns every slot occurrence inside the window, in order, clipped to the window (touching occurrences are joined).</summary>
    /// <param name="participantZone">The participant's zone for a participant-local window; <see langword="null"/> means the campaign's zone.</param>
    /// <returns>The half-open intervals, non-overlapping and sorted.</returns>
    public IReadOnlyList<Interval> GetSlotIntervals(DateTimeZone? participantZone = null)
    {
        var occurrences = OccurrencesFor(participantZone);
        var result = new Interval[occurrences.Starts.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = new Interval(occurrences.Starts[i], occurrences.Ends[i]);
        }

        return result;
    }

    /// <summary>Returns a culture-invariant description: the window and the slots.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"{Window} slots: {string.Join("; ", slots.Select(s => s.ToString()))}";

    private static bool Contains(SlotOccurrences occurrences, Instant instant)
    {
        var index = InstantSearch.LastAtOrBefore(occurrences.Starts, instant);
        return index >= 0 && instant < occurrences.Ends[index];
    }

    private SlotOccurrences OccurrencesFor(DateTimeZone? participantZone)
    {
        if (participantOccurrences is null || participantZone is null || ReferenceEquals(participantZone, Window.Zone))
        {
            return campaignOccurrences;
        }

        if (participantOccurrences.TryGetValue(participantZone, out var cached))
        {
            return cached;
        }

        var built = SlotOccurrences.Build(Window.GetInterval(participantZone), participantZone, slots, Window.ParticipantPolicy);
        if (participantOccurrences.Count < MaxCachedParticipantZones)
        {
            participantOccurrences.TryAdd(participantZone, built);
        }

        return built;
    }
}
