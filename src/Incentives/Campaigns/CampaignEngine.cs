using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentValidation;
using FluentValidation.Results;
using Incentives.Budgets;
using Incentives.Claims;
using Incentives.Diagnostics;
using Incentives.Rewards;
using Incentives.Rewards.Randomness;
using NodaTime;

namespace Incentives.Campaigns;

/// <summary>
/// Asked once per claim: evaluates every campaign (window, eligibility, reward), picks by priority and stacking, reserves the
/// amounts in the budget ledgers, and returns the grants or the reasons for the denial. Commits, releases and refunds pass
/// through to the right ledger.
/// </summary>
/// <remarks>
/// <para>The claim's instant is <see cref="Claim.At"/>; the <see cref="Clock"/> is read only for commits, releases, refunds and
/// expiries made without an explicit instant, and for the budget gauges.</para>
/// <para>Idempotency: a claim retried with the same key returns the first result (<see cref="ClaimResult.IsReplay"/>), never a
/// second reservation, also while the first call is still running. The ledger keys are <c>{key}:{campaignId}</c>, so a durable
/// ledger also replays a grant made by another engine instance. Results are remembered until <see cref="PruneSettled"/> forgets
/// them (called by the engine itself on a cadence when <see cref="CampaignEngineOptions.Retention"/> is set); without a retention
/// they are remembered for the engine's lifetime.</para>
/// <para>Stacked grants are not all-or-nothing: when several stackable campaigns apply and one budget refuses, the others are
/// granted and the refusal is reported in <see cref="ClaimResult.Denials"/>. A campaign whose budget refuses does not block the
/// next one: selection moves on to the next campaign by priority.</para>
/// <para>Expected outcomes are values. Exceptions are for programming errors: a null argument, an invalid set of campaigns at
/// construction (one <see cref="ValidationException"/> listing every problem), or a ledger that fails.</para>
/// </remarks>
/// <threadsafety>All members are thread-safe.</threadsafety>
public sealed class CampaignEngine : IDisposable
{
    private const int RouteCacheLimit = 4096;
    private const int StripeBits = 5;
    private const int ShardCount = 1 << StripeBits;
    private const int PruneBatch = 32;

    /// <summary>The idempotency store's value for a key whose first call is still running.</summary>
    private static readonly object InFlight = new();

    private readonly Entry[] entries;
    private readonly Dictionary<string, Entry> byId;
    private readonly Shard[] outcomes = CreateShards();
    private readonly IRandomSource random;
    private readonly EngineMetrics metrics;
    private readonly InMemoryBudgetLedger[] ownedLedgers;
    private readonly long retentionTicks;
    private readonly long cadenceTicks;
    private long nextPruneTicks = long.MinValue;
    private long pruneTouch; // what a prune's batches read ahead; kept only so that those reads are not optimised away

    /// <summary>Initializes an engine over campaigns and the ledgers of their budgets.</summary>
    /// <param name="campaigns">The campaigns.</param>
    /// <param name="ledgers">The ledgers by budget id (<see cref="Campaign.BudgetId"/>); several campaigns may share one.</param>
    /// <param name="clock">The clock for commits, releases and refunds without an explicit instant.</param>
    /// <param name="options">Optional settings.</param>
    /// <exception cref="ArgumentNullException">An argument or an element is null.</exception>
    /// <exception cref="ValidationException">The campaigns do not fit their budgets (every problem listed): see <see cref="CampaignErrorCodes"/>.</exception>
    public CampaignEngine(IEnumerable<Campaign> campaigns, IEnumerable<KeyValuePair<string, IBudgetLedger>> ledgers, IClock clock, CampaignEngineOptions? options = null)
        : this(campaigns, ledgers, clock, options, ownsLedgers: false)
    {
    }

    /// <summary>
    /// Initializes an engine over a programme, with one <see cref="InMemoryBudgetLedger"/> per budget tree. The engine owns these
    /// ledgers: <see cref="PruneSettled"/> prunes them too.
    /// </summary>
    /// <param name="programme">The campaigns and budget trees.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="options">Optional settings.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public CampaignEngine(CampaignProgramme programme, IClock clock, CampaignEngineOptions? options = null)
        : this(
            (programme ?? throw new ArgumentNullException(nameof(programme))).Campaigns,
            MakeLedgers(programme, (_, tree) => new InMemoryBudgetLedger(tree)),
            clock,
            options,
            ownsLedgers: true)
    {
    }

    private CampaignEngine(IEnumerable<Campaign> campaigns, IEnumerable<KeyValuePair<string, IBudgetLedger>> ledgers, IClock clock, CampaignEngineOptions? options, bool ownsLedgers)
    {
        ArgumentNullException.ThrowIfNull(campaigns);
        ArgumentNullException.ThrowIfNull(ledgers);
        ArgumentNullException.ThrowIfNull(clock);
        var list = campaigns.ToArray();
        if (list.Any(c => c is null))
        {
            throw new ArgumentNullException(nameof(campaigns), "A campaign is null.");
        }

        var ledgerMap = new Dictionary<string, IBudgetLedger>(StringComparer.Ordinal);
        foreach (var (id, ledger) in ledgers)
        {
            ArgumentNullException.ThrowIfNull(id, nameof(ledgers));
            ArgumentNullException.ThrowIfNull(ledger, nameof(ledgers));
            if (!ledgerMap.TryAdd(id, ledger))
            {
                throw new ArgumentException($"Budget '{id}' has two ledgers.", nameof(ledgers));
            }
        }

        var failures = new List<ValidationFailure>();
        CampaignChecks.CheckAll(list, id => ledgerMap.GetValueOrDefault(id)?.Tree, i => $"campaigns[{i}]", failures);
        if (failures.Count > 0)
        {
            throw CampaignValidation.Exception("The campaigns do not fit their budgets:", failures);
        }

        Clock = clock;
        random = options?.Random ?? SecureRandomSource.Shared;
        entries = list
            .OrderByDescending(c => c.Priority).ThenBy(c => c.Id, StringComparer.Ordinal)
            .Select(c => new Entry(c, ledgerMap[c.BudgetId]))
            .ToArray();
        byId = entries.ToDictionary(e => e.Campaign.Id, StringComparer.Ordinal);
        Campaigns = Array.AsReadOnly(entries.Select(e => e.Campaign).ToArray());
        Ledgers = ledgerMap.AsReadOnly();
        ownedLedgers = ownsLedgers ? [.. ledgerMap.Values.OfType<InMemoryBudgetLedger>()] : [];
        if (ownedLedgers.Length > 0)
        {
            // The store already keeps one record per claim key: a ledger the engine made does not record the same keys again
            // (one index instead of two per claim), and asks the engine when a caller reserves in it directly with a claim's key.
            var owner = new KeyOwner(this);
            foreach (var ledger in ownedLedgers)
            {
                ledger.SetKeyOwner(owner);
            }

            foreach (var entry in entries)
            {
                entry.KeepsKeys = entry.InMemory is not null;
            }
        }
        if (options?.Retention is { } retention)
        {
            // The options' setter checks the range too; an options instance built another way (e.g. with reflection) is checked here.
            CampaignEngineOptions.CheckRetention(retention, nameof(options));
            retentionTicks = retention.BclCompatibleTicks;
            cadenceTicks = Math.Max(1, retentionTicks / CampaignEngineOptions.PrunesPerRetention);
        }

        metrics = new EngineMetrics(options?.MeterFactory, options?.Name, [.. ledgerMap], clock);
    }

