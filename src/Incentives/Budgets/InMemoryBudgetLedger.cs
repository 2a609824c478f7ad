using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;
using NodaTime;

namespace Incentives.Budgets;

/// <summary>
/// The embedded, thread-safe <see cref="IBudgetLedger"/>: all state in memory, every operation under one lock.
/// </summary>
/// <remarks>
/// <para>One lock per ledger makes every operation linearizable: a reservation checks and updates the node, its
/// ancestors, their days and the participant's caps as one step, and a snapshot never sees half an operation.
/// The critical section is short: one look-up of the idempotency key (hashed once, before the lock), a few array reads
/// and writes per level, an array write for the reservation record and one for its expiry. Use one ledger per campaign
/// tree.</para>
/// <para>Reservation records (which are also the idempotency records of granted requests) are stored inline in
/// chunked arrays indexed by their sequential id, so a reservation and a commit allocate nothing once the ledger has
/// reached its working size; expiries that arrive in order (the usual case: a fixed hold from a ledger time that only
/// moves forward) are queued first-in-first-out, others in a heap. Idempotency records and settled reservations are
/// kept (refunds and retries need them) until <see cref="PruneSettled"/> forgets those older than a retention cut-off;
/// call it periodically so that memory stays bounded. Settled reservations and refused keys are queued in the order they
/// were decided, so pruning costs in proportion to what it forgets, not to what is kept.</para>
/// <para>A ledger made by a <see cref="Campaigns.CampaignEngine"/> from a programme leaves its claims' idempotency keys
/// (<c>{key}:{campaignId}</c>) to the engine, which already remembers every claim: it records no key for them, and asks the
/// engine when a caller reserves or refunds in it directly with such a key, so that the key replays (or conflicts) as if the
/// ledger had recorded it.</para>
/// <para>Nothing survives the process, and two processes do not share a ledger: for that, use a durable
/// implementation that passes the same contract tests.</para>
/// </remarks>
/// <threadsafety>All members are thread-safe.</threadsafety>
public sealed class InMemoryBudgetLedger : IBudgetLedger
{
    private readonly Lock gate = new();
    private readonly int dayCount;
    private readonly BudgetNode[] nodes;
    private readonly long[] limits;
    private readonly long[] reserved;
    private readonly long[] committed;
    private readonly long[] dayReserved;
    private readonly long[] dayCommitted;
    private readonly KeyIndex<KeyEntry> keys = new();
    private readonly ExpiryQueue<KeyText> refusedKeys = new(); // refused reservations and refunds, by the ledger time they were decided
    private readonly Dictionary<long, List<KeyText>> refundKeys = []; // successful refunds' keys, by reservation id: pruned with it
    private readonly SequentialTable<Reservation> table = new();
    private readonly Dictionary<string, CapUsage[]> participants = new(StringComparer.Ordinal);
    private readonly ExpiryQueue<long> expiries = new();
    private readonly ExpiryQueue<long> settled = new();
    private ILedgerKeyOwner? keyOwner;
    private Instant now = Instant.MinValue;

    /// <summary>Initializes an empty ledger for <paramref name="tree"/>: nothing reserved or committed.</summary>
    /// <param name="tree">The budget tree.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> is null.</exception>
    public InMemoryBudgetLedger(BudgetTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        Tree = tree;
        dayCount = tree.DayCount;
        nodes = [.. tree.Nodes];
        limits = Array.ConvertAll(nodes, n => n.Limit.MinorUnits);
        reserved = new long[nodes.Length];
        committed = new long[nodes.Length];
        dayReserved = new long[nodes.Length * dayCount];
        dayCommitted = new long[nodes.Length * dayCount];
    }

    /// <inheritdoc />
    public BudgetTree Tree { get; }

    /// <inheritdoc />
    public ValueTask<ReserveResult> ReserveAsync(ReserveRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var result = Reserve(request, null, recordKey: true, out var running);
        return running is null ? new(result) : ReserveAfterAsync(request, running, cancellationToken);
    }

    /// <inheritdoc />
    public ValueTask<LedgerResult> CommitAsync(ReservationId id, Money amount, Instant instant, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(Commit(id, amount, instant));
    }

    /// <inheritdoc />
    public ValueTask<LedgerResult> ReleaseAsync(ReservationId id, Instant instant, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(Release(id, instant));
    }

    /// <inheritdoc />
    public ValueTask<LedgerResult> RefundAsync(RefundRequest request, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(Refund(request));
    }

