using System;
using System.Linq;
using System.Threading.Tasks;
using Incentives.Budgets;
using NodaTime;
using static Incentives.Tests.Budgets.TestTrees;

namespace Incentives.Tests.Budgets;

/// <summary>
/// How the in-memory ledger stores reservations (by sequential id, in chunks) and expiries (in order, with a heap for
/// the others) must be invisible to a caller: ids are found until pruned and never reused, every hold expires at its
/// own time, and a ledger pruned in cycles behaves like a fresh one for reused keys while its totals stay exact.
/// </summary>
public sealed class InMemoryBudgetLedgerStorageTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 10, 8, 0);

    [Fact]
    public async Task After_a_burst_the_key_index_gives_memory_back_and_the_keys_still_held_replay_and_are_pruned_exactly()
    {
        var ledger = new InMemoryBudgetLedger(Small());
        var ids = new ReservationId[5000];
        for (var i = 0; i < ids.Length; i++)
        {
            var at = T0 + Duration.FromSeconds(i);
            ids[i] = (await ledger.ReserveAsync(Request($"burst-{i}", "root/b", 0.01m, at))).ReservationId;
            await ledger.CommitAsync(ids[i], Cny(0.01m), at);
        }

        // The burst is forgotten but for its last ten; the next prune finds the key index far larger than it held, and packs it.
        Assert.Equal(new LedgerPruneResult(4990, 4990), ledger.PruneSettled(T0 + Duration.FromSeconds(4990)));
        Assert.Equal(new LedgerPruneResult(0, 0), ledger.PruneSettled(T0 + Duration.FromSeconds(4990)));

        for (var i = 4990; i < 5000; i++)
        {
            var retry = await ledger.ReserveAsync(Request($"burst-{i}", "root/b", 0.01m, T0 + Duration.FromHours(1)));
            Assert.True(retry.IsReplay);
            Assert.Equal(ids[i], retry.ReservationId);
        }

        // Each of the ten keys is removed where the packed index now keeps it: a later request with one is new.
        Assert.Equal(new LedgerPruneResult(10, 10), ledger.PruneSettled(T0 + Duration.FromHours(2)));
        var again = await ledger.ReserveAsync(Request("burst-4995", "root/b", 0.01m, T0 + Duration.FromHours(2)));
        Assert.False(again.IsReplay);
        Assert.Equal(5001, again.ReservationId.Value);
    }

    [Fact]
    public async Task Packing_the_key_index_leaves_the_reservations_whose_keys_an_owner_keeps_without_a_key_entry()
    {
        // Two reservations outlive a burst: "owned" made by the ledger's key owner (no key entry) and "direct" (a key entry).
        // The burst's prune makes the next one pack the index and tell every live reservation where its key now lives; the owner's
        // must still have none, so that pruning it removes no key, and the direct one's key is removed where it moved to.
        var ledger = new InMemoryBudgetLedger(Small());
        ledger.SetKeyOwner(new NoKeys());
        var owned = ledger.Reserve(Request("order-1", "root/b", 0.01m, T0), ":lunch", recordKey: false).ReservationId;
        var direct = (await ledger.ReserveAsync(Request("direct-1", "root/b", 0.01m, T0))).ReservationId;
        for (var i = 0; i < 3000; i++)
        {
            var id = (await ledger.ReserveAsync(Request($"burst-{i}", "root/b", 0.01m, T0))).ReservationId;
            await ledger.CommitAsync(id, Cny(0.01m), T0);
        }

        Assert.Equal(new LedgerPruneResult(3000, 3000), ledger.PruneSettled(T0 + Duration.FromMinutes(1)));
        Assert.Equal(new LedgerPruneResult(0, 0), ledger.PruneSettled(T0 + Duration.FromMinutes(1))); // packs the index
        await ledger.CommitAsync(owned, Cny(0.01m), T0 + Duration.FromMinutes(2));
        await ledger.CommitAsync(direct, Cny(0.01m), T0 + Duration.FromMinutes(2));

        Assert.Equal(new LedgerPruneResult(2, 1), ledger.PruneSettled(T0 + Duration.FromMinutes(3)));
        Assert.False((await ledger.ReserveAsync(Request("direct-1", "root/b", 0.01m, T0 + Duration.FromMinutes(3)))).IsReplay);
        Assert.False((await ledger.ReserveAsync(Request("order-1:lunch", "root/b", 0.01m, T0 + Duration.FromMinutes(3)))).IsReplay);
    }

    [Fact]
    public async Task Reservations_over_many_chunks_are_found_by_id_until_pruned_and_ids_are_never_reused()
    {
        var ledger = new InMemoryBudgetLedger(Small());
        var ids = new ReservationId[1000];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = (await ledger.ReserveAsync(Request($"k{i}", "root/b", 0.01m, T0))).ReservationId;
            if (i != 500)
            {
                await ledger.CommitAsync(ids[i], Cny(0.01m), T0);
            }
        }

        Assert.Equal(Enumerable.Range(1, 1000).Select(i => (long)i), ids.Select(id => id.Value));

        var pruned = ledger.PruneSettled(T0 + Duration.FromHours(1));

        Assert.Equal(new LedgerPruneResult(999, 999), pruned);
        Assert.Null(await ledger.GetReservationAsync(ids[0]));
        Assert.Null(await ledger.GetReservationAsync(ids[999]));
        var late = await ledger.CommitAsync(ids[700], Cny(0.01m), T0 + Duration.FromHours(1));
        Assert.Equal(BudgetDenialCode.UnknownReservation, late.Denial!.Code);
        Assert.Contains("pruned", late.Denial.Message, StringComparison.Ordinal);
        Assert.Equal(ReservationState.Held, (await ledger.GetReservationAsync(ids[500]))!.Value.State);
        Assert.True((await ledger.CommitAsync(ids[500], Cny(0.01m), T0 + Duration.FromHours(1))).Succeeded);

        var next = await ledger.ReserveAsync(Request("k0", "root/b", 0.01m, T0 + Duration.FromHours(1)));
        Assert.Equal((1001L, false), (next.ReservationId.Value, next.IsReplay));
        var never = await ledger.CommitAsync(new ReservationId(5000), Cny(0.01m), T0 + Duration.FromHours(1));
        Assert.Contains("No reservation has the id R5000", never.Denial!.Message, StringComparison.Ordinal);
        var snapshot = await ledger.GetSnapshotAsync(T0 + Duration.FromHours(1));
        Assert.Equal((Cny(0.01m), Cny(10m)), (snapshot["root/b"].Reserved, snapshot["root/b"].Committed));
    }

    [Fact]
    public async Task Holds_given_out_of_expiry_order_each_expire_at_their_own_time()
    {
        var ledger = new InMemoryBudgetLedger(Small());
        var hour = (await ledger.ReserveAsync(Request("a", "root/a", 1m, T0, holdFor: Duration.FromMinutes(60)))).ReservationId;
        var tenMinutes = (await ledger.ReserveAsync(Request("b", "root/a", 2m, T0 + Duration.FromMinutes(1), holdFor: Duration.FromMinutes(10)))).ReservationId;
        var halfHour = (await ledger.ReserveAsync(Request("c", "root/a", 4m, T0 + Duration.FromMinutes(2), holdFor: Duration.FromMinutes(30)))).ReservationId;

        Assert.Equal(0, await ledger.ExpireDueAsync(T0 + Duration.FromMinutes(10)));
        Assert.Equal(1, await ledger.ExpireDueAsync(T0 + Duration.FromMinutes(11)));
        Assert.Equal(ReservationState.Expired, (await ledger.GetReservationAsync(tenMinutes))!.Value.State);
        Assert.Equal(Cny(5m), (await ledger.GetSnapshotAsync(T0 + Duration.FromMinutes(11)))["root/a"].Reserved);

        Assert.Equal(1, await ledger.ExpireDueAsync(T0 + Duration.FromMinutes(45)));
        Assert.Equal(ReservationState.Expired, (await ledger.GetReservationAsync(halfHour))!.Value.State);
        Assert.Equal(ReservationState.Held, (await ledger.GetReservationAsync(hour))!.Value.State);
        Assert.True((await ledger.CommitAsync(hour, Cny(1m), T0 + Duration.FromMinutes(59))).Succeeded);
        Assert.Equal(0, await ledger.ExpireDueAsync(T0 + Duration.FromDays(1)));
        var end = await ledger.GetSnapshotAsync(T0 + Duration.FromDays(1));
        Assert.Equal((Cny(0m), Cny(1m)), (end["root/a"].Reserved, end["root/a"].Committed));
    }

    [Fact]
    public async Task A_ledger_pruned_in_cycles_grants_reused_keys_anew_and_keeps_its_totals_exact()
    {
        var ledger = new InMemoryBudgetLedger(Small());
        var at = T0;
        for (var cycle = 0; cycle < 5; cycle++)
        {
            at += Duration.FromMinutes(10);
            for (var i = 0; i < 300; i++)
            {
                var reserved = await ledger.ReserveAsync(Request($"k{i}", "root/a/x", 0.01m, at, holdFor: Duration.FromMinutes(5)));
                Assert.False(reserved.IsReplay);
                Assert.True((await ledger.CommitAsync(reserved.ReservationId, Cny(0.01m), at)).Succeeded);
                Assert.True((await ledger.ReserveAsync(Request($"k{i}", "root/a/x", 0.01m, at, holdFor: Duration.FromMinutes(5)))).IsReplay);
            }

            Assert.Equal(new LedgerPruneResult(300, 300), ledger.PruneSettled(at + Duration.Epsilon));
        }

        var snapshot = await ledger.GetSnapshotAsync(at);
        Assert.Equal((Cny(0m), Cny(15m)), (snapshot["root/a/x"].Reserved, snapshot["root/a/x"].Committed));
        Assert.Equal(Cny(15m), snapshot["root"].Committed);
        Assert.Empty(LedgerInvariants.Violations(ledger.Tree, snapshot));
    }

    /// <summary>A key owner that knows no key: the ledger records every key reserved directly, and none of the owner's.</summary>
    private sealed class NoKeys : ILedgerKeyOwner
    {
        public bool TryFindReservation(InMemoryBudgetLedger ledger, in KeyText key, bool wait, out long reservationId, out Task? running)
        {
            (reservationId, running) = (0, null);
            return false;
        }
    }
}
