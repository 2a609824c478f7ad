using System;
using NodaTime;
using NodaTime.TimeZones;

namespace Incentives.Time;

/// <summary>
/// How local date-times that fall in a daylight-saving gap (skipped) or overlap (ambiguous) are mapped to instants.
/// </summary>
/// <remarks>
/// <para>
/// The default, <see cref="Strict"/>, rejects both with a <see cref="DstResolutionException"/> that names the local time
/// and the zone: a campaign never silently starts or ends an hour early or late. The other policies are opt-in.
/// </para>
/// <para>Two policies are equal when both resolutions are equal.</para>
/// </remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public sealed record DstPolicy
{
    private DstPolicy(SkippedTimeResolution skipped, AmbiguousTimeResolution ambiguous)
    {
        Skipped = skipped;
        Ambiguous = ambiguous;
    }

    /// <summary>Gets the policy that rejects skipped and ambiguous local times (the default everywhere a policy is optional).</summary>
    public static DstPolicy Strict { get; } = new(SkippedTimeResolution.Reject, AmbiguousTimeResolution.Reject);

    /// <summary>
    /// Gets the policy "the first time the clock reads the local time": a skipped time becomes the end of the gap, an ambiguous
    /// time its earlier occurrence. It never throws, and it is the default for participant-local evaluation, where the
    /// participant's zone is only known when the participant claims.
    /// </summary>
    public static DstPolicy FirstClockReading { get; } = new(SkippedTimeResolution.EndOfGap, AmbiguousTimeResolution.EarlierOffset);

    /// <summary>Gets what happens to a local time that does not exist.</summary>
    public SkippedTimeResolution Skipped { get; }

    /// <summary>Gets what happens to a local time that occurs twice.</summary>
    public AmbiguousTimeResolution Ambiguous { get; }

    /// <summary>Gets whether this policy can throw (either resolution is <c>Reject</c>).</summary>
    public bool CanReject => Skipped == SkippedTimeResolution.Reject || Ambiguous == AmbiguousTimeResolution.Reject;

    /// <summary>Creates a policy from its two resolutions.</summary>
    /// <param name="skipped">What to do with skipped local times.</param>
    /// <param name="ambiguous">What to do with ambiguous local times.</param>
    /// <returns>The policy.</returns>
    /// <exception cref="ArgumentOutOfRangeException">A resolution is not a defined value.</exception>
    public static DstPolicy Create(SkippedTimeResolution skipped, AmbiguousTimeResolution ambiguous)
    {
        if (!Enum.IsDefined(skipped))
        {
            throw new ArgumentOutOfRangeException(nameof(skipped), skipped, "Unknown SkippedTimeResolution.");
        }

        if (!Enum.IsDefined(ambiguous))
        {
            throw new ArgumentOutOfRangeException(nameof(ambiguous), ambiguous, "Unknown AmbiguousTimeResolution.");
        }

        return new DstPolicy(skipped, ambiguous);
    }

    /// <summary>Maps a local date-time in a zone to an instant under this policy.</summary>
    /// <param name="local">The local date-time.</param>
    /// <param name="zone">The time zone.</param>
    /// <returns>The zoned date-time.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="zone"/> is <see langword="null"/>.</exception>
    /// <exception cref="DstResolutionException">The local time is skipped or ambiguous and this policy rejects it.</exception>
    public ZonedDateTime Resolve(LocalDateTime local, DateTimeZone zone) => Resolve(local, zone, null);

    /// <summary>Returns a culture-invariant description such as <c>DstPolicy(Skipped: Reject, Ambiguous: Reject)</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => $"DstPolicy(Skipped: {Skipped}, Ambiguous: {Ambiguous})";

    internal ZonedDateTime Resolve(LocalDateTime local, DateTimeZone zone, string? paramName)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var mapping = zone.MapLocal(local);
        switch (mapping.Count)
        {
            case 1:
                return mapping.Single();
            case 2:
                return Ambiguous switch
                {
                    AmbiguousTimeResolution.EarlierOffset => mapping.First(),
                    AmbiguousTimeResolution.LaterOffset => mapping.Last(),
                    _ => throw new DstResolutionException(local, zone.Id, DstResolutionKind.Ambiguous, paramName),
                };
            default:
                return Skipped switch
                {
                    SkippedTimeResolution.EndOfGap => Resolvers.ReturnStartOfIntervalAfter(local, zone, mapping.EarlyInterval, mapping.LateInterval),
                    SkippedTimeResolution.ShiftForward => Resolvers.ReturnForwardShifted(local, zone, mapping.EarlyInterval, mapping.LateInterval),
                    _ => throw new DstResolutionException(local, zone.Id, DstResolutionKind.Skipped, paramName),
                };
        }
    }
}
