using NodaTime;

namespace Incentives.Budgets;

/// <summary>What a ledger knows about one reservation.</summary>
/// <param name="Id">The reservation id.</param>
/// <param name="IdempotencyKey">The key it was reserved with.</param>
/// <param name="NodePath">The node it was reserved on.</param>
/// <param name="ParticipantId">The participant.</param>
/// <param name="Reserved">The amount originally reserved.</param>
/// <param name="Committed">The amount committed and not refunded (zero unless committed).</param>
/// <param name="Refunded">The amount refunded so far.</param>
/// <param name="State">The state.</param>
/// <param name="DayNumber">The 1-based campaign day it counts on (where refunds return), or 0 without a window.</param>
/// <param name="ReservedAt">The instant of the reservation.</param>
/// <param name="ExpiresAt">The expiry of the hold.</param>
public readonly record struct ReservationInfo(
    ReservationId Id,
    string IdempotencyKey,
    string NodePath,
    string ParticipantId,
    Money Reserved,
    Money Committed,
    Money Refunded,
    ReservationState State,
    int DayNumber,
    Instant ReservedAt,
    Instant ExpiresAt);
