using System;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Incentives.Budgets;
using NodaTime;

namespace Incentives.PostgreSql;

/// <summary>
/// Budget leasing for hot budgets: holds a slice of a node's budget in the ledger (one reservation), grants from it
/// locally without a database round trip, and settles the slice (commits what was granted, returns the rest) when it
/// refills, before the lease expires, and on <see cref="DisposeAsync"/>.
/// </summary>
/// <remarks>
/// <para>The ledger sees each slice as one reservation of a pseudo-participant <c>lease:&lt;holderId&gt;</c>, so
/// everything the ledger guarantees holds for slices: slices plus direct grants never exceed any limit on the path or
/// the day's released amount. A slice that is not settled (the server died) is returned by the ledger when the lease
/// expires, like any hold.</para>
/// <para>What leasing cannot keep: per-participant caps (the ledger sees only the lease's pseudo-participant; check
/// caps centrally or do not lease capped nodes: the constructor refuses a node with caps on its path); grants from a
/// slice are written to the ledger when the slice settles, so a server that dies loses the record of the grants it made
/// from its current slice (at most one slice: pay out after <see cref="SettleAsync"/>, or keep slices small); money
/// parked in slices is unavailable to other servers until it is returned; a slice belongs to the campaign day it was
/// taken on (pacing counts it there).</para>
/// </remarks>
/// <threadsafety>All members are thread-safe. Local grants take a short lock; refills are serialized.</threadsafety>
public sealed class BudgetLease : IAsyncDisposable
{
    private readonly IBudgetLedger ledger;
    private readonly IClock clock;
    private readonly string nodePath;
    private readonly string holderId;
    private readonly long sliceUnits;
    private readonly Duration leaseDuration;
    private readonly Duration margin;
    private readonly Lock gate = new();
    private readonly SemaphoreSlim refill = new(1, 1);
    private ReservationId slice;
    private long sliceSize;
    private long used;
    private Instant expiresAt;
    private long sequence;
    private long settledUnits;

