using System;

namespace Incentives.Budgets;

/// <summary>The outcome of a commit, release or refund: done (with the money that moved) or refused with a reason.</summary>
/// <remarks>The <c>default</c> value is never returned by a ledger.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public readonly struct LedgerResult : IEquatable<LedgerResult>
{
    private LedgerResult(LedgerOperation operation, ReservationId id, Money amount, Money returned, int dayNumber, BudgetDenial? denial, bool isReplay)
    {
        Operation = operation;
        ReservationId = id;
        Amount = amount;
        Returned = returned;
        DayNumber = dayNumber;
        Denial = denial;
        IsReplay = isReplay;
    }

    /// <summary>Gets a value indicating whether the operation happened (or had already happened, see <see cref="IsReplay"/>).</summary>
    public bool Succeeded => Denial is null;

    /// <summary>Gets the operation.</summary>
    public LedgerOperation Operation { get; }

    /// <summary>Gets the reservation concerned.</summary>
    public ReservationId ReservationId { get; }

    /// <summary>Gets the amount committed (commit) or refunded (refund); zero for a release or a refusal.</summary>
    public Money Amount { get; }

    /// <summary>Gets the money given back to the budget: the uncommitted rest, the released hold, or the refund.</summary>
    public Money Returned { get; }

    /// <summary>Gets the 1-based campaign day the money counts on and returns to (the reservation's day), or 0.</summary>
    public int DayNumber { get; }

    /// <summary>Gets the reason when refused, otherwise null.</summary>
    public BudgetDenial? Denial { get; }

    /// <summary>Gets a value indicating whether this repeats an operation that had already been done.</summary>
    public bool IsReplay { get; }

    /// <summary>Creates a successful outcome.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="id">The reservation.</param>
    /// <param name="amount">The amount committed or refunded.</param>
    /// <param name="returned">The money given back to the budget.</param>
    /// <param name="dayNumber">The day, or 0.</param>
    /// <returns>The outcome.</returns>
    public static LedgerResult Done(LedgerOperation operation, ReservationId id, Money amount, Money returned, int dayNumber) =>
        new(operation, id, amount, returned, dayNumber, null, false);

    /// <summary>Creates a refused outcome.</summary>
    /// <param name="operation">The operation.</param>
    /// <param name="id">The reservation.</param>
    /// <param name="denial">The reason.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="denial"/> is null.</exception>
    public static LedgerResult Refused(LedgerOperation operation, ReservationId id, BudgetDenial denial)
    {
        ArgumentNullException.ThrowIfNull(denial);
        return new(operation, id, default, default, 0, denial, false);
    }

    /// <summary>Returns the same outcome marked as a replay.</summary>
    /// <returns>The replayed outcome.</returns>
    public LedgerResult AsReplay() => new(Operation, ReservationId, Amount, Returned, DayNumber, Denial, true);

    /// <inheritdoc />
    public bool Equals(LedgerResult other) =>
        Operation == other.Operation && ReservationId == other.ReservationId && Amount == other.Amount &&
        Returned == other.Returned && DayNumber == other.DayNumber && Denial?.Code == other.Denial?.Code && IsReplay == other.IsReplay;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LedgerResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Operation, ReservationId, Amount, Returned, DayNumber, Denial?.Code, IsReplay);

    /// <summary>Returns e.g. <c>Commit R1 CNY 3.00, returned CNY 2.00, day 1</c> or <c>Refund R1 refused ledger.exceeds-refundable: ...</c>.</summary>
    /// <returns>A culture-invariant text.</returns>
    public override string ToString() =>
        (Succeeded
            ? FormattableString.Invariant($"{Operation} {ReservationId} {Amount}, returned {Returned}, day {DayNumber}")
            : $"{Operation} {ReservationId} refused {Denial}") + (IsReplay ? " (replay)" : string.Empty);

    /// <summary>Compares two outcomes by value (denials by code).</summary>
    /// <param name="left">The first outcome.</param>
    /// <param name="right">The second outcome.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(LedgerResult left, LedgerResult right) => left.Equals(right);

    /// <summary>Compares two outcomes by value (denials by code).</summary>
    /// <param name="left">The first outcome.</param>
    /// <param name="right">The second outcome.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(LedgerResult left, LedgerResult right) => !left.Equals(right);
}
