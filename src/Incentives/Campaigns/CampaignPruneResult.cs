namespace Incentives.Campaigns;

/// <summary>What <see cref="CampaignEngine.PruneSettled"/> removed.</summary>
/// <param name="ClaimResults">The claim results the engine forgot (their keys are no longer replayed by the engine).</param>
/// <param name="Reservations">The settled reservations removed from the in-memory ledgers the engine owns.</param>
/// <param name="IdempotencyRecords">The idempotency records removed from those ledgers: keys of refunds, of requests made in them directly (reserved or refused), and of claims whose reservation a refund made the ledger remember (the keys of the engine's other claims live in its store, counted in <paramref name="ClaimResults"/>).</param>
/// <remarks>Equality is by value; <see langword="default"/> means nothing was removed.</remarks>
public readonly record struct CampaignPruneResult(int ClaimResults, int Reservations, int IdempotencyRecords);