    /// <summary>Creates a lease holder; it takes its first slice on the first grant.</summary>
    /// <param name="ledger">The ledger that holds the budget (usually a <see cref="PostgreSqlBudgetLedger"/> shared by many servers).</param>
    /// <param name="nodePath">The node to lease from.</param>
    /// <param name="holderId">A unique id of this holder (e.g. server name + process start); slices' idempotency keys derive from it.</param>
    /// <param name="sliceSize">How much to hold at once.</param>
    /// <param name="leaseDuration">How long a slice lives; the holder settles it when less than a tenth of it is left.</param>
    /// <param name="clock">The clock that decides the instants of grants and expiries.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="holderId"/> is empty, the node is unknown, or it has participant caps on its path.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sliceSize"/> or <paramref name="leaseDuration"/> is not positive.</exception>
    /// <exception cref="CurrencyMismatchException"><paramref name="sliceSize"/> is not in the tree's currency.</exception>
    public BudgetLease(IBudgetLedger ledger, string nodePath, string holderId, Money sliceSize, Duration leaseDuration, IClock clock)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentNullException.ThrowIfNull(nodePath);
        ArgumentException.ThrowIfNullOrEmpty(holderId);
        ArgumentNullException.ThrowIfNull(clock);
        LedgerArguments.CheckAmount(ledger.Tree, sliceSize, nameof(sliceSize));
        if (leaseDuration <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(leaseDuration), leaseDuration, "The lease duration must be positive.");
        }

        var node = ledger.Tree.GetNode(nodePath);
        for (var n = node; n is not null; n = n.Parent)
        {
            if (n.Caps is not null)
            {
                throw new ArgumentException(
                    $"'{nodePath}' has participant caps on its path ('{n.Path}'); a lease cannot check them: grant from that node directly.", nameof(nodePath));
            }
        }

        this.ledger = ledger;
        this.nodePath = nodePath;
        this.holderId = holderId;
        this.clock = clock;
        sliceUnits = sliceSize.MinorUnits;
        this.leaseDuration = leaseDuration;
        margin = leaseDuration / 10;
    }

    /// <summary>What is left of the current slice (zero when none is held).</summary>
    public Money Remaining
    {
        get
        {
            lock (gate)
            {
                return new Money(sliceSize - used, ledger.Tree.Currency);
            }
        }
    }

    /// <summary>The total this holder has committed to the ledger so far through settled slices.</summary>
    public Money Settled => new(Interlocked.Read(ref settledUnits), ledger.Tree.Currency);

    /// <summary>
    /// Grants <paramref name="amount"/> from the slice, taking a new slice from the ledger when the current one cannot
    /// cover it or is about to expire.
    /// </summary>
    /// <param name="amount">The amount to grant.</param>
    /// <param name="cancellationToken">Cancels a refill.</param>
    /// <returns>True when granted; false when the budget (every slice the ledger would give) cannot cover it.</returns>
    /// <exception cref="CurrencyMismatchException"><paramref name="amount"/> is not in the tree's currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="amount"/> is not positive.</exception>
    public async ValueTask<bool> TryGrantAsync(Money amount, CancellationToken cancellationToken = default)
    {
        LedgerArguments.CheckAmount(ledger.Tree, amount, nameof(amount));
        var units = amount.MinorUnits;
        if (TryLocal(units))
        {
            return true;
        }

        await refill.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (TryLocal(units))
            {
                return true;
            }

            await SettleLocked(cancellationToken).ConfigureAwait(false);
            var now = clock.GetCurrentInstant();
            var size = Math.Max(sliceUnits, units);
            for (var attempt = 0; attempt < 2; attempt++)
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"lease:{holderId}:{++sequence}");
                var result = await ledger.ReserveAsync(
                    new ReserveRequest(key, nodePath, "lease:" + holderId, new Money(size, ledger.Tree.Currency), now, now + leaseDuration), cancellationToken).ConfigureAwait(false);
                if (result.IsReserved)
                {
                    lock (gate)
                    {
                        slice = result.ReservationId;
                        sliceSize = size;
                        used = units;
                        expiresAt = now + leaseDuration;
                    }

                    return true;
                }

                // Denied: take what is left if it still covers the grant.
                if (result.Denial?.Remaining is not { } left || left.MinorUnits < units || left.MinorUnits >= size)
                {
                    return false;
                }

                size = left.MinorUnits;
            }

            return false;
        }
        finally
        {
            refill.Release();
        }
    }

    /// <summary>Settles the current slice now: commits what was granted from it and returns the rest to the budget.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task that completes when the slice is settled.</returns>
    /// <exception cref="PostgreSqlLedgerException">The slice expired before it was settled (its grants are no longer
    /// recorded), or the database failed.</exception>
    public async ValueTask SettleAsync(CancellationToken cancellationToken = default)
    {
        await refill.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await SettleLocked(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            refill.Release();
        }
    }

    /// <summary>Settles the current slice (see <see cref="SettleAsync"/>).</summary>
    /// <returns>A task that completes when the slice is settled.</returns>
    public async ValueTask DisposeAsync()
    {
        await SettleAsync().ConfigureAwait(false);
        refill.Dispose();
    }

    private bool TryLocal(long units)
    {
        lock (gate)
        {
            if (slice.Value == 0 || sliceSize - used < units || clock.GetCurrentInstant() >= expiresAt - margin)
            {
                return false;
            }

            used += units;
            return true;
        }
    }

    private async Task SettleLocked(CancellationToken cancellationToken)
    {
        ReservationId id;
        long granted;
        lock (gate)
        {
            id = slice;
            granted = used;
            slice = default;
            sliceSize = 0;
            used = 0;
        }

        if (id.Value == 0)
        {
            return;
        }

        var now = clock.GetCurrentInstant();
        var result = granted > 0
            ? await ledger.CommitAsync(id, new Money(granted, ledger.Tree.Currency), now, cancellationToken).ConfigureAwait(false)
            : await ledger.ReleaseAsync(id, now, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new PostgreSqlLedgerException(
                $"The lease slice {id} of '{nodePath}' could not be settled ({result.Denial}); {new Money(granted, ledger.Tree.Currency)} granted from it is not recorded in the ledger.");
        }

        Interlocked.Add(ref settledUnits, granted);
    }
}