    /// <summary>
    /// Initializes an engine over a programme, with ledgers made by <paramref name="ledgerFactory"/> (one per budget id). The caller
    /// owns these ledgers: <see cref="PruneSettled"/> does not prune them.
    /// </summary>
    /// <param name="programme">The campaigns and budget trees.</param>
    /// <param name="ledgerFactory">Makes the ledger of a budget from its id and tree.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="options">Optional settings.</param>
    /// <exception cref="ArgumentNullException">An argument is null, or the factory returns null.</exception>
    public CampaignEngine(CampaignProgramme programme, Func<string, BudgetTree, IBudgetLedger> ledgerFactory, IClock clock, CampaignEngineOptions? options = null)
        : this(
            (programme ?? throw new ArgumentNullException(nameof(programme))).Campaigns,
            MakeLedgers(programme, ledgerFactory ?? throw new ArgumentNullException(nameof(ledgerFactory))),
            clock,
            options)
    {
    }

    /// <summary>Gets the campaigns, in the order the engine considers them (priority descending, then id).</summary>
    public ReadOnlyCollection<Campaign> Campaigns { get; }

    /// <summary>Gets the ledgers by budget id.</summary>
    public ReadOnlyDictionary<string, IBudgetLedger> Ledgers { get; }

    /// <summary>Gets the clock used when an operation has no explicit instant.</summary>
    public IClock Clock { get; }

    /// <summary>Gets the retention after which settled claims are pruned automatically (<see cref="CampaignEngineOptions.Retention"/>), or <see langword="null"/> when the engine keeps every claim.</summary>
    public Duration? Retention => retentionTicks == 0 ? null : Duration.FromTicks(retentionTicks);

    /// <summary>Gets the meter the engine reports to (see <see cref="IncentivesDiagnostics"/>).</summary>
    public System.Diagnostics.Metrics.Meter Meter => metrics.Meter;

    /// <summary>Finds a campaign by id.</summary>
    /// <param name="campaignId">The id.</param>
    /// <param name="campaign">The campaign when found.</param>
    /// <returns><see langword="true"/> when found.</returns>
    public bool TryGetCampaign(string campaignId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Campaign? campaign)
    {
        ArgumentNullException.ThrowIfNull(campaignId);
        campaign = byId.TryGetValue(campaignId, out var entry) ? entry.Campaign : null;
        return campaign is not null;
    }

    /// <summary>
    /// Dry run: which campaigns apply to the claim, what each would give and which would be selected. Reserves nothing, opens no
    /// red envelope (it reports the pool's range and remaining count instead), draws no random amount (it reports the range).
    /// </summary>
    /// <param name="claim">The claim.</param>
    /// <param name="cancellationToken">Cancels the quote.</param>
    /// <returns>The quote.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="claim"/> is null.</exception>
    public ValueTask<ClaimQuote> QuoteAsync(Claim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        cancellationToken.ThrowIfCancellationRequested();
        using var activity = EngineMetrics.Source.StartActivity(IncentivesDiagnostics.QuoteActivity);
        var slots = new Slot[entries.Length];
        Collect(claim, slots);
        var offers = new List<CampaignOffer>();
        var denials = new List<DenialReason>();
        foreach (ref var slot in slots.AsSpan())
        {
            if (slot.Denial is not null)
            {
                denials.Add(slot.Denial);
                continue;
            }

            var campaign = slot.Entry.Campaign;
            switch (campaign.Reward)
            {
                case RedEnvelopeRewardPolicy envelopes:
                    var left = envelopes.Pool.RemainingCount;
                    if (left == 0)
                    {
                        denials.Add(new DenialReason(campaign.Id, ClaimDenialCodes.PoolExhausted, "Every envelope of the pool has been opened.") { RewardReason = NoRewardReason.PoolExhausted });
                        continue;
                    }

                    offers.Add(new CampaignOffer(campaign.Id, slot.Node!.Path, null, envelopes.Pool.Spec.Minimum, envelopes.Pool.Spec.Maximum, left, false));
                    break;
                case RandomRangeRewardPolicy range:
                    offers.Add(new CampaignOffer(campaign.Id, slot.Node!.Path, null, range.Minimum, range.Maximum, null, false));
                    break;
                default:
                    var outcome = campaign.Reward.EvaluateOrder(claim.OrderAmount, claim.Participant.Id, random);
                    if (!outcome.IsRewarded)
                    {
                        denials.Add(NoReward(campaign, outcome));
                        continue;
                    }

                    offers.Add(new CampaignOffer(campaign.Id, slot.Node!.Path, outcome.Amount, outcome.Amount, outcome.Amount, null, false));
                    break;
            }
        }

        SelectOffers(offers);
        activity?.SetTag(IncentivesDiagnostics.CampaignTag, string.Join(',', offers.Where(o => o.IsSelected).Select(o => o.CampaignId)));
        return new(new ClaimQuote(offers.AsReadOnly(), denials.AsReadOnly()));
    }

