namespace Incentives.Budgets;

/// <summary>
/// Machine-readable reasons why a ledger operation did not happen. Nothing moved when one is returned. Each value has a
/// stable kebab-case text (<see cref="BudgetDenialCodes.ToCode"/>, <see cref="BudgetDenial.ReasonCode"/>) for APIs and logs.
/// </summary>
public enum BudgetDenialCode
{
    /// <summary>The reservation instant is outside the tree's campaign window.</summary>
    OutsideWindow = 1,

    /// <summary>The amount does not fit what is left of a node's limit.</summary>
    NodeLimitReached = 2,

    /// <summary>The amount does not fit what the node's pacing plan has released so far (for the day, with roll-over if any).</summary>
    PacingLimitReached = 3,

    /// <summary>The participant's amount cap on a node (per campaign or per day) would be exceeded.</summary>
    CapAmountReached = 4,

    /// <summary>The participant's grant-count cap on a node (per campaign or per day) would be exceeded.</summary>
    CapGrantsReached = 5,

    /// <summary>The idempotency key was already used for a different request.</summary>
    IdempotencyKeyConflict = 6,

    /// <summary>The reservation's expiry is not after the ledger's current time, so it would be born expired.</summary>
    AlreadyExpired = 7,

    /// <summary>No reservation has that id.</summary>
    UnknownReservation = 20,

    /// <summary>The reservation is no longer held: it was committed, released or expired (a different settlement than the one asked).</summary>
    AlreadySettled = 21,

    /// <summary>The reservation expired before it was committed.</summary>
    ReservationExpired = 22,

    /// <summary>The commit amount is larger than the amount reserved.</summary>
    ExceedsReserved = 23,

    /// <summary>The reservation was never committed, so there is nothing to refund.</summary>
    NotCommitted = 24,

    /// <summary>The refund is larger than what is still committed on the grant.</summary>
    ExceedsRefundable = 25,
}