    /// <inheritdoc />
    public ValueTask<int> ExpireDueAsync(Instant now, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            return new(Advance(now));
        }
    }

    /// <inheritdoc />
    public ValueTask<ReservationInfo?> GetReservationAsync(ReservationId id, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(GetReservation(id));
    }

    /// <inheritdoc />
    public ValueTask<LedgerSnapshot> GetSnapshotAsync(Instant at, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return new(GetSnapshot(at));
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<ParticipantCapUsage>> GetParticipantUsageAsync(string participantId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(participantId);
        cancellationToken.ThrowIfCancellationRequested();
        return new(GetParticipantUsage(participantId));
    }

    /// <summary>
    /// Forgets what is only needed for retries of old requests: reservations settled (committed, released, expired or
    /// last refunded) before <paramref name="settledBefore"/>, with their idempotency keys and refund keys, and the keys of
    /// reservations and refunds that were refused before it. Balances, days and participant caps do not change.
    /// </summary>
    /// <remarks>
    /// <para>Without pruning, a ledger keeps one record per reservation and per refund for its lifetime. Call this
    /// from time to time with <c>now - retention</c>, where the retention is longer than the longest time a client
    /// may retry a request and longer than the refund period.</para>
    /// <para>What still holds: every request whose instant is at or after <paramref name="settledBefore"/>, and every
    /// request on a reservation that is still held or was settled at or after it, is replayed exactly as before.
    /// Held reservations are never pruned. A retried refund of a pruned reservation is refused as
    /// <see cref="BudgetDenialCode.UnknownReservation"/>, so money is never refunded twice. A refused reservation
    /// whose key is pruned is decided afresh on a retry, so a key still grants at most once.</para>
    /// <para>What is given up: a retry with the key of a pruned <em>granted</em> reservation is taken as a new
    /// request (it may reserve again), and a pruned reservation can no longer be committed, released, refunded or read
    /// (<see cref="GetReservationAsync"/> returns null). Participant cap usage is kept for the campaign: caps need it.</para>
    /// </remarks>
    /// <param name="settledBefore">The cut-off: records settled or refused strictly before it are removed.</param>
    /// <returns>How many reservations and idempotency records were removed.</returns>
    public LedgerPruneResult PruneSettled(Instant settledBefore)
    {
        lock (gate)
        {
            // What was held since the last prune (only pruning removes keys, records and chunks), to size the collections
            // for the next round; the expiry queue keeps its own high-water mark.
            var peakKeys = keys.Count;
            var peakChunks = table.ChunkCount;
            var (prunedReservations, prunedKeys) = PruneReservations(settledBefore);
            if (settledBefore > Instant.MinValue)
            {
                // Decided at the ledger's time, which only moves forward: the queue hands them out in order.
                while (refusedKeys.TryDequeueDue(settledBefore - Duration.Epsilon, out var key, out _))
                {
                    keys.Remove(key);
                    prunedKeys++;
                }
            }

            // Give memory back only when a collection is far larger than the last round needed, so that a ledger pruned
            // in cycles keeps its working size and does not reallocate it every round.
            if (Math.Max(keys.Capacity / 2, keys.EntryCapacity) > 4 * Math.Max(peakKeys, 64) && keys.TrimExcess(Math.Max(peakKeys, keys.Count)))
            {
                // The index packed its entries: every live reservation learns again where its key lives.
                for (var i = table.NextLive(0); i >= 0; i = table.NextLive(i + 1))
                {
                    ref var r = ref table.Find(i, out _);
                    if (r.KeyEntry >= 0)
                    {
                        keys.TryGetHandle(r.Key, out var handle);
                        r.KeyEntry = handle.Entry;
                    }
                }
            }

            table.TrimPool(peakChunks);
            expiries.TrimExcess();
            settled.TrimExcess();
            refusedKeys.TrimExcess();
            return new LedgerPruneResult(prunedReservations, prunedKeys);
        }
    }

    /// <summary>
    /// Removes the reservations settled before <paramref name="settledBefore"/>, with their keys and the keys of their successful
    /// refunds (a refund's key lives as long as its reservation: a retry must replay, not refund twice). They leave the settled
    /// queue in settlement order, so the cost is in proportion to what is removed, not to what is kept.
    /// </summary>
    private (int Reservations, int Keys) PruneReservations(Instant settledBefore)
    {
        if (settledBefore == Instant.MinValue)
        {
            return (0, 0);
        }

        // Instants have nanosecond resolution: "before the cut-off" is "at or before the nanosecond before it".
        var last = settledBefore - Duration.Epsilon;
        int pruned = 0, prunedKeys = 0;
        while (settled.TryDequeueDue(last, out var id, out _))
        {
            // A refund settles a reservation again, later: the entry queued by its earlier settlement is then stale, and skipped.
            ref var r = ref table.Find(id - 1, out var found);
            if (!found || r.State == ReservationState.Held || r.SettledAt >= settledBefore)
            {
                continue;
            }

            // Its key's entry, without reading the key again (every live reservation's key is in the index, where it says).
            // A reservation whose key its owner keeps (KeyEntry < 0) has no entry here.
            if (r.KeyEntry >= 0)
            {
                var removed = keys.TryRemoveAt(new KeyHandle(r.KeyEntry, r.Key.GetHashCode()), out _);
                System.Diagnostics.Debug.Assert(removed, "A reservation's key lives where its record says.");
                prunedKeys += removed ? 1 : 0;
            }

            if (refundKeys.Count > 0 && refundKeys.Remove(id, out var refunds))
            {
                foreach (var key in refunds)
                {
                    keys.Remove(key);
                }

                prunedKeys += refunds.Count;
            }

            table.Remove(id - 1);
            pruned++;
        }

        return (pruned, prunedKeys);
    }

    /// <summary>
    /// Makes <paramref name="owner"/> the keeper of the keys it reserves with <c>recordKey: false</c>: the ledger asks it for keys
    /// it does not know. Set once, by the campaign engine that creates the ledger, before any reservation.
    /// </summary>
    /// <param name="owner">The owner.</param>
    /// <exception cref="InvalidOperationException">The ledger already has an owner.</exception>
    internal void SetKeyOwner(ILedgerKeyOwner owner)
    {
        if (Interlocked.CompareExchange(ref keyOwner, owner, null) is not null)
        {
            throw new InvalidOperationException("The ledger's keys already have an owner.");
        }
    }

    /// <summary>
    /// Reserves with the idempotency key <c>{request.IdempotencyKey}{keySuffix}</c>, without joining the two into a string: the
    /// campaign engine's path, whose ledger keys are <c>{key}:{campaignId}</c>. The key is the same as that text passed whole.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="keySuffix">What follows the request's key in the ledger key, or <see langword="null"/>.</param>
    /// <param name="recordKey">
    /// <see langword="false"/> when the caller is the ledger's key owner (<see cref="SetKeyOwner"/>) and keeps the key itself: a key
    /// the ledger already knows (reserved directly before) is still replayed, but the key is not recorded, and a refusal is not
    /// remembered (the owner remembers it).
    /// </param>
    /// <returns>The result.</returns>
    /// <exception cref="InvalidOperationException">
    /// <paramref name="recordKey"/> is <see langword="true"/>, the ledger has a key owner, and the owner's operation with this key is
    /// still running (the caller must then use <see cref="ReserveAsync"/>, which waits for it; see <see cref="HasKeyOwner"/>).
    /// </exception>
    internal ReserveResult Reserve(in ReserveRequest request, string? keySuffix, bool recordKey)
    {
        var result = Reserve(request, keySuffix, recordKey, out var running);
        return running is null ? result : throw new InvalidOperationException("The key's owner is still running an operation with this key; reserve with ReserveAsync.");
    }

    /// <summary>Gets a value indicating whether a campaign engine keeps the keys of its claims in this ledger (see <see cref="SetKeyOwner"/>).</summary>
    internal bool HasKeyOwner => Volatile.Read(ref keyOwner) is not null;

    /// <summary>
    /// Releases a hold the key owner made (one whose key the ledger did not record), for an owner's operation that failed after
    /// reserving: a hold replayed from a key reserved directly is the direct caller's, and is left alone.
    /// </summary>
    /// <param name="id">The reservation.</param>
    /// <param name="instant">The instant of the release.</param>
    /// <returns><see langword="true"/> when the hold was released.</returns>
    internal bool ReleaseUnrecorded(ReservationId id, Instant instant)
    {
        lock (gate)
        {
            Advance(instant);
            ref var r = ref Find(id, out var found);
            if (!found || r.KeyEntry >= 0 || r.State != ReservationState.Held)
            {
                return false;
            }

            GiveBack(id.Value, ref r, ReservationState.Released, now);
            return true;
        }
    }

    /// <summary>Waits for the owner's operation with the same key to end, then reserves (usually a replay of what it reserved).</summary>
    private async ValueTask<ReserveResult> ReserveAfterAsync(ReserveRequest request, Task running, CancellationToken cancellationToken)
    {
        while (true)
        {
            // How the owner's operation ended is its caller's business: only the reservation it may have made matters here (its
            // failure is observed, so that it is not reported as unobserved).
            await Task.WhenAny(running).WaitAsync(cancellationToken).ConfigureAwait(false);
            _ = running.Exception;
            var result = Reserve(request, null, recordKey: true, out var next);
            if (next is null)
            {
                return result;
            }

            running = next;
        }
    }

    private ReserveResult Reserve(in ReserveRequest request, string? keySuffix, bool recordKey, out Task? running)
    {
        var node = LedgerArguments.CheckReserve(Tree, request);
        var amount = request.Amount.MinorUnits;
        var key = new KeyText(request.IdempotencyKey, keySuffix);
        running = null;
        lock (gate)
        {
            Advance(request.Instant);
            if (!recordKey)
            {
                // The owner keeps the key; the index holds only keys reserved directly, refunds and refusals (usually none).
                return keys.Count > 0 && keys.TryGetValue(key, out var known) && known.IsSet
                    ? Replay(known, request, key, node, amount)
                    : Decide(request, key, node, amount, ref Unsafe.NullRef<KeyEntry>(), -1);
            }

            // A key reserved directly may be one the owner keeps (a claim's ledger key). Asked under the lock, so that the owner
            // cannot reserve under the key between its answer and this decision (the owner reserves under this lock too).
            if (keyOwner is { } owner && !keys.TryGetValue(key, out _))
            {
                if (owner.TryFindReservation(this, key, wait: true, out var owned, out running))
                {
                    table.Find(owned - 1, out var stillKept);
                    if (stillKept)
                    {
                        return Replay(new KeyEntry(owned, null), request, key, node, amount);
                    }
                }
                else if (running is not null)
                {
                    // The owner's operation with this key is still running: decide once it has ended.
                    return default;
                }
            }

            // One hash of the key for both the lookup and the insert; nothing else touches `keys` until `entry` is written.
            ref var entry = ref keys.GetValueRefOrAddDefault(key, out var exists, out var handle);
            return exists && entry.IsSet
                ? Replay(entry, request, key, node, amount)
                : Decide(request, key, node, amount, ref entry, handle.Entry);
        }
    }

    /// <summary>
    /// Decides a new reservation under the lock: refuses it or records it. <paramref name="entry"/> is the key's index entry to
    /// write, or a null reference when the key is not recorded (<paramref name="keyEntry"/> is then -1).
    /// </summary>
    private ReserveResult Decide(in ReserveRequest request, KeyText key, BudgetNode node, long amount, ref KeyEntry entry, int keyEntry)
    {
        var dayIndex = Tree.DayIndexOf(request.Instant);
        var denial = request.ExpiresAt <= now
            ? LedgerDenials.AlreadyExpired(request.ExpiresAt, now)
            : Tree.Window is not null && dayIndex < 0
                ? LedgerDenials.OutsideWindow(request.Instant, Tree)
                : CheckNodes(node, dayIndex, amount);
        CapUsage[]? usage = null;
        if (denial is null && node.HasCapsOnPath)
        {
            participants.TryGetValue(request.ParticipantId, out usage);
            denial = CheckCaps(node, usage, dayIndex, amount);
        }

        if (denial is not null)
        {
            var denied = ReserveResult.Denied(denial);
            if (keyEntry >= 0)
            {
                entry = new KeyEntry(0, new KeyRecord(0, node.Path, request.ParticipantId, amount, denied, default, IsRefund: false));
                refusedKeys.Enqueue(key, now);
            }

            return denied;
        }

        if (usage is null && node.HasCapsOnPath)
        {
            usage = new CapUsage[Tree.CapSlotCount];
            participants.Add(request.ParticipantId, usage);
        }

        ref var r = ref table.Add(out var index);
        var id = index + 1;
        r.Key = key;
        r.KeyEntry = keyEntry;
        r.ParticipantId = request.ParticipantId;
        r.Node = node;
        r.Usage = usage;
        r.Reserved = amount;
        r.DayIndex = dayIndex;
        r.ReservedAt = request.Instant;
        r.ExpiresAt = request.ExpiresAt;
        r.State = ReservationState.Held;
        Move(node, dayIndex, amount, 0);
        MoveCaps(ref r, amount, 1);
        if (keyEntry >= 0)
        {
            entry = new KeyEntry(id, null);
        }

        expiries.Enqueue(id, request.ExpiresAt);
        return ReserveResult.Reserved(new ReservationId(id), Money(amount), dayIndex + 1);
    }

    private ReserveResult Replay(KeyEntry entry, in ReserveRequest request, KeyText key, BudgetNode node, long amount)
    {
        if (entry.Record is null)
        {
            ref var r = ref table.Find(entry.ReservationId - 1, out _);
            return r.Node == node && r.Reserved == amount && string.Equals(r.ParticipantId, request.ParticipantId, StringComparison.Ordinal)
                ? ReserveResult.Reserved(new ReservationId(entry.ReservationId), Money(r.Reserved), r.DayIndex + 1).AsReplay()
                : ReserveResult.Denied(LedgerDenials.KeyConflict(key.ToString()));
        }

        var k = entry.Record;
        return !k.IsRefund && k.NodePath == node.Path && k.Amount == amount && string.Equals(k.ParticipantId, request.ParticipantId, StringComparison.Ordinal)
            ? k.ReserveOutcome.AsReplay()
            : ReserveResult.Denied(LedgerDenials.KeyConflict(key.ToString()));
    }

    private LedgerResult Commit(ReservationId id, Money amount, Instant instant)
    {
        LedgerArguments.CheckAmount(Tree, amount, nameof(amount));
        var units = amount.MinorUnits;
        lock (gate)
        {
            Advance(instant);
            ref var r = ref Find(id, out var found);
            if (!found)
            {
                return LedgerResult.Refused(LedgerOperation.Commit, id, LedgerDenials.UnknownReservation(id, table.NextIndex));
            }

            switch (r.State)
            {
                case ReservationState.Held when units > r.Reserved:
                    return LedgerResult.Refused(LedgerOperation.Commit, id, new BudgetDenial(
                        BudgetDenialCode.ExceedsReserved, $"{id} holds {Format(r.Reserved)}; {amount} cannot be committed.", r.Node.Path, remaining: Money(r.Reserved)));
                case ReservationState.Held:
                    Move(r.Node, r.DayIndex, -r.Reserved, units);
                    MoveCaps(ref r, units - r.Reserved, 0);
                    r.State = ReservationState.Committed;
                    r.Committed = units;
                    Settled(id.Value, ref r, now);
                    return CommitOutcome(id, ref r);
                case ReservationState.Committed when r.Committed + r.Refunded == units:
                    return CommitOutcome(id, ref r).AsReplay();
                default:
                    return LedgerResult.Refused(LedgerOperation.Commit, id, LedgerDenials.NotHeld(id, r.State, r.ExpiresAt, r.Node.Path));
            }
        }
    }

    private LedgerResult Release(ReservationId id, Instant instant)
    {
        lock (gate)
        {
            Advance(instant);
            ref var r = ref Find(id, out var found);
            if (!found)
            {
                return LedgerResult.Refused(LedgerOperation.Release, id, LedgerDenials.UnknownReservation(id, table.NextIndex));
            }

            switch (r.State)
            {
                case ReservationState.Held:
                    GiveBack(id.Value, ref r, ReservationState.Released, now);
                    return LedgerResult.Done(LedgerOperation.Release, id, Money(0), Money(r.Reserved), r.DayIndex + 1);
                case ReservationState.Released:
                    return LedgerResult.Done(LedgerOperation.Release, id, Money(0), Money(r.Reserved), r.DayIndex + 1).AsReplay();
                default:
                    return LedgerResult.Refused(LedgerOperation.Release, id, LedgerDenials.NotHeld(id, r.State, r.ExpiresAt, r.Node.Path));
            }
        }
    }

    private LedgerResult Refund(in RefundRequest request)
    {
        LedgerArguments.CheckRefund(Tree, request);
        var id = request.ReservationId;
        var units = request.Amount.MinorUnits;
        var key = new KeyText(request.IdempotencyKey);
        lock (gate)
        {
            Advance(request.Instant);
            if (keys.TryGetValue(key, out var existing) && existing.IsSet)
            {
                return existing.Record is { IsRefund: true } k && k.ReservationId == id.Value && k.Amount == units
                    ? k.RefundOutcome.AsReplay()
                    : LedgerResult.Refused(LedgerOperation.Refund, id, LedgerDenials.KeyConflict(request.IdempotencyKey));
            }

            // A key the owner keeps for a reservation (see Reserve), or may reserve under at any moment, is taken, as a reserved
            // key in the index is. Not remembered: the owner's answer may change only from "running" to "taken".
            if (keyOwner is { } owner && (owner.TryFindReservation(this, key, wait: false, out _, out var running) || running is not null))
            {
                return LedgerResult.Refused(LedgerOperation.Refund, id, LedgerDenials.KeyConflict(request.IdempotencyKey));
            }

            LedgerResult outcome;
            ref var r = ref Find(id, out var found);
            if (!found)
            {
                outcome = LedgerResult.Refused(LedgerOperation.Refund, id, LedgerDenials.UnknownReservation(id, table.NextIndex));
            }
            else if (r.State != ReservationState.Committed)
            {
                outcome = LedgerResult.Refused(LedgerOperation.Refund, id, new BudgetDenial(
                    BudgetDenialCode.NotCommitted, $"{id} is {r.State}, not committed; only committed grants can be refunded.", r.Node.Path));
            }
            else if (units > r.Committed)
            {
                outcome = LedgerResult.Refused(LedgerOperation.Refund, id, new BudgetDenial(
                    BudgetDenialCode.ExceedsRefundable, $"{id} has {Format(r.Committed)} committed; {request.Amount} cannot be refunded.", r.Node.Path, remaining: Money(r.Committed)));
            }
            else
            {
                Move(r.Node, r.DayIndex, 0, -units);
                r.Committed -= units;
                r.Refunded += units;
                Settled(id.Value, ref r, now);
                if (r.KeyEntry < 0)
                {
                    // A refund keeps the reservation past its claim's own retention in the owner: from now on the ledger
                    // remembers its key itself, so that a retry of the claim still replays it, as in a ledger without an owner.
                    ref var known = ref keys.GetValueRefOrAddDefault(r.Key, out var taken, out var handle);
                    if (!taken)
                    {
                        known = new KeyEntry(id.Value, null);
                        r.KeyEntry = handle.Entry;
                    }
                }

                MoveCaps(ref r, -units, r.Committed == 0 ? -1 : 0);
                outcome = LedgerResult.Done(LedgerOperation.Refund, id, request.Amount, request.Amount, r.DayIndex + 1);
            }

            var record = new KeyRecord(id.Value, null, null, units, default, outcome, IsRefund: true);
            keys.Set(key, new KeyEntry(0, record));
            if (outcome.Succeeded)
            {
                ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(refundKeys, id.Value, out _);
                (list ??= []).Add(key);
            }
            else
            {
                refusedKeys.Enqueue(key, now);
            }

            return outcome;
        }
    }

    private ReservationInfo? GetReservation(ReservationId id)
    {
        lock (gate)
        {
            ref var r = ref Find(id, out var found);
            return found
                ? new ReservationInfo(
                    id, r.Key.ToString(), r.Node.Path, r.ParticipantId, Money(r.Reserved), Money(r.Committed), Money(r.Refunded),
                    r.State, r.DayIndex + 1, r.ReservedAt, r.ExpiresAt)
                : null;
        }
    }

    private LedgerSnapshot GetSnapshot(Instant at)
    {
        lock (gate)
        {
            var asOf = at > now ? at : now;
            var nodes = new BudgetNodeSnapshot[Tree.Nodes.Count];
            foreach (var node in Tree.Nodes)
            {
                nodes[node.Index] = SnapshotOf(node, asOf);
            }

            return new LedgerSnapshot(asOf, nodes);
        }
    }

    private List<ParticipantCapUsage> GetParticipantUsage(string participantId)
    {
        lock (gate)
        {
            participants.TryGetValue(participantId, out var usage);
            var result = new List<ParticipantCapUsage>();
            foreach (var node in Tree.Nodes)
            {
                if (node.Caps is not { } caps)
                {
                    continue;
                }

                var u = usage?[node.CapSlot];
                if (caps.MaxAmountPerCampaign is { } maxAmount)
                {
                    result.Add(new(node.Path, CapKind.AmountPerCampaign, 0, maxAmount.MinorUnits, u?.Amount ?? 0));
                }

                if (caps.MaxGrantsPerCampaign is { } maxGrants)
                {
                    result.Add(new(node.Path, CapKind.GrantsPerCampaign, 0, maxGrants, u?.Grants ?? 0));
                }

                for (var d = 0; d < dayCount; d++)
                {
                    if (caps.MaxAmountPerDay is { } dayAmount)
                    {
                        result.Add(new(node.Path, CapKind.AmountPerDay, d + 1, dayAmount.MinorUnits, u?.DayAmount[d] ?? 0));
                    }

                    if (caps.MaxGrantsPerDay is { } dayGrants)
                    {
                        result.Add(new(node.Path, CapKind.GrantsPerDay, d + 1, dayGrants, u?.DayGrants[d] ?? 0));
                    }
                }
            }

            return result;
        }
    }

    private Money Money(long units) => new(units, Tree.Currency);

    // Committed + Refunded is the amount first committed: refunds only move money from one to the other.
    private LedgerResult CommitOutcome(ReservationId id, ref Reservation r) => LedgerResult.Done(
        LedgerOperation.Commit, id, Money(r.Committed + r.Refunded), Money(r.Reserved - r.Committed - r.Refunded), r.DayIndex + 1);

    // Ids are issued 1, 2, 3, ...: id n lives in slot n - 1 of the table.
    private ref Reservation Find(ReservationId id, out bool found) => ref table.Find(id.Value - 1, out found);

    private string Format(long units) => Money(units).ToString();

    private int Advance(Instant instant)
    {
        if (instant > now)
        {
            now = instant;
        }

        var expired = 0;
        while (expiries.TryDequeueDue(now, out var id, out var expiresAt))
        {
            // Committed, released or pruned reservations leave a stale entry behind; it is skipped here.
            ref var r = ref table.Find(id - 1, out var found);
            if (found && r.State == ReservationState.Held)
            {
                GiveBack(id, ref r, ReservationState.Expired, expiresAt);
                expired++;
            }
        }

        return expired;
    }

    private void GiveBack(long id, ref Reservation r, ReservationState state, Instant at)
    {
        Move(r.Node, r.DayIndex, -r.Reserved, 0);
        MoveCaps(ref r, -r.Reserved, -1);
        r.State = state;
        Settled(id, ref r, at);
    }

    /// <summary>Records when reservation <paramref name="id"/> was last settled, and queues it for <see cref="PruneSettled"/>.</summary>
    private void Settled(long id, ref Reservation r, Instant at)
    {
        // A refund settles a reservation again, later: the earlier queue entry is then stale, and pruning skips it.
        r.SettledAt = at;
        settled.Enqueue(id, at);
    }

    private BudgetDenial? CheckNodes(BudgetNode leaf, int dayIndex, long amount)
    {
        foreach (var i in leaf.PathIndices)
        {
            var left = limits[i] - reserved[i] - committed[i];
            if (amount > left)
            {
                var node = nodes[i];
                return new BudgetDenial(
                    BudgetDenialCode.NodeLimitReached,
                    $"'{node.Path}' has {Format(Math.Max(0, left))} left of its limit {node.Limit}.",
                    node.Path,
                    remaining: Money(Math.Max(0, left)));
            }

            if (nodes[i] is { Pacing: not null } paced)
            {
                var released = PacingHeadroom(paced, dayIndex);
                if (amount > released)
                {
                    return new BudgetDenial(
                        BudgetDenialCode.PacingLimitReached,
                        $"'{paced.Path}' has released only {Format(Math.Max(0, released))} more for day {(dayIndex + 1).ToString(CultureInfo.InvariantCulture)} so far.",
                        paced.Path,
                        remaining: Money(Math.Max(0, released)));
                }
            }
        }

        return null;
    }

    private long PacingHeadroom(BudgetNode node, int dayIndex)
    {
        var baseIndex = node.Index * dayCount;
        if (!node.Pacing!.RollOver)
        {
            return Tree.ReleasedOnDay(node, dayIndex, now) - dayReserved[baseIndex + dayIndex] - dayCommitted[baseIndex + dayIndex];
        }

        // Roll-over: for every day k from the reservation's day on, what days 1..k use must stay within what
        // days 1..k have released; a late reservation on an earlier day also counts against the later days.
        long used = 0;
        long released = 0;
        var headroom = long.MaxValue;
        for (var k = 0; k < dayCount; k++)
        {
            used += dayReserved[baseIndex + k] + dayCommitted[baseIndex + k];
            released += Tree.ReleasedOnDay(node, k, now);
            if (k >= dayIndex)
            {
                headroom = Math.Min(headroom, released - used);
            }
        }

        return headroom;
    }

    private BudgetDenial? CheckCaps(BudgetNode leaf, CapUsage[]? usage, int dayIndex, long amount)
    {
        foreach (var i in leaf.PathIndices)
        {
            var node = nodes[i];
            if (node.Caps is not { } caps)
            {
                continue;
            }

            var u = usage?[node.CapSlot];
            if (caps.MaxAmountPerCampaign is { } maxAmount && amount > maxAmount.MinorUnits - (u?.Amount ?? 0))
            {
                return LedgerDenials.AmountCap(node, CapKind.AmountPerCampaign, maxAmount.MinorUnits - (u?.Amount ?? 0), "over the campaign", Tree.Currency);
            }

            if (caps.MaxGrantsPerCampaign is { } maxGrants && (u?.Grants ?? 0) >= maxGrants)
            {
                return LedgerDenials.GrantCap(node, CapKind.GrantsPerCampaign, maxGrants - (u?.Grants ?? 0), "over the campaign");
            }

            if (caps.MaxAmountPerDay is { } dayAmount && amount > dayAmount.MinorUnits - (u?.DayAmount[dayIndex] ?? 0))
            {
                return LedgerDenials.AmountCap(node, CapKind.AmountPerDay, dayAmount.MinorUnits - (u?.DayAmount[dayIndex] ?? 0), "on this day", Tree.Currency);
            }

            if (caps.MaxGrantsPerDay is { } dayGrants && (u?.DayGrants[dayIndex] ?? 0) >= dayGrants)
            {
                return LedgerDenials.GrantCap(node, CapKind.GrantsPerDay, dayGrants - (u?.DayGrants[dayIndex] ?? 0), "on this day");
            }
        }

        return null;
    }

    private void Move(BudgetNode leaf, int dayIndex, long reservedDelta, long committedDelta)
    {
        foreach (var i in leaf.PathIndices)
        {
            reserved[i] += reservedDelta;
            committed[i] += committedDelta;
            if (dayIndex >= 0)
            {
                dayReserved[(i * dayCount) + dayIndex] += reservedDelta;
                dayCommitted[(i * dayCount) + dayIndex] += committedDelta;
            }
        }
    }

    private void MoveCaps(ref Reservation r, long amountDelta, int grantDelta)
    {
        if (r.Usage is not { } usage)
        {
            return;
        }

        foreach (var i in r.Node.PathIndices)
        {
            var slot = nodes[i].CapSlot;
            if (slot < 0)
            {
                continue;
            }

            var u = usage[slot] ??= new CapUsage(dayCount);
            u.Amount += amountDelta;
            u.Grants += grantDelta;
            if (r.DayIndex >= 0)
            {
                u.DayAmount[r.DayIndex] += amountDelta;
                u.DayGrants[r.DayIndex] += grantDelta;
            }
        }
    }

    private BudgetNodeSnapshot SnapshotOf(BudgetNode node, Instant asOf)
    {
        var i = node.Index;
        var limit = node.Limit.MinorUnits;
        if (node.Pacing is null)
        {
            return new BudgetNodeSnapshot(
                node.Path, node.Limit, node.Limit, Money(reserved[i]), Money(committed[i]), Money(limit - reserved[i] - committed[i]), []);
        }

        var days = new BudgetDaySnapshot[dayCount];
        long releasedTotal = 0;
        long usedBefore = 0;
        for (var d = 0; d < dayCount; d++)
        {
            var r = dayReserved[(i * dayCount) + d];
            var c = dayCommitted[(i * dayCount) + d];
            var own = Tree.ReleasedOnDay(node, d, asOf);
            var carried = node.Pacing.RollOver ? releasedTotal - usedBefore : 0;
            releasedTotal += own;
            var dayLimit = node.DayAmountUnits[d] + carried;
            days[d] = new BudgetDaySnapshot(
                Tree.Window!.Days[d], Money(node.DayAmountUnits[d]), Money(carried), Money(dayLimit), Money(carried + own),
                Money(r), Money(c), Money(dayLimit - r - c));
            usedBefore += r + c;
        }

        return new BudgetNodeSnapshot(
            node.Path, node.Limit, Money(releasedTotal), Money(reserved[i]), Money(committed[i]), Money(limit - reserved[i] - committed[i]), days);
    }

    private sealed class CapUsage(int dayCount)
    {
        public long Amount { get; set; }

        public int Grants { get; set; }

        public long[] DayAmount { get; } = new long[dayCount];

        public int[] DayGrants { get; } = new int[dayCount];
    }

    /// <summary>
    /// One reservation, stored inline in <see cref="table"/> at slot id - 1. It is also the idempotency record of the
    /// granted request (its key maps to the id) and holds what commits, refunds and the read side need.
    /// </summary>
    private struct Reservation
    {
        public KeyText Key;

        /// <summary>The entry of <see cref="Key"/> in the key index, to remove it when the reservation is pruned.</summary>
        public int KeyEntry;
        public string ParticipantId;
        public BudgetNode Node;
        public CapUsage[]? Usage;
        public long Reserved;
        public long Committed;
        public long Refunded;
        public Instant ReservedAt;
        public Instant ExpiresAt;

        /// <summary>The ledger time of the latest commit, release, expiry or refund.</summary>
        public Instant SettledAt;
        public int DayIndex;
        public ReservationState State;
    }

    /// <summary>What an idempotency key maps to: a reservation id (granted) or a record (a refusal or a refund).</summary>
    private readonly record struct KeyEntry(long ReservationId, KeyRecord? Record)
    {
        /// <summary>Gets a value indicating whether the entry was written (a default entry is never consulted).</summary>
        public bool IsSet => ReservationId != 0 || Record is not null;
    }

    // A denied reservation or a refund: enough to recognise a retry and replay its outcome. Its key is queued for pruning:
    // in refusedKeys by the ledger time it was decided, or, for a successful refund, in refundKeys with its reservation.
    private sealed record KeyRecord(
        long ReservationId, string? NodePath, string? ParticipantId, long Amount, ReserveResult ReserveOutcome, LedgerResult RefundOutcome, bool IsRefund);
}