    /// <summary>
    /// Handles a claim: evaluates every campaign, picks by priority and stacking, reserves the rewards in the ledgers, and returns
    /// the grants or the reasons of the denial. Retrying with the same <paramref name="idempotencyKey"/> returns the first result.
    /// </summary>
    /// <param name="claim">The claim; its <see cref="Claim.At"/> is the instant of every check and reservation.</param>
    /// <param name="idempotencyKey">The caller's key for this claim (e.g. an order id or an <c>Idempotency-Key</c> header).</param>
    /// <param name="cancellationToken">Cancels the claim; a cancelled claim may be retried with the same key.</param>
    /// <returns>The result; see <see cref="ClaimResult"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="claim"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="idempotencyKey"/> is null or blank.</exception>
    /// <exception cref="ObjectDisposedException">The engine is disposed.</exception>
    public ValueTask<ClaimResult> ClaimAsync(Claim claim, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        cancellationToken.ThrowIfCancellationRequested();
        if (retentionTicks != 0)
        {
            PruneOnCadence(claim.At);
        }

        // The key's hash is computed once: it picks the stripe, finds the key now, and removes it when it is pruned.
        var text = new KeyText(idempotencyKey);
        var shard = outcomes[StripeOf(text)];
        Stored existing = default;
        Task<ClaimResult>? first = null;
        lock (shard.Gate)
        {
            // One hash of the key for the lookup and the add.
            ref var stored = ref shard.Results.GetValueRefOrAddDefault(text, out var exists);
            if (!exists)
            {
                stored = Stored.Running;
            }
            else if (ReferenceEquals(stored.Value, InFlight))
            {
                // A retry while the first call runs: the waiter is made only now, so a claim without a concurrent retry allocates nothing here.
                shard.Waiters ??= new(StringComparer.Ordinal);
                if (!shard.Waiters.TryGetValue(idempotencyKey, out var waiter))
                {
                    waiter = new TaskCompletionSource<ClaimResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                    shard.Waiters.Add(idempotencyKey, waiter);
                }

                first = waiter.Task;
            }
            else
            {
                existing = stored;
            }
        }

        return existing.Value is null
            ? first is null ? RunAsync(claim, text, shard, cancellationToken) : WaitAsync(first, claim, idempotencyKey)
            : new(Replay(existing.Restore(idempotencyKey), claim, idempotencyKey));
    }

    /// <summary>
    /// Forgets what is only needed for retries of old claims: the results of claims made before <paramref name="settledBefore"/>
    /// whose holds all expired before it too, and, in the <see cref="InMemoryBudgetLedger"/>s the engine made itself (the
    /// <see cref="CampaignEngine(CampaignProgramme, IClock, CampaignEngineOptions?)"/> constructor), what
    /// <see cref="InMemoryBudgetLedger.PruneSettled"/> forgets. Balances, days and participant caps do not change.
    /// </summary>
    /// <remarks>
    /// <para>Without pruning, an engine keeps one result per idempotency key for its lifetime (a few hundred bytes a granted
    /// claim with the in-memory ledger's records: the engine's entry and key, and the ledger's reservation record; a ledger the
    /// engine made does not record the claim's key again, a ledger passed in does). Call this from time to time with <c>now - retention</c>, or set
    /// <see cref="CampaignEngineOptions.Retention"/> and the engine calls it itself; the retention must be longer than the longest
    /// time a client may retry a claim and longer than the refund period.</para>
    /// <para>What still holds: a retry of a claim made at or after <paramref name="settledBefore"/>, or of a claim one of whose
    /// grants is held until at or after it, returns the first result exactly (<see cref="ClaimResult.IsReplay"/>), and reserves
    /// nothing: a key grants at most once within the retention. A claim still running is never pruned. Ledgers the engine does not
    /// own are not touched: their owner prunes them. A retry of a pruned claim is evaluated afresh: when its reward comes out the
    /// same (a fixed reward), a ledger that still keeps the reservation replays it; when it differs (a random amount, a red
    /// envelope, a percentage of another order amount), the ledger refuses the key as a conflict, and that denial is the retry's
    /// result.</para>
    /// <para>What is given up: a retry with the key of a pruned claim is taken as a new claim, evaluated afresh at its instant (a
    /// denied claim may then be granted; a granted one may be granted again once its ledger has pruned the reservation too), and a
    /// reservation pruned from an owned ledger can no longer be committed, released, refunded or read.</para>
    /// </remarks>
    /// <param name="settledBefore">The cut-off: results and records settled strictly before it are removed.</param>
    /// <returns>How many claim results, reservations and ledger idempotency records were removed.</returns>
    public CampaignPruneResult PruneSettled(Instant settledBefore)
    {
        var claims = 0;
        if (settledBefore > Instant.MinValue)
        {
            // Keys leave their shard's queue in keep-until order, so a prune costs in proportion to what it removes, not to what
            // is kept. Instants have nanosecond resolution: "before the cut-off" is "at or before the nanosecond before it".
            var last = settledBefore - Duration.Epsilon;
            Span<KeyHandle> batch = stackalloc KeyHandle[PruneBatch];
            var touched = 0L;
            foreach (var shard in outcomes)
            {
                lock (shard.Gate)
                {
                    // What the stripe held since its last prune (only pruning removes results), to size it for the next round.
                    var peak = shard.Results.Count;
                    foreach (var queue in shard.Queues)
                    {
                        int count;
                        do
                        {
                            count = 0;
                            while (count < batch.Length && queue.Keys.TryDequeueDue(last, out var handle, out _))
                            {
                                batch[count++] = handle;
                            }

                            // The keys of a batch live far apart in a large index: reading them all first lets their cache
                            // misses overlap, so that the removals then find their memory at hand.
                            for (var i = 0; i < count; i++)
                            {
                                touched ^= shard.Results.Touch(batch[i]);
                            }

                            for (var i = 0; i < count; i++)
                            {
                                // A key is queued once, when its result is stored, with that result's keep-until, and only pruning
                                // removes a stored result: what leaves a queue is due, and still stored where its handle says.
                                var removed = shard.Results.TryRemoveAt(batch[i], out var stored);
                                Debug.Assert(removed && stored.KeepUntil < settledBefore && !ReferenceEquals(stored.Value, InFlight), "A queued key is stored and due.");
                                claims += removed ? 1 : 0;
                            }
                        }
                        while (count == batch.Length);

                        queue.Keys.TrimExcess();
                    }

                    TrimStore(shard, peak);
                }
            }

            pruneTouch = touched;
        }

        int reservations = 0, records = 0;
        foreach (var ledger in ownedLedgers)
        {
            var pruned = ledger.PruneSettled(settledBefore);
            reservations += pruned.Reservations;
            records += pruned.IdempotencyRecords;
        }

        return new CampaignPruneResult(claims, reservations, records);
    }

    /// <summary>Gets the entries the idempotency store has room for, over its stripes (for tests of how it gives memory back).</summary>
    internal int StoreEntryCapacity => outcomes.Sum(shard =>
    {
        lock (shard.Gate)
        {
            return shard.Results.EntryCapacity;
        }
    });

    /// <summary>Commits a grant in full (the order was paid), at the clock's instant unless <paramref name="at"/> is given.</summary>
    /// <param name="grant">The grant.</param>
    /// <param name="at">The instant, or <see langword="null"/> for <see cref="Clock"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ledger's result: refused (with a <see cref="BudgetDenial"/>) when the hold expired, was released, or is unknown.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grant"/> is null.</exception>
    public ValueTask<LedgerResult> CommitAsync(CampaignGrant grant, Instant? at = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return CommitAsync(grant.Reference, grant.Amount, at, cancellationToken);
    }

