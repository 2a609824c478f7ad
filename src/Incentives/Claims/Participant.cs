using System;
using System.Collections.Generic;
using NodaTime;

namespace Incentives.Claims;

/// <summary>
/// The person who claims an incentive: an id, and what eligibility rules may ask about them (region, segments,
/// sign-up instant or a "new participant" flag, home time zone).
/// </summary>
/// <remarks>
/// <para>
/// Build one per request: <c>new Participant("u-42") { Region = "CN", Segments = ["vip"], SignedUpAt = ... }</c>.
/// Every property except <see cref="Id"/> is optional; a rule that needs an absent value is simply not satisfied
/// (and its explanation says the value is missing).
/// </para>
/// <para>
/// Strings are compared ordinally (case-sensitive) everywhere in the library: normalize region codes and segment
/// names where they enter your system.
/// </para>
/// </remarks>
/// <threadsafety>Instances are immutable once initialized and are thread-safe.</threadsafety>
public sealed class Participant
{
    private static readonly string[] NoSegments = [];
    private static readonly HashSet<string> NoSegmentSet = new(StringComparer.Ordinal);

    private readonly string? region;
    private readonly string[] segments = NoSegments;
    private readonly IReadOnlyCollection<string> segmentView = Array.AsReadOnly(NoSegments);
    private readonly HashSet<string> segmentSet = NoSegmentSet;

    /// <summary>Initializes a participant with its id.</summary>
    /// <param name="id">The participant's stable id, for example a user id.</param>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty or white space.</exception>
    public Participant(string id)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(id);
        Id = id;
    }

    /// <summary>Gets the participant's stable id.</summary>
    public string Id { get; }

    /// <summary>Gets the participant's region or country code (for example the ISO 3166 code <c>"CN"</c>), or <see langword="null"/> when unknown.</summary>
    /// <exception cref="ArgumentException">Set to an empty or white-space string.</exception>
    public string? Region
    {
        get => region;
        init
        {
            if (value is not null)
            {
                ArgumentException.ThrowIfNullOrWhiteSpace(value, nameof(Region));
            }

            region = value;
        }
    }

    /// <summary>
    /// Gets the segments (tags) the participant belongs to, such as <c>"vip"</c> or <c>"blocked"</c>: distinct,
    /// compared ordinally, in the order first given. Empty by default.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">Set to a collection containing a <see langword="null"/>, empty or white-space segment.</exception>
    public IReadOnlyCollection<string> Segments
    {
        get => segmentView;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Segments));
            var set = new HashSet<string>(StringComparer.Ordinal);
            var list = new List<string>(value.Count);
            foreach (var segment in value)
            {
                if (string.IsNullOrWhiteSpace(segment))
                {
                    throw new ArgumentException("A segment must be a non-empty name.", nameof(Segments));
                }

                if (set.Add(segment))
                {
                    list.Add(segment);
                }
            }

            segments = list.ToArray();
            segmentView = Array.AsReadOnly(segments);
            segmentSet = set;
        }
    }

    /// <summary>
    /// Gets the instant the participant signed up, or <see langword="null"/> when unknown. An unknown sign-up makes
    /// account-age and new-participant rules (without a flag) UNKNOWN: they fail, and so does a not over them, with
    /// <see cref="Eligibility.EligibilityCodes.SignUpUnknown"/>.
    /// </summary>
    public Instant? SignedUpAt { get; init; }

    /// <summary>
    /// Gets an explicit "new participant" flag from the caller's own records, or <see langword="null"/> to let rules
    /// decide from <see cref="SignedUpAt"/>. When set, it wins over the sign-up instant for new-participant rules (account-age
    /// rules read only <see cref="SignedUpAt"/>).
    /// </summary>
    public bool? IsNew { get; init; }

    /// <summary>
    /// Gets the participant's home time zone, or <see langword="null"/> when unknown. Rules that count calendar time
    /// (account age, "new within 30 days") count it in this zone when it is set.
    /// </summary>
    public DateTimeZone? HomeZone { get; init; }

    /// <summary>Returns whether the participant belongs to a segment (ordinal comparison).</summary>
    /// <param name="segment">The segment name.</param>
    /// <returns><see langword="true"/> when the participant is in <paramref name="segment"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="segment"/> is <see langword="null"/>.</exception>
    public bool HasSegment(string segment)
    {
        ArgumentNullException.ThrowIfNull(segment);
        return segmentSet.Contains(segment);
    }

    /// <summary>Returns whether the participant is in the segment, without the argument check (compiled rules only).</summary>
    internal bool InSegment(string segment) => segmentSet.Contains(segment);

    /// <summary>Returns the first of the participant's segments that is in <paramref name="candidates"/>, without allocating.</summary>
    internal string? FirstSegmentIn(System.Collections.Frozen.FrozenSet<string> candidates, string[] candidateItems)
    {
        // Probe the smaller side: a rule usually names one or two segments, a participant may carry dozens.
        if (candidateItems.Length <= segments.Length)
        {
            foreach (var candidate in candidateItems)
            {
                if (segmentSet.Contains(candidate))
                {
                    return candidate;
                }
            }

            return null;
        }

        foreach (var segment in segments)
        {
            if (candidates.Contains(segment))
            {
                return segment;
            }
        }

        return null;
    }

    /// <summary>Returns a short description: the id, and the region when known.</summary>
    /// <returns>For example <c>Participant u-42 (CN)</c>.</returns>
    public override string ToString() => region is null ? $"Participant {Id}" : $"Participant {Id} ({region})";
}
