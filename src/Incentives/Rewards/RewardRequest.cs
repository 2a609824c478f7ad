namespace Incentives.Rewards;

/// <summary>What a reward policy needs to know about one granted claim: the order amount, if any, and who claims.</summary>
/// <remarks>Deliberately small, so that the claim type of the engine can map onto it. Equality is by value.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed record RewardRequest
{
    /// <summary>Initializes a request.</summary>
    /// <param name="orderAmount">The order's amount, or <see langword="null"/> when the claim has no order.</param>
    /// <param name="participantId">The participant's id, or <see langword="null"/>; informational for the policies shipped.</param>
    public RewardRequest(Money? orderAmount = null, string? participantId = null)
    {
        OrderAmount = orderAmount;
        ParticipantId = participantId;
    }

    /// <summary>Gets the order's amount, or <see langword="null"/> when the claim has no order.</summary>
    public Money? OrderAmount { get; }

    /// <summary>Gets the participant's id, or <see langword="null"/>.</summary>
    public string? ParticipantId { get; }
}