    /// <summary>Commits <paramref name="amount"/> of a grant (at most what is held; the rest returns to the budget).</summary>
    /// <param name="grant">The grant's reference.</param>
    /// <param name="amount">The amount to commit.</param>
    /// <param name="at">The instant, or <see langword="null"/> for <see cref="Clock"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ledger's result; refused with <see cref="BudgetDenialCode.UnknownReservation"/> for an unknown campaign or reservation.</returns>
    /// <exception cref="ArgumentException">The amount is in another currency than the budget's, or negative.</exception>
    public ValueTask<LedgerResult> CommitAsync(GrantReference grant, Money amount, Instant? at = null, CancellationToken cancellationToken = default) =>
        TryFind(grant, LedgerOperation.Commit, out var entry, out var unknown)
            ? entry.Ledger.CommitAsync(grant.ReservationId, amount, at ?? Clock.GetCurrentInstant(), cancellationToken)
            : new(unknown);

    /// <summary>Releases a grant (the order was cancelled): its amount returns to the budget and the participant's caps.</summary>
    /// <param name="grant">The grant.</param>
    /// <param name="at">The instant, or <see langword="null"/> for <see cref="Clock"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ledger's result.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="grant"/> is null.</exception>
    public ValueTask<LedgerResult> ReleaseAsync(CampaignGrant grant, Instant? at = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return ReleaseAsync(grant.Reference, at, cancellationToken);
    }

    /// <summary>Releases a grant by reference.</summary>
    /// <param name="grant">The grant's reference.</param>
    /// <param name="at">The instant, or <see langword="null"/> for <see cref="Clock"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ledger's result; refused with <see cref="BudgetDenialCode.UnknownReservation"/> for an unknown campaign or reservation.</returns>
    public ValueTask<LedgerResult> ReleaseAsync(GrantReference grant, Instant? at = null, CancellationToken cancellationToken = default) =>
        TryFind(grant, LedgerOperation.Release, out var entry, out var unknown)
            ? entry.Ledger.ReleaseAsync(grant.ReservationId, at ?? Clock.GetCurrentInstant(), cancellationToken)
            : new(unknown);

    /// <summary>Refunds part or all of a committed grant; retrying with the same key refunds once.</summary>
    /// <param name="grant">The grant's reference.</param>
    /// <param name="amount">The amount to refund.</param>
    /// <param name="idempotencyKey">The caller's key for this refund; the ledger key is <c>{key}:{campaignId}:refund</c>.</param>
    /// <param name="at">The instant, or <see langword="null"/> for <see cref="Clock"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The ledger's result.</returns>
    /// <exception cref="ArgumentException"><paramref name="idempotencyKey"/> is null or blank, or the amount's currency is not the budget's.</exception>
    public ValueTask<LedgerResult> RefundAsync(GrantReference grant, Money amount, string idempotencyKey, Instant? at = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return TryFind(grant, LedgerOperation.Refund, out var entry, out var unknown)
            ? entry.Ledger.RefundAsync(
                new RefundRequest(string.Concat(idempotencyKey, entry.KeySuffix, ":refund"), grant.ReservationId, amount, at ?? Clock.GetCurrentInstant()),
                cancellationToken)
            : new(unknown);
    }

