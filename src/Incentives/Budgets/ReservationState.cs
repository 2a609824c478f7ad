namespace Incentives.Budgets;

/// <summary>Where a reservation is in its life.</summary>
public enum ReservationState
{
    /// <summary>Money is held; it can be committed or released, and expires at its expiry.</summary>
    Held = 1,

    /// <summary>Committed (in full or in part): a grant; it can be refunded.</summary>
    Committed = 2,

    /// <summary>Released by the caller; all its money went back.</summary>
    Released = 3,

    /// <summary>Expired before it was committed; all its money went back.</summary>
    Expired = 4,
}
