using System;

namespace Incentives.Budgets;

/// <summary>
/// The stable, machine-readable text of every <see cref="BudgetDenialCode"/> (lower-case, dot-separated, kebab-case), for
/// APIs, logs and metrics: <c>budget.*</c> for the tree's money, <c>cap.*</c> for participant caps, <c>ledger.*</c> for
/// idempotency and the life of a reservation. <see cref="BudgetDenial.ReasonCode"/> gives the text of a denial.
/// </summary>
public static class BudgetDenialCodes
{
    /// <summary>The text of <see cref="BudgetDenialCode.OutsideWindow"/>.</summary>
    public const string OutsideWindow = "budget.outside-window";

    /// <summary>The text of <see cref="BudgetDenialCode.NodeLimitReached"/>: a node's limit is used up.</summary>
    public const string Exhausted = "budget.exhausted";

    /// <summary>The text of <see cref="BudgetDenialCode.PacingLimitReached"/>: the day's released money is used up.</summary>
    public const string DayExhausted = "budget.day-exhausted";

    /// <summary>The text of <see cref="BudgetDenialCode.CapAmountReached"/>.</summary>
    public const string CapAmountReached = "cap.amount-reached";

    /// <summary>The text of <see cref="BudgetDenialCode.CapGrantsReached"/>.</summary>
    public const string CapCountReached = "cap.count-reached";

    /// <summary>The text of <see cref="BudgetDenialCode.IdempotencyKeyConflict"/>.</summary>
    public const string IdempotencyKeyConflict = "ledger.idempotency-key-conflict";

    /// <summary>The text of <see cref="BudgetDenialCode.AlreadyExpired"/>.</summary>
    public const string AlreadyExpired = "ledger.already-expired";

    /// <summary>The text of <see cref="BudgetDenialCode.UnknownReservation"/>.</summary>
    public const string UnknownReservation = "ledger.unknown-reservation";

    /// <summary>The text of <see cref="BudgetDenialCode.AlreadySettled"/>.</summary>
    public const string AlreadySettled = "ledger.already-settled";

    /// <summary>The text of <see cref="BudgetDenialCode.ReservationExpired"/>.</summary>
    public const string ReservationExpired = "ledger.reservation-expired";

    /// <summary>The text of <see cref="BudgetDenialCode.ExceedsReserved"/>.</summary>
    public const string ExceedsReserved = "ledger.exceeds-reserved";

    /// <summary>The text of <see cref="BudgetDenialCode.NotCommitted"/>.</summary>
    public const string NotCommitted = "ledger.not-committed";

    /// <summary>The text of <see cref="BudgetDenialCode.ExceedsRefundable"/>.</summary>
    public const string ExceedsRefundable = "ledger.exceeds-refundable";

    /// <summary>Gets the stable text of a denial code.</summary>
    /// <param name="code">The code.</param>
    /// <returns>The text, e.g. <c>budget.exhausted</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="code"/> is not a defined value.</exception>
    public static string ToCode(this BudgetDenialCode code) => code switch
    {
        BudgetDenialCode.OutsideWindow => OutsideWindow,
        BudgetDenialCode.NodeLimitReached => Exhausted,
        BudgetDenialCode.PacingLimitReached => DayExhausted,
        BudgetDenialCode.CapAmountReached => CapAmountReached,
        BudgetDenialCode.CapGrantsReached => CapCountReached,
        BudgetDenialCode.IdempotencyKeyConflict => IdempotencyKeyConflict,
        BudgetDenialCode.AlreadyExpired => AlreadyExpired,
        BudgetDenialCode.UnknownReservation => UnknownReservation,
        BudgetDenialCode.AlreadySettled => AlreadySettled,
        BudgetDenialCode.ReservationExpired => ReservationExpired,
        BudgetDenialCode.ExceedsReserved => ExceedsReserved,
        BudgetDenialCode.NotCommitted => NotCommitted,
        BudgetDenialCode.ExceedsRefundable => ExceedsRefundable,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "Not a defined budget denial code."),
    };
}
