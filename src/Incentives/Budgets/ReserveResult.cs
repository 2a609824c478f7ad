using System;

namespace Incentives.Budgets;

/// <summary>The outcome of <see cref="IBudgetLedger.ReserveAsync"/>: reserved with an id, or denied with a reason.</summary>
/// <remarks>The <c>default</c> value is neither reserved nor denied and is never returned by a ledger.</remarks>
/// <threadsafety>This type is immutable and thread-safe.</threadsafety>
public readonly struct ReserveResult : IEquatable<ReserveResult>
{
    private ReserveResult(ReservationId id, Money amount, int dayNumber, BudgetDenial? denial, bool isReplay)
    {
        ReservationId = id;
        Amount = amount;
        DayNumber = dayNumber;
        Denial = denial;
        IsReplay = isReplay;
    }

    /// <summary>Gets a value indicating whether the money is held.</summary>
    public bool IsReserved => ReservationId.Value != 0;

    /// <summary>Gets the reservation's id (default when denied).</summary>
    public ReservationId ReservationId { get; }

    /// <summary>Gets the amount held (zero when denied).</summary>
    public Money Amount { get; }

    /// <summary>Gets the 1-based campaign day the reservation counts on, or 0 without a window or when denied.</summary>
    public int DayNumber { get; }

    /// <summary>Gets the reason when denied, otherwise null.</summary>
    public BudgetDenial? Denial { get; }

    /// <summary>Gets a value indicating whether this is the stored first outcome of an earlier request with the same idempotency key.</summary>
    public bool IsReplay { get; }

    /// <summary>Creates a successful outcome.</summary>
    /// <param name="id">The reservation id.</param>
    /// <param name="amount">The amount held.</param>
    /// <param name="dayNumber">The campaign day, or 0.</param>
    /// <returns>The outcome.</returns>
    public static ReserveResult Reserved(ReservationId id, Money amount, int dayNumber) => new(id, amount, dayNumber, null, false);

    /// <summary>Creates a denied outcome.</summary>
    /// <param name="denial">The reason.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="denial"/> is null.</exception>
    public static ReserveResult Denied(BudgetDenial denial)
    {
        ArgumentNullException.ThrowIfNull(denial);
        return new(default, default, 0, denial, false);
    }

    /// <summary>Returns the same outcome marked as a replay.</summary>
    /// <returns>The replayed outcome.</returns>
    public ReserveResult AsReplay() => new(ReservationId, Amount, DayNumber, Denial, true);

    /// <inheritdoc />
    public bool Equals(ReserveResult other) =>
        ReservationId == other.ReservationId && Amount == other.Amount && DayNumber == other.DayNumber &&
        Denial?.Code == other.Denial?.Code && IsReplay == other.IsReplay;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is ReserveResult other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ReservationId, Amount, DayNumber, Denial?.Code, IsReplay);

    /// <summary>Returns e.g. <c>Reserved R1 CNY 5.00 on day 2</c> or <c>Denied budget.exhausted: ...</c>.</summary>
    /// <returns>A culture-invariant text.</returns>
    public override string ToString() =>
        (IsReserved ? FormattableString.Invariant($"Reserved {ReservationId} {Amount} on day {DayNumber}") : $"Denied {Denial}") +
        (IsReplay ? " (replay)" : string.Empty);

    /// <summary>Compares two outcomes by value (denials by code).</summary>
    /// <param name="left">The first outcome.</param>
    /// <param name="right">The second outcome.</param>
    /// <returns>True when equal.</returns>
    public static bool operator ==(ReserveResult left, ReserveResult right) => left.Equals(right);

    /// <summary>Compares two outcomes by value (denials by code).</summary>
    /// <param name="left">The first outcome.</param>
    /// <param name="right">The second outcome.</param>
    /// <returns>True when different.</returns>
    public static bool operator !=(ReserveResult left, ReserveResult right) => !left.Equals(right);
}
