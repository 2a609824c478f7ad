using NodaTime;

namespace Incentives.Budgets;

/// <summary>A request to hold <see cref="Amount"/> on a node and all its ancestors for a participant.</summary>
/// <remarks>
/// Two requests are "the same request" for idempotency when their <see cref="NodePath"/>,
/// <see cref="ParticipantId"/> and <see cref="Amount"/> are equal: a retry may carry a later instant and expiry.
/// </remarks>
/// <param name="IdempotencyKey">The caller's key for this claim; a retry must reuse it.</param>
/// <param name="NodePath">The path of the node to reserve on, usually a leaf; every ancestor is reserved too.</param>
/// <param name="ParticipantId">Who the money is for; participant caps count per id (ordinal comparison).</param>
/// <param name="Amount">The amount, greater than zero, in the tree's currency.</param>
/// <param name="Instant">When the claim happens; decides the campaign day and how much pacing has released.</param>
/// <param name="ExpiresAt">When the hold lapses unless committed or released; must be after <paramref name="Instant"/>.</param>
public readonly record struct ReserveRequest(
    string IdempotencyKey, string NodePath, string ParticipantId, Money Amount, Instant Instant, Instant ExpiresAt);
