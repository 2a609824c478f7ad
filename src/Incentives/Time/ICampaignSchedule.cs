using NodaTime;

namespace Incentives.Time;

/// <summary>
/// When a campaign accepts claims: a <see cref="CampaignWindow"/>, possibly narrowed to recurring slots
/// (<see cref="SlotSchedule"/>). This is the one question the claim path asks of time.
/// </summary>
/// <remarks>
/// Both implementations answer <see cref="Contains(Instant)"/> without allocating. When the window is
/// <see cref="WindowTimeReference.Participant"/>-local, <see cref="Contains(Instant, DateTimeZone)"/> reads its local times on the
/// participant's clock; <see cref="Contains(Instant)"/> reads them in the campaign's zone.
/// </remarks>
public interface ICampaignSchedule
{
    /// <summary>Gets the window that bounds every open instant.</summary>
    CampaignWindow Window { get; }

    /// <summary>Returns whether the campaign is open at the instant, on the campaign's clock.</summary>
    /// <param name="instant">The instant of the claim.</param>
    /// <returns><see langword="true"/> when open.</returns>
    bool Contains(Instant instant);

    /// <summary>Returns whether the campaign is open at the instant for a participant living in <paramref name="participantZone"/>.</summary>
    /// <param name="instant">The instant of the claim.</param>
    /// <param name="participantZone">The participant's zone; only used when the window is participant-local. <see langword="null"/> means the campaign's zone.</param>
    /// <returns><see langword="true"/> when open.</returns>
    bool Contains(Instant instant, DateTimeZone? participantZone);

    /// <summary>Returns the next instant strictly after <paramref name="after"/> at which the campaign opens (a window start or a slot start).</summary>
    /// <param name="after">The instant to search from (exclusive).</param>
    /// <param name="participantZone">The participant's zone for participant-local windows; <see langword="null"/> means the campaign's zone.</param>
    /// <returns>The next opening, or <see langword="null"/> when the campaign never opens again.</returns>
    Instant? NextOpening(Instant after, DateTimeZone? participantZone = null);
}
