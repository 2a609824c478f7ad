using NodaTime;

namespace Incentives.Budgets;

/// <summary>A request to give back part or all of a committed grant to the budget.</summary>
/// <remarks>Two refund requests are "the same request" when their reservation and amount are equal.</remarks>
/// <param name="IdempotencyKey">The caller's key for this refund; a retry must reuse it; several refunds of one grant use different keys.</param>
/// <param name="ReservationId">The committed reservation to refund.</param>
/// <param name="Amount">The amount to give back, greater than zero and at most what is still committed.</param>
/// <param name="Instant">When the refund happens.</param>
public readonly record struct RefundRequest(string IdempotencyKey, ReservationId ReservationId, Money Amount, Instant Instant);