    /// <summary>Returns the holds that expired by <paramref name="now"/> to their budgets, in every ledger.</summary>
    /// <param name="now">The instant, or <see langword="null"/> for <see cref="Clock"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many reservations expired.</returns>
    public async ValueTask<int> ExpireDueAsync(Instant? now = null, CancellationToken cancellationToken = default)
    {
        var instant = now ?? Clock.GetCurrentInstant();
        var total = 0;
        foreach (var ledger in Ledgers.Values)
        {
            total += await ledger.ExpireDueAsync(instant, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }

    /// <summary>Reads a grant's reservation from its ledger.</summary>
    /// <param name="grant">The grant's reference.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The reservation, or <see langword="null"/> when the campaign or the reservation is unknown.</returns>
    public ValueTask<ReservationInfo?> GetReservationAsync(GrantReference grant, CancellationToken cancellationToken = default) =>
        grant.CampaignId is not null && byId.TryGetValue(grant.CampaignId, out var entry)
            ? entry.Ledger.GetReservationAsync(grant.ReservationId, cancellationToken)
            : new((ReservationInfo?)null);

    /// <summary>Disposes the engine's meter (when the engine created it).</summary>
    public void Dispose() => metrics.Dispose();

    private static Dictionary<string, IBudgetLedger> MakeLedgers(CampaignProgramme programme, Func<string, BudgetTree, IBudgetLedger> factory) =>
        programme.Budgets.ToDictionary(
            b => b.Key,
            b => factory(b.Key, b.Value) ?? throw new ArgumentNullException(nameof(factory), $"The ledger factory returned null for budget '{b.Key}'."),
            StringComparer.Ordinal);

    private static DenialReason NoReward(Campaign campaign, RewardOutcome outcome) =>
        new(campaign.Id, outcome.Reason == NoRewardReason.PoolExhausted ? ClaimDenialCodes.PoolExhausted : ClaimDenialCodes.NoReward,
            outcome.Message.Length > 0 ? outcome.Message : "The reward policy gives nothing for this claim.")
        { RewardReason = outcome.Reason };

    private static DenialReason FromBudget(Campaign campaign, BudgetDenial denial) =>
        new(campaign.Id, denial.ReasonCode, denial.Message) { NodePath = denial.NodePath, BudgetDenial = denial };

    private static DenialReason OutsideWindow(Campaign campaign, Claim claim)
    {
        var window = campaign.Schedule.Window;
        var interval = claim.Participant.HomeZone is { } zone && window.TimeReference == Time.WindowTimeReference.Participant
            ? window.GetInterval(zone)
            : window.Interval;
        return claim.At < interval.Start
            ? new(campaign.Id, ClaimDenialCodes.WindowNotStarted, $"The campaign opens at {interval.Start}; the claim is at {claim.At}.")
            : claim.At >= interval.End
                ? new(campaign.Id, ClaimDenialCodes.WindowEnded, $"The campaign ended at {interval.End}; the claim is at {claim.At}.")
                : new(campaign.Id, ClaimDenialCodes.OutsideSlots, $"The claim at {claim.At} falls outside every slot of the campaign.");
    }

    /// <summary>Marks the offers priority and stacking would select, as a claim would if every budget had room.</summary>
    private void SelectOffers(List<CampaignOffer> offers)
    {
        if (offers.Count == 0)
        {
            return;
        }

        var mode = StackingOf(offers[0]);
        var best = -1;
        for (var i = 0; i < offers.Count; i++)
        {
            var own = StackingOf(offers[i]);
            offers[i] = offers[i] with { IsSelected = mode == StackingMode.Exclusive ? i == 0 : mode == StackingMode.Stackable && own == StackingMode.Stackable };
            if (mode == StackingMode.BestForParticipant && own == StackingMode.BestForParticipant &&
                (best < 0 || Better(offers[i].Amount ?? offers[i].Maximum, offers[best].Amount ?? offers[best].Maximum)))
            {
                best = i;
            }
        }

        if (best >= 0)
        {
            offers[best] = offers[best] with { IsSelected = true };
        }

        StackingMode StackingOf(CampaignOffer offer) => byId[offer.CampaignId].Campaign.Stacking;
    }

    private static bool Better(Money candidate, Money best) => candidate.Currency == best.Currency && candidate.MinorUnits > best.MinorUnits;

    private bool TryFind(GrantReference grant, LedgerOperation operation, out Entry entry, out LedgerResult unknown)
    {
        if (grant.CampaignId is not null && byId.TryGetValue(grant.CampaignId, out entry!))
        {
            unknown = default;
            return true;
        }

        entry = null!;
        unknown = LedgerResult.Refused(operation, grant.ReservationId, new BudgetDenial(
            BudgetDenialCode.UnknownReservation, $"The engine has no campaign '{grant.CampaignId}'; {grant} is unknown."));
        return false;
    }

    private static Shard[] CreateShards()
    {
        var shards = new Shard[ShardCount];
        for (var i = 0; i < shards.Length; i++)
        {
            shards[i] = new Shard();
        }

        return shards;
    }

    /// <summary>The stripe of a key: the top bits of its hash, computed once (the stripe's dictionary uses the same hash modulo a prime).</summary>
    private static int StripeOf(KeyText key) => (int)((uint)key.GetHashCode() >> (32 - StripeBits));

    private static ClaimResult Replay(ClaimResult first, Claim claim, string key) =>
        string.Equals(first.ParticipantId, claim.Participant.Id, StringComparison.Ordinal)
            ? first.AsReplay()
            : new ClaimResult(key, claim.Participant.Id, null, [new DenialReason(null, ClaimDenialCodes.KeyConflict,
                $"The idempotency key '{key}' was used for a claim by another participant; use a new key for a new claim.")], false);

    /// <summary>A retry that arrives while the first call with its key is still running waits for its result.</summary>
    private static async ValueTask<ClaimResult> WaitAsync(Task<ClaimResult> first, Claim claim, string key) =>
        Replay(await first.ConfigureAwait(false), claim, key);

    private async ValueTask<ClaimResult> RunAsync(Claim claim, KeyText text, Shard shard, CancellationToken cancellationToken)
    {
        ClaimResult result;
        Entry? single;
        var key = text.Head;
        TaskCompletionSource<ClaimResult>? waiting = null;
        try
        {
            (result, single) = await HandleAsync(claim, key, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            // Forget the key so that the claim can be retried; retries already waiting see the same failure.
            lock (shard.Gate)
            {
                shard.Results.Remove(text);
                shard.Waiters?.Remove(key, out waiting);
            }

            waiting?.SetException(e);
            throw;
        }

        Exception? failure = null;
        lock (shard.Gate)
        {
            try
            {
                // Overwriting the in-flight value never grows the index; if the queue cannot grow, the key is forgotten (see
                // below), not stored for ever without a way to prune it.
                var stored = Stored.From(result, single);
                var handle = shard.Results.Set(text, stored);
                shard.Queue(stored.KeepUntil - claim.At).Enqueue(handle, stored.KeepUntil);
            }
            catch (Exception e)
            {
                // Still running to retries (they wait) until the holds the engine keeps the keys of are given back.
                shard.Results.Set(text, Stored.Running);
                failure = e;
            }

            if (failure is null)
            {
                shard.Waiters?.Remove(key, out waiting);
            }
        }

        if (failure is not null)
        {
            // Forgotten, so that the claim can be retried: a ledger that records its keys replays the retry; where the engine
            // keeps them, the holds go back first (outside the store's lock: a ledger's lock is never taken inside it). Whatever
            // happens while releasing, the key is forgotten and the waiters hear of the failure.
            try
            {
                foreach (var grant in result.Grants)
                {
                    ReleaseKept(byId[grant.CampaignId], grant);
                }
            }
            finally
            {
                lock (shard.Gate)
                {
                    shard.Results.Remove(text);
                    shard.Waiters?.Remove(key, out waiting);
                }

                waiting?.SetException(failure);
            }

            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(failure);
        }

        waiting?.SetResult(result);
        return result;
    }

    /// <summary>
    /// Releases a grant of a claim that failed when the engine made it in a ledger whose keys it keeps (a retry would not meet
    /// it); a grant replayed from a reservation made directly with the claim's ledger key is its maker's, and is left alone.
    /// </summary>
    /// <returns><see langword="true"/> when the hold was released.</returns>
    private static bool ReleaseKept(Entry entry, CampaignGrant grant) =>
        entry.KeepsKeys && entry.InMemory!.ReleaseUnrecorded(grant.ReservationId, grant.ReservedAt);

    /// <summary>
    /// Finds the reservation a claim made in <paramref name="ledger"/> under the ledger key <paramref name="key"/>
    /// (<c>{claimKey}:{campaignId}</c>): for a caller who reserves in a ledger the engine made, directly, with a claim's key.
    /// </summary>
    private bool TryFindReservation(InMemoryBudgetLedger ledger, in KeyText key, bool wait, out long reservationId, out Task? running)
    {
        running = null;
        string? text = null;
        foreach (var entry in entries)
        {
            var suffix = entry.KeySuffix;
            if (!ReferenceEquals(entry.InMemory, ledger) || key.Length <= suffix.Length)
            {
                continue;
            }

            text ??= key.ToString();
            if (!text.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var head = new KeyText(text[..^suffix.Length]);
            var shard = outcomes[StripeOf(head)];
            Stored stored;
            lock (shard.Gate)
            {
                if (!shard.Results.TryGetValue(head, out stored))
                {
                    continue;
                }

                if (ReferenceEquals(stored.Value, InFlight))
                {
                    reservationId = 0;
                    if (!wait)
                    {
                        running = Task.CompletedTask;
                        return false;
                    }

                    // The claim is running and may reserve under this key at any moment: the caller waits for it, as a retry does.
                    shard.Waiters ??= new(StringComparer.Ordinal);
                    if (!shard.Waiters.TryGetValue(head.Head, out var waiter))
                    {
                        waiter = new TaskCompletionSource<ClaimResult>(TaskCreationOptions.RunContinuationsAsynchronously);
                        shard.Waiters.Add(head.Head, waiter);
                    }

                    running = waiter.Task;
                    return false;
                }
            }

            if (stored.Value is Entry single)
            {
                if (ReferenceEquals(single, entry))
                {
                    reservationId = stored.ReservationId;
                    return true;
                }
            }
            else if (stored.Value is ClaimResult result)
            {
                foreach (var grant in result.Grants)
                {
                    if (string.Equals(grant.CampaignId, entry.Campaign.Id, StringComparison.Ordinal))
                    {
                        reservationId = grant.ReservationId.Value;
                        return true;
                    }
                }
            }
        }

        reservationId = 0;
        return false;
    }

    /// <summary>
    /// Gives a stripe's memory back after a burst: when its index is more than four times larger than what it held since the last
    /// prune (<paramref name="peak"/>), it is packed to that size, and the handles queued for pruning follow their keys. A stripe
    /// pruned in cycles keeps its working size. Called under the stripe's lock.
    /// </summary>
    private static void TrimStore(Shard shard, int peak)
    {
        var results = shard.Results;
        if (Math.Max(results.Capacity / 2, results.EntryCapacity) > 4 * Math.Max(peak, 64) &&
            results.TrimExcess(Math.Max(peak, results.Count), out var moved))
        {
            // Each queue is rewritten all or nothing; should one fail for want of memory after the pack, its handles go stale
            // and its keys are never pruned (a removal by a stale handle is refused unless another key with the same 32-bit hash
            // now lives at that entry): a leak, all but never a wrong answer.
            foreach (var queue in shard.Queues)
            {
                queue.Keys.Map(handle => new KeyHandle(moved[handle.Entry], handle.Hash));
            }
        }
    }

    /// <summary>Prunes with <c>at - retention</c> when a claim's instant passes the next cadence point; one caller wins each point.</summary>
    private void PruneOnCadence(Instant at)
    {
        var ticks = at.ToUnixTimeTicks();
        var next = Volatile.Read(ref nextPruneTicks);
        if (ticks < next)
        {
            return;
        }

        // A claim's instant comes from the caller: never prune past the engine's clock, so that one claim stamped far ahead (a
        // wrong client clock, a crafted request) cannot make the engine forget claims still within their retention, nor push the
        // next cadence point into the future. The clock is read only when a claim passes a cadence point.
        ticks = Math.Min(ticks, Clock.GetCurrentInstant().ToUnixTimeTicks());
        if (ticks < next || Interlocked.CompareExchange(ref nextPruneTicks, ticks + cadenceTicks, next) != next)
        {
            return;
        }

        var cutoff = ticks - retentionTicks;
        if (cutoff > Instant.MinValue.ToUnixTimeTicks())
        {
            PruneSettled(Instant.FromUnixTimeTicks(cutoff));
        }
    }

    /// <summary>Handles a claim; returns the result and, when it is one grant and nothing else, the entry that granted it.</summary>
    private async ValueTask<(ClaimResult Result, Entry? Single)> HandleAsync(Claim claim, string key, CancellationToken cancellationToken)
    {
        using var activity = EngineMetrics.Source.StartActivity(IncentivesDiagnostics.ClaimActivity);
        var started = metrics.DurationEnabled ? Stopwatch.GetTimestamp() : 0L;
        var slots = ArrayPool<Slot>.Shared.Rent(entries.Length);
        try
        {
            Collect(claim, slots);
            var count = entries.Length;
            for (var i = 0; i < count; i++)
            {
                if (slots[i].Done)
                {
                    continue;
                }

                bool granted;
                switch (slots[i].Entry.Campaign.Stacking)
                {
                    case StackingMode.Stackable:
                        granted = false;
                        for (var j = i; j < count; j++)
                        {
                            if (!slots[j].Done && slots[j].Entry.Campaign.Stacking == StackingMode.Stackable)
                            {
                                granted |= await TryGrantAsync(slots, j, claim, key, cancellationToken).ConfigureAwait(false);
                            }
                        }

                        break;
                    case StackingMode.BestForParticipant:
                        granted = await GrantBestAsync(slots, i, count, claim, key, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        granted = await TryGrantAsync(slots, i, claim, key, cancellationToken).ConfigureAwait(false);
                        break;
                }

                if (granted)
                {
                    NotSelected(slots, count);
                    break;
                }
            }

            var result = Finish(claim, key, slots, count, out var single);
            Report(result, activity, started);
            return (result, single);
        }
        catch
        {
            // The key is forgotten (see RunAsync), so a retry reserves afresh: holds this claim made in ledgers whose keys the
            // engine keeps go back now, so that a failed claim leaves every balance as it was.
            for (var i = 0; i < entries.Length; i++)
            {
                ref var slot = ref slots[i];
                if (slot.Grant is { } grant ? ReleaseKept(slot.Entry, grant) : slot.HasReward && !slot.Done)
                {
                    // A reward drawn for a hold given back, or not yet decided, goes back to its policy (a red envelope to its pool).
                    slot.Entry.Campaign.Reward.ReturnUnused(slot.Reward);
                }
            }

            throw;
        }
        finally
        {
            // Only the slots this engine used hold references (a pooled array is longer, and comes back cleared): clearing the
            // whole array would cost more than the claim's campaigns do.
            Array.Clear(slots, 0, entries.Length);
            ArrayPool<Slot>.Shared.Return(slots);
        }
    }

    /// <summary>Checks window, eligibility and route of every campaign; a slot that fails gets its denial and is done.</summary>
    private void Collect(Claim claim, Slot[] slots)
    {
        for (var i = 0; i < entries.Length; i++)
        {
            var entry = entries[i];
            var campaign = entry.Campaign;
            slots[i] = new Slot { Entry = entry };
            if (!campaign.Schedule.Contains(claim.At, claim.Participant.HomeZone))
            {
                slots[i].Deny(OutsideWindow(campaign, claim));
                continue;
            }

            if (campaign.Evaluator is { } evaluator && !evaluator.IsEligible(claim))
            {
                var explained = evaluator.Explain(claim);
                slots[i].Deny(new DenialReason(campaign.Id, ClaimDenialCodes.NotEligible, explained.ToString()) { EligibilityFailures = explained.Failures });
                continue;
            }

            var node = entry.NodeFor(claim.Channel, claim.Category);
            if (node is null)
            {
                slots[i].Deny(new DenialReason(campaign.Id, ClaimDenialCodes.NoBudgetNode,
                    $"The route {campaign.Route} gives no node of budget '{campaign.BudgetId}' for channel '{claim.Channel}' and category '{claim.Category ?? "(none)"}'."));
                continue;
            }

            slots[i].Node = node;
        }
    }

    private bool Evaluate(Slot[] slots, int index, Claim claim)
    {
        ref var slot = ref slots[index];
        if (!slot.HasReward)
        {
            slot.Reward = slot.Entry.Campaign.Reward.EvaluateOrder(claim.OrderAmount, claim.Participant.Id, random);
            slot.HasReward = true;
            if (!slot.Reward.IsRewarded)
            {
                slot.Deny(NoReward(slot.Entry.Campaign, slot.Reward));
                return false;
            }
        }

        return !slot.Done;
    }

    private async ValueTask<bool> TryGrantAsync(Slot[] slots, int index, Claim claim, string key, CancellationToken cancellationToken)
    {
        if (!Evaluate(slots, index, claim))
        {
            return false;
        }

        var entry = slots[index].Entry;
        var campaign = entry.Campaign;
        var node = slots[index].Node!;
        var amount = slots[index].Reward.Amount;
        var expires = claim.At + campaign.Hold;
        ReserveResult reserved;
        if (entry.InMemory is { } inMemory && (entry.KeepsKeys || !inMemory.HasKeyOwner))
        {
            // The in-memory ledger takes the key and its suffix apart: no ledger key string per claim, same key as the joined text.
            cancellationToken.ThrowIfCancellationRequested();
            reserved = inMemory.Reserve(new ReserveRequest(key, node.Path, claim.Participant.Id, amount, claim.At, expires), entry.KeySuffix, recordKey: !entry.KeepsKeys);
        }
        else
        {
            reserved = await entry.Ledger.ReserveAsync(
                new ReserveRequest(string.Concat(key, entry.KeySuffix), node.Path, claim.Participant.Id, amount, claim.At, expires), cancellationToken).ConfigureAwait(false);
        }

        if (!reserved.IsReserved)
        {
            // A drawn reward that is not granted goes back to its policy (a red-envelope pool takes the envelope back).
            campaign.Reward.ReturnUnused(slots[index].Reward);
            slots[index].Deny(FromBudget(campaign, reserved.Denial!));
            return false;
        }

        slots[index].Grant = new CampaignGrant(campaign.Id, campaign.BudgetId, node.Path, reserved.ReservationId, reserved.Amount, claim.At, expires);
        slots[index].Done = true;
        return true;
    }

    /// <summary>Evaluates every open best-for-participant campaign and grants the best one whose budget has room.</summary>
    private async ValueTask<bool> GrantBestAsync(Slot[] slots, int from, int count, Claim claim, string key, CancellationToken cancellationToken)
    {
        for (var j = from; j < count; j++)
        {
            if (!slots[j].Done && slots[j].Entry.Campaign.Stacking == StackingMode.BestForParticipant)
            {
                Evaluate(slots, j, claim);
            }
        }

        while (true)
        {
            var best = -1;
            for (var j = from; j < count; j++)
            {
                if (!slots[j].Done && slots[j].HasReward && slots[j].Entry.Campaign.Stacking == StackingMode.BestForParticipant &&
                    (best < 0 || Better(slots[j].Reward.Amount, slots[best].Reward.Amount)))
                {
                    best = j;
                }
            }

            if (best < 0)
            {
                return false;
            }

            if (await TryGrantAsync(slots, best, claim, key, cancellationToken).ConfigureAwait(false))
            {
                return true;
            }
        }
    }

    /// <summary>After a grant, every campaign still open was not selected; a reward already drawn for it goes back.</summary>
    private static void NotSelected(Slot[] slots, int count)
    {
        string? chosen = null;
        for (var i = 0; i < count; i++)
        {
            if (slots[i].Grant is { } grant)
            {
                chosen = chosen is null ? grant.CampaignId : chosen + ", " + grant.CampaignId;
            }
        }

        for (var i = 0; i < count; i++)
        {
            ref var slot = ref slots[i];
            if (slot.Done)
            {
                continue;
            }

            if (slot.HasReward)
            {
                slot.Entry.Campaign.Reward.ReturnUnused(slot.Reward);
            }

            slot.Deny(new DenialReason(slot.Entry.Campaign.Id, ClaimDenialCodes.NotSelected,
                $"The campaign applies, but priority and stacking chose {chosen} ({slot.Entry.Campaign.Stacking}, priority {slot.Entry.Campaign.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)})."));
        }
    }

    private static ClaimResult Finish(Claim claim, string key, Slot[] slots, int count, out Entry? single)
    {
        int grants = 0, denials = 0;
        for (var i = 0; i < count; i++)
        {
            if (slots[i].Grant is not null)
            {
                grants++;
            }
            else if (slots[i].Denial is not null)
            {
                denials++;
            }
        }

        var grantArray = grants == 0 ? null : new CampaignGrant[grants];
        var denialArray = count == 0
            ? [new DenialReason(null, ClaimDenialCodes.NoCampaigns, "The engine has no campaigns.")]
            : denials == 0 ? null : new DenialReason[denials];
        int g = 0, d = 0;
        var keepUntil = claim.At;
        single = null;
        for (var i = 0; i < count; i++)
        {
            if (slots[i].Grant is { } grant)
            {
                single = grants == 1 && denials == 0 ? slots[i].Entry : null;
                grantArray![g++] = grant;
                keepUntil = Instant.Max(keepUntil, grant.ExpiresAt);
            }
            else if (slots[i].Denial is { } denial)
            {
                denialArray![d++] = denial;
            }
        }

        return new ClaimResult(key, claim.Participant.Id, grantArray, denialArray, false, keepUntil);
    }

    private void Report(ClaimResult result, Activity? activity, long started)
    {
        // Index loops: a foreach over IReadOnlyList<T> would allocate an enumerator per claim.
        var grants = result.Grants;
        for (var i = 0; i < grants.Count; i++)
        {
            metrics.Grant(grants[i].CampaignId, grants[i].Amount);
        }

        var denials = result.Denials;
        for (var i = 0; i < denials.Count; i++)
        {
            metrics.Denial(denials[i].CampaignId ?? string.Empty, denials[i].Code);
        }

        var reason = result.IsGranted || result.Denials.Count == 0 ? null : result.Denials[0].Code;
        metrics.Claim(result.IsGranted, reason, started == 0 ? null : Stopwatch.GetElapsedTime(started).TotalSeconds);
        if (activity is not null)
        {
            activity.SetTag(IncentivesDiagnostics.OutcomeTag, result.IsGranted ? IncentivesDiagnostics.Granted : IncentivesDiagnostics.Denied);
            activity.SetTag(IncentivesDiagnostics.GrantedCampaignsTag, string.Join(',', result.Grants.Select(g => g.CampaignId)));
            activity.SetTag(IncentivesDiagnostics.CampaignTag, string.Join(',', entries.Select(e => e.Campaign.Id)));
            if (reason is not null)
            {
                activity.SetTag(IncentivesDiagnostics.ReasonTag, reason);
            }
        }
    }

    /// <summary>
    /// One stripe of the idempotency store, under one lock: what is kept per key (<see cref="Stored"/>),
    /// and the waiters of retries that arrived while the first call ran.
    /// </summary>
    private sealed class Shard
    {
        public Lock Gate { get; } = new();

        public KeyIndex<Stored> Results { get; } = new();

        /// <summary>
        /// The keys of <see cref="Results"/> (once decided) by the instant until which they must be kept, one queue per time
        /// kept after the claim (none for a denial, the longest hold for a grant), so that each queue receives its keys nearly in
        /// order (claims completing out of order go to the queue's heap).
        /// </summary>
        public List<KeptFor> Queues { get; } = [];

        public Dictionary<string, TaskCompletionSource<ClaimResult>>? Waiters { get; set; }

        /// <summary>Returns the queue of results kept for <paramref name="offset"/> after their claim (a few: one per hold).</summary>
        public ExpiryQueue<KeyHandle> Queue(Duration offset)
        {
            foreach (var queue in Queues)
            {
                if (queue.Offset == offset)
                {
                    return queue.Keys;
                }
            }

            var added = new KeptFor(offset, new ExpiryQueue<KeyHandle>());
            Queues.Add(added);
            return added.Keys;
        }
    }

    /// <summary>The keys of the results kept for <see cref="Offset"/> after their claim.</summary>
    private sealed record KeptFor(Duration Offset, ExpiryQueue<KeyHandle> Keys);

    /// <summary>
    /// The idempotency store's value for one key, with the instant until which it must be kept (the key is also queued with that
    /// instant, for pruning). <see cref="Value"/> is <see cref="InFlight"/> while the first call runs, then either the result, or, for a claim
    /// granted by one campaign with nothing else to report (the common case), that campaign's <see cref="Entry"/> with the grant's
    /// varying fields inline: the returned objects are then not kept alive for the retention (which would promote every claim's
    /// result, array and grant into the garbage collector's older generations), and a retry rebuilds an equal result.
    /// </summary>
    private struct Stored
    {
        public object? Value;
        public Instant KeepUntil;
        public string? ParticipantId;
        public string? NodePath;
        public long AmountUnits;
        public long ReservationId;

        public static Stored Running => new() { Value = InFlight, KeepUntil = Instant.MaxValue };

        public static Stored From(ClaimResult result, Entry? single)
        {
            if (single is not null)
            {
                var grant = result.Grants[0];
                var campaign = single.Campaign;
                // Rebuilt from the entry on a retry, so it must be what the entry gives: always true for a grant made by TryGrantAsync
                // (a hold is positive, so the result is kept until the grant expires, and the claim's instant is that minus the hold).
                if (ReferenceEquals(grant.CampaignId, campaign.Id) && ReferenceEquals(grant.BudgetId, campaign.BudgetId) &&
                    grant.Amount.Currency == single.Ledger.Tree.Currency && grant.ExpiresAt == grant.ReservedAt + campaign.Hold &&
                    result.KeepUntil == grant.ExpiresAt)
                {
                    return new()
                    {
                        Value = single,
                        KeepUntil = result.KeepUntil,
                        ParticipantId = result.ParticipantId,
                        NodePath = grant.NodePath,
                        AmountUnits = grant.Amount.MinorUnits,
                        ReservationId = grant.ReservationId.Value,
                    };
                }
            }

            return new() { Value = result, KeepUntil = result.KeepUntil };
        }

        /// <summary>The first result (not marked as a replay): the one kept, or one rebuilt equal to it.</summary>
        public readonly ClaimResult Restore(string key)
        {
            if (Value is not Entry entry)
            {
                return (ClaimResult)Value!;
            }

            var campaign = entry.Campaign;
            var grant = new CampaignGrant(campaign.Id, campaign.BudgetId, NodePath!, new ReservationId(ReservationId),
                Money.FromMinorUnits(AmountUnits, entry.Ledger.Tree.Currency), KeepUntil - campaign.Hold, KeepUntil);
            return new ClaimResult(key, ParticipantId!, [grant], null, false, KeepUntil);
        }
    }

    /// <summary>One campaign's state during one claim.</summary>
    private struct Slot
    {
        public Entry Entry;
        public BudgetNode? Node;
        public RewardOutcome Reward;
        public bool HasReward;
        public bool Done;
        public CampaignGrant? Grant;
        public DenialReason? Denial;

        public void Deny(DenialReason reason)
        {
            Denial = reason;
            Done = true;
        }
    }

    /// <summary>A campaign with its ledger and its cache of resolved budget nodes.</summary>
    private sealed class Entry(Campaign campaign, IBudgetLedger ledger)
    {
        private readonly ConcurrentDictionary<(string Channel, string? Category), Route> routes = new();

        /// <summary>The route of the last claim: most claims repeat the channel and category of the one before, and two string
        /// comparisons cost less than hashing both. A reference is read and written atomically, so no lock is needed.</summary>
        private Route? last;

        public Campaign Campaign { get; } = campaign;

        public IBudgetLedger Ledger { get; } = ledger;

        /// <summary>The ledger when it is the in-memory one, which the engine calls directly.</summary>
        public InMemoryBudgetLedger? InMemory { get; } = ledger as InMemoryBudgetLedger;

        public string KeySuffix { get; } = ":" + campaign.Id;

        /// <summary>Gets or sets a value indicating whether the engine made the in-memory ledger and keeps its claims' keys itself.</summary>
        public bool KeepsKeys { get; set; }

        public BudgetNode? NodeFor(string channel, string? category)
        {
            var hit = last;
            if (hit is not null && string.Equals(hit.Channel, channel, StringComparison.Ordinal) && string.Equals(hit.Category, category, StringComparison.Ordinal))
            {
                return hit.Node;
            }

            if (routes.TryGetValue((channel, category), out hit))
            {
                last = hit;
                return hit.Node;
            }

            var tree = Ledger.Tree;
            var route = Campaign.Route;
            if (!tree.TryGetNode(route.Resolve(channel, category), out var node) && !tree.TryGetNode(route.Fallback, out node))
            {
                node = null;
            }

            // Channels and categories come from callers: a bounded cache cannot be grown without limit by odd input.
            if (routes.Count < RouteCacheLimit)
            {
                hit = new Route(channel, category, node);
                routes.TryAdd((channel, category), hit);
                last = hit;
            }

            return node;
        }
    }

    /// <summary>The engine as the keeper of its claims' ledger keys in the ledgers it made.</summary>
    private sealed class KeyOwner(CampaignEngine engine) : ILedgerKeyOwner
    {
        public bool TryFindReservation(InMemoryBudgetLedger ledger, in KeyText key, bool wait, out long reservationId, out Task? running) =>
            engine.TryFindReservation(ledger, key, wait, out reservationId, out running);
    }

    /// <summary>A resolved route: the node (or none) for a channel and category.</summary>
    private sealed record Route(string Channel, string? Category, BudgetNode? Node);
}
