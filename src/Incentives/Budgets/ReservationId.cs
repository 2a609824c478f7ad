using System;
using System.Globalization;

namespace Incentives.Budgets;

/// <summary>The id a ledger gives a reservation; unique within that ledger.</summary>
/// <remarks>The <c>default</c> value (0) is never issued and names no reservation. Equality is by value.</remarks>
/// <param name="Value">The id's number, positive for an issued id.</param>
public readonly record struct ReservationId(long Value) : IComparable<ReservationId>
{
    /// <inheritdoc />
    public int CompareTo(ReservationId other) => Value.CompareTo(other.Value);

    /// <summary>Returns e.g. <c>R42</c>.</summary>
    /// <returns>A culture-invariant text.</returns>
    public override string ToString() => "R" + Value.ToString(CultureInfo.InvariantCulture);
}
