namespace Incentives.Eligibility;

/// <summary>
/// The stable, machine-readable codes of <see cref="EligibilityFailure.Code"/>. They never change meaning;
/// new codes may be added. A <see cref="CustomRule"/> reports its own code.
/// </summary>
public static class EligibilityCodes
{
    /// <summary>The claim's instant is before the window's start (<see cref="WindowRule"/>).</summary>
    public const string WindowNotStarted = "window.not-started";

    /// <summary>The claim's instant is at or after the window's (exclusive) end (<see cref="WindowRule"/>).</summary>
    public const string WindowEnded = "window.ended";

    /// <summary>
    /// The claim's instant is inside the window but outside every slot occurrence of a <see cref="Time.SlotSchedule"/>
    /// (<see cref="WindowRule"/>); the message names the schedule and the next opening.
    /// </summary>
    public const string WindowOutsideSlots = "window.outside-slots";

    /// <summary>The claim's channel is not in the allowed set (<see cref="ChannelRule"/>).</summary>
    public const string ChannelNotAllowed = "channel.not-allowed";

    /// <summary>The claim has no category (<see cref="CategoryRule"/>).</summary>
    public const string CategoryMissing = "category.missing";

    /// <summary>The claim's category is not in the allowed set (<see cref="CategoryRule"/>).</summary>
    public const string CategoryNotAllowed = "category.not-allowed";

    /// <summary>The participant has no region (<see cref="RegionRule"/>).</summary>
    public const string RegionMissing = "region.missing";

    /// <summary>The participant's region is not in the allowed set (<see cref="RegionRule"/>).</summary>
    public const string RegionNotAllowed = "region.not-allowed";

    /// <summary>The claim has no order amount (<see cref="MinOrderAmountRule"/>).</summary>
    public const string OrderAmountMissing = "order.amount-missing";

    /// <summary>The order amount is below the minimum (<see cref="MinOrderAmountRule"/>).</summary>
    public const string OrderBelowMinimum = "order.below-minimum";

    /// <summary>
    /// The order is in another currency than the minimum and no conversion was supplied or the supplied one has
    /// no rate for it (<see cref="MinOrderAmountRule"/>).
    /// </summary>
    public const string OrderCurrencyMismatch = "order.currency-mismatch";

    /// <summary>The participant is not a new participant (<see cref="NewParticipantRule"/>).</summary>
    public const string ParticipantNotNew = "participant.not-new";

    /// <summary>
    /// The participant's sign-up instant is unknown (and, for <see cref="NewParticipantRule"/>, there is no flag), so
    /// neither the rule nor its negation can be proven: <see cref="AccountAgeRule"/>, <see cref="NewParticipantRule"/> with a
    /// period, and a <see cref="NotRule"/> over either fail with this code.
    /// </summary>
    public const string SignUpUnknown = "participant.signup-unknown";

    /// <summary>
    /// The participant has no new-participant flag and the <see cref="NewParticipantRule"/> has no period to decide from
    /// the sign-up instant, so neither the rule nor its negation can be proven (a <see cref="NotRule"/> over it fails too).
    /// </summary>
    public const string NewParticipantUnknown = "participant.new-unknown";

    /// <summary>The participant's account is younger than required (<see cref="AccountAgeRule"/>).</summary>
    public const string AccountTooYoung = "participant.account-too-young";

    /// <summary>The participant is in none of the required segments (<see cref="HasSegmentRule"/>).</summary>
    public const string SegmentMissing = "segment.missing";

    /// <summary>The participant is in a blocked segment (<see cref="LacksSegmentRule"/>).</summary>
    public const string SegmentBlocked = "segment.blocked";

    /// <summary>The claim does not carry the attribute the rule needs (<see cref="AttributeRule"/>).</summary>
    public const string AttributeMissing = "attribute.missing";

    /// <summary>The attribute's value does not satisfy the comparison (<see cref="AttributeRule"/>).</summary>
    public const string AttributeMismatch = "attribute.mismatch";

    /// <summary>The attribute must be compared as a number but its value is not one (<see cref="AttributeRule"/>).</summary>
    public const string AttributeNotANumber = "attribute.not-a-number";

    /// <summary>No alternative of an any-of matched; the failure's causes say why each one failed (<see cref="AnyOfRule"/>).</summary>
    public const string AnyOfNoneMatched = "any-of.none-matched";

    /// <summary>The excluded condition of a not matched; the message says what matched (<see cref="NotRule"/>).</summary>
    public const string NotExcluded = "not.excluded";
}
