using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Incentives.Budgets;
using NodaTime;
using static Incentives.Tests.Budgets.TestTrees;

namespace Incentives.Tests.Budgets;

/// <summary>
/// Every behaviour an <see cref="IBudgetLedger"/> must have. A ledger implementation proves it by deriving a
/// class that implements <see cref="CreateLedger"/>; the in-memory ledger does so in
/// <see cref="InMemoryBudgetLedgerContractTests"/>, a durable store will do the same.
/// </summary>
public abstract class BudgetLedgerContractTests
{
    private static readonly Instant T0 = Instant.FromUtc(2026, 1, 10, 8, 0);

    /// <summary>Creates an empty ledger for <paramref name="tree"/>.</summary>
    protected abstract IBudgetLedger CreateLedger(BudgetTree tree);

    private static async Task<LedgerSnapshot> Snap(IBudgetLedger ledger) => await ledger.GetSnapshotAsync(T0);

    private static async Task AssertUnchanged(LedgerSnapshot before, IBudgetLedger ledger)
    {
        var after = await ledger.GetSnapshotAsync(before.AsOf);
        Assert.Equal(before.Nodes, after.Nodes, (x, y) =>
            x.Path == y.Path && x.Reserved == y.Reserved && x.Committed == y.Committed && x.Available == y.Available &&
            x.Days.SequenceEqual(y.Days));
    }

    private static async Task AssertInvariants(IBudgetLedger ledger, Instant at) =>
        Assert.Empty(LedgerInvariants.Violations(ledger.Tree, await ledger.GetSnapshotAsync(at)));

    // ---- reserve on a path -------------------------------------------------------------------------------------

    [Fact]
    public async Task Reserve_holds_the_amount_on_the_node_and_every_ancestor()
    {
        var ledger = CreateLedger(Small());

        var result = await ledger.ReserveAsync(Request("k1", "root/a/x", 12.34m, T0));

        Assert.True(result.IsReserved);
        Assert.Equal(Cny(12.34m), result.Amount);
        var snap = await Snap(ledger);
        Assert.Equal(Cny(12.34m), snap["root/a/x"].Reserved);
        Assert.Equal(Cny(12.34m), snap["root/a"].Reserved);
        Assert.Equal(Cny(12.34m), snap["root"].Reserved);
        Assert.Equal(Cny(0m), snap["root/b"].Reserved);
        Assert.Equal(Cny(100m - 12.34m), snap["root"].Available);
        await AssertInvariants(ledger, T0);
    }

    [Fact]
    public async Task A_child_limit_smaller_than_its_parent_is_enforced()
    {
        var ledger = CreateLedger(Small());

        var denied = await ledger.ReserveAsync(Request("k1", "root/a/x", 50.01m, T0));

        Assert.False(denied.IsReserved);
        Assert.Equal(BudgetDenialCode.NodeLimitReached, denied.Denial!.Code);
        Assert.Equal("root/a/x", denied.Denial.NodePath);
        Assert.Equal(Cny(50m), denied.Denial.Remaining);
    }

    [Fact]
    public async Task Children_may_oversubscribe_their_parent_but_the_parent_limit_still_holds()
    {
        // a (60) + b (70) = 130 > root (100).
        var ledger = CreateLedger(Small());
        Assert.True((await ledger.ReserveAsync(Request("k1", "root/a", 60m, T0))).IsReserved);
        var before = await Snap(ledger);

        var denied = await ledger.ReserveAsync(Request("k2", "root/b", 40.01m, T0));

        Assert.Equal(BudgetDenialCode.NodeLimitReached, denied.Denial!.Code);
        Assert.Equal("root", denied.Denial.NodePath);
        Assert.Equal(Cny(40m), denied.Denial.Remaining);
        await AssertUnchanged(before, ledger);
        Assert.True((await ledger.ReserveAsync(Request("k3", "root/b", 40m, T0))).IsReserved);
        Assert.Equal(Cny(0m), (await Snap(ledger))["root"].Available);
        await AssertInvariants(ledger, T0);
    }

    [Fact]
    public async Task Reserving_exactly_what_is_left_succeeds_and_one_minor_unit_more_is_denied()
    {
        var ledger = CreateLedger(Small());
        Assert.True((await ledger.ReserveAsync(Request("k1", "root/a/x", 49.99m, T0))).IsReserved);

        Assert.False((await ledger.ReserveAsync(Request("k2", "root/a/x", 0.02m, T0))).IsReserved);
        Assert.True((await ledger.ReserveAsync(Request("k3", "root/a/x", 0.01m, T0))).IsReserved);
        Assert.Equal(Cny(50m), (await Snap(ledger))["root/a/x"].Reserved);
    }

    // ---- commit, release, expiry, refund ----------------------------------------------------------------------

    [Fact]
    public async Task Commit_in_full_turns_the_hold_into_a_grant()
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0))).ReservationId;

        var result = await ledger.CommitAsync(id, Cny(10m), T0);

        Assert.True(result.Succeeded);
        Assert.Equal(Cny(10m), result.Amount);
        Assert.Equal(Cny(0m), result.Returned);
        var root = (await Snap(ledger))["root"];
        Assert.Equal((Cny(0m), Cny(10m), Cny(90m)), (root.Reserved, root.Committed, root.Available));
        var info = Assert.NotNull(await ledger.GetReservationAsync(id));
        Assert.Equal(ReservationState.Committed, info.State);
        await AssertInvariants(ledger, T0);
    }

    [Fact]
    public async Task A_partial_commit_returns_the_rest_to_every_node_on_the_path()
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0))).ReservationId;

        var result = await ledger.CommitAsync(id, Cny(3.33m), T0);

        Assert.Equal(Cny(6.67m), result.Returned);
        var snap = await Snap(ledger);
        foreach (var path in new[] { "root", "root/a", "root/a/x" })
        {
            Assert.Equal(Cny(0m), snap[path].Reserved);
            Assert.Equal(Cny(3.33m), snap[path].Committed);
        }
    }

    [Fact]
    public async Task Release_returns_the_whole_hold()
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0))).ReservationId;

        var result = await ledger.ReleaseAsync(id, T0);

        Assert.True(result.Succeeded);
        Assert.Equal(Cny(10m), result.Returned);
        Assert.Equal(Cny(100m), (await Snap(ledger))["root"].Available);
        var info = Assert.NotNull(await ledger.GetReservationAsync(id));
        Assert.Equal(ReservationState.Released, info.State);
    }

    [Fact]
    public async Task A_hold_expires_at_its_expiry_instant_and_then_cannot_be_committed()
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0, holdFor: Duration.FromMinutes(5)))).ReservationId;

        Assert.Equal(0, (await ledger.ExpireDueAsync(T0 + Duration.FromMinutes(5) - Duration.Epsilon)));
        Assert.Equal(Cny(10m), (await Snap(ledger))["root"].Reserved);
        Assert.Equal(1, (await ledger.ExpireDueAsync(T0 + Duration.FromMinutes(5))));

        Assert.Equal(Cny(0m), (await Snap(ledger))["root"].Reserved);
        var commit = await ledger.CommitAsync(id, Cny(10m), T0 + Duration.FromMinutes(6));
        Assert.Equal(BudgetDenialCode.ReservationExpired, commit.Denial!.Code);
        Assert.Equal(BudgetDenialCode.ReservationExpired, (await ledger.ReleaseAsync(id, T0 + Duration.FromMinutes(6))).Denial!.Code);
        var info = Assert.NotNull(await ledger.GetReservationAsync(id));
        Assert.Equal(ReservationState.Expired, info.State);
    }

    [Fact]
    public async Task Any_operation_at_a_later_instant_expires_due_holds_first()
    {
        var ledger = CreateLedger(Small());
        await ledger.ReserveAsync(Request("k1", "root/a/x", 50m, T0, holdFor: Duration.FromMinutes(1)));

        // Without expiry the node would be full; at T0+1min the first hold has lapsed.
        var later = await ledger.ReserveAsync(Request("k2", "root/a/x", 50m, T0 + Duration.FromMinutes(1)));

        Assert.True(later.IsReserved);
        await AssertInvariants(ledger, T0 + Duration.FromMinutes(1));
    }

    [Fact]
    public async Task Committing_a_hold_whose_expiry_has_passed_is_refused_even_without_a_sweep()
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0, holdFor: Duration.FromMinutes(1)))).ReservationId;

        var commit = await ledger.CommitAsync(id, Cny(10m), T0 + Duration.FromMinutes(2));

        Assert.Equal(BudgetDenialCode.ReservationExpired, commit.Denial!.Code);
        Assert.Equal(Cny(0m), (await Snap(ledger))["root"].Committed);
    }

    [Fact]
    public async Task A_refund_returns_money_to_the_budget_on_the_reservation_day()
    {
        var ledger = CreateLedger(Paced(PacingPlan.Even()));
        var id = (await ledger.ReserveAsync(Request("k1", "c", 20m, Day(1, 10)))).ReservationId;
        await ledger.CommitAsync(id, Cny(20m), Day(1, 10));

        var refund = await ledger.RefundAsync(new RefundRequest("r1", id, Cny(5m), Day(2, 9)));

        Assert.True(refund.Succeeded);
        Assert.Equal(1, refund.DayNumber);
        Assert.Equal(Cny(5m), refund.Returned);
        var node = (await ledger.GetSnapshotAsync(Day(2, 9)))["c"];
        Assert.Equal(Cny(15m), node.Committed);
        Assert.Equal(Cny(15m), node.Days[0].Committed);
        Assert.Equal(Cny(0m), node.Days[1].Committed);
        var info = Assert.NotNull(await ledger.GetReservationAsync(id));
        Assert.Equal((Cny(15m), Cny(5m)), (info.Committed, info.Refunded));
    }

    [Fact]
    public async Task Partial_refunds_add_up_and_cannot_exceed_what_was_committed()
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k1", "root/b", 10m, T0))).ReservationId;
        await ledger.CommitAsync(id, Cny(8m), T0);

        Assert.True((await ledger.RefundAsync(new RefundRequest("r1", id, Cny(3m), T0))).Succeeded);
        var before = await Snap(ledger);
        var tooMuch = await ledger.RefundAsync(new RefundRequest("r2", id, Cny(5.01m), T0));
        Assert.Equal(BudgetDenialCode.ExceedsRefundable, tooMuch.Denial!.Code);
        Assert.Equal(Cny(5m), tooMuch.Denial.Remaining);
        await AssertUnchanged(before, ledger);
        Assert.True((await ledger.RefundAsync(new RefundRequest("r3", id, Cny(5m), T0))).Succeeded);
        Assert.Equal(Cny(0m), (await Snap(ledger))["root"].Committed);
    }

    [Fact]
    public async Task A_hold_that_was_never_committed_cannot_be_refunded()
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k1", "root/b", 10m, T0))).ReservationId;
        var before = await Snap(ledger);

        var refund = await ledger.RefundAsync(new RefundRequest("r1", id, Cny(1m), T0));

        Assert.Equal(BudgetDenialCode.NotCommitted, refund.Denial!.Code);
        await AssertUnchanged(before, ledger);
    }

    // ---- idempotency ------------------------------------------------------------------------------------------

    [Fact]
    public async Task The_same_key_and_request_returns_the_first_outcome_and_reserves_once()
    {
        var ledger = CreateLedger(Small());
        var first = await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0));

        // A retry a little later (new instant and expiry) is the same request.
        var retry = await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0 + Duration.FromSeconds(3)));

        Assert.True(retry.IsReplay);
        Assert.Equal(first.ReservationId, retry.ReservationId);
        Assert.Equal(Cny(10m), (await Snap(ledger))["root"].Reserved);
    }

    [Fact]
    public async Task The_same_key_with_a_different_request_is_a_conflict_and_never_a_second_reservation()
    {
        var ledger = CreateLedger(Small());
        await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0));
        var before = await Snap(ledger);

        var otherAmount = await ledger.ReserveAsync(Request("k1", "root/a/x", 11m, T0));
        var otherNode = await ledger.ReserveAsync(Request("k1", "root/b", 10m, T0));
        var otherParticipant = await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0, participant: "bob"));

        foreach (var result in new[] { otherAmount, otherNode, otherParticipant })
        {
            Assert.False(result.IsReserved);
            Assert.Equal(BudgetDenialCode.IdempotencyKeyConflict, result.Denial!.Code);
        }

        await AssertUnchanged(before, ledger);
    }

    [Fact]
    public async Task A_denied_first_outcome_is_replayed_even_when_money_has_come_back()
    {
        var ledger = CreateLedger(Small());
        var blocker = (await ledger.ReserveAsync(Request("k0", "root/a/x", 50m, T0))).ReservationId;
        var denied = await ledger.ReserveAsync(Request("k1", "root/a/x", 1m, T0));
        await ledger.ReleaseAsync(blocker, T0);

        var retry = await ledger.ReserveAsync(Request("k1", "root/a/x", 1m, T0));

        Assert.Equal(BudgetDenialCode.NodeLimitReached, denied.Denial!.Code);
        Assert.True(retry.IsReplay);
        Assert.Equal(BudgetDenialCode.NodeLimitReached, retry.Denial!.Code);
        Assert.Equal(Cny(0m), (await Snap(ledger))["root"].Reserved);
    }

    [Fact]
    public async Task Committing_again_with_the_same_amount_is_a_replay_and_with_another_amount_is_refused()
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0))).ReservationId;
        var first = await ledger.CommitAsync(id, Cny(7m), T0);

        var again = await ledger.CommitAsync(id, Cny(7m), T0);
        var other = await ledger.CommitAsync(id, Cny(8m), T0);

        Assert.True(again.IsReplay);
        Assert.Equal(first.Returned, again.Returned);
        Assert.Equal(BudgetDenialCode.AlreadySettled, other.Denial!.Code);
        Assert.Equal(Cny(7m), (await Snap(ledger))["root"].Committed);
    }

    [Fact]
    public async Task Releasing_twice_is_a_replay_and_settling_a_released_hold_otherwise_is_refused()
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0))).ReservationId;
        await ledger.ReleaseAsync(id, T0);

        Assert.True((await ledger.ReleaseAsync(id, T0)).IsReplay);
        Assert.Equal(BudgetDenialCode.AlreadySettled, (await ledger.CommitAsync(id, Cny(10m), T0)).Denial!.Code);
        Assert.Equal(Cny(100m), (await Snap(ledger))["root"].Available);
    }

    [Fact]
    public async Task A_committed_grant_cannot_be_released()
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0))).ReservationId;
        await ledger.CommitAsync(id, Cny(10m), T0);
        var before = await Snap(ledger);

        Assert.Equal(BudgetDenialCode.AlreadySettled, (await ledger.ReleaseAsync(id, T0)).Denial!.Code);
        await AssertUnchanged(before, ledger);
    }

    [Fact]
    public async Task A_refund_retried_with_its_key_is_applied_once_and_a_key_reused_for_another_refund_is_a_conflict()
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k1", "root/b", 10m, T0))).ReservationId;
        await ledger.CommitAsync(id, Cny(10m), T0);
        await ledger.RefundAsync(new RefundRequest("r1", id, Cny(4m), T0));

        var retry = await ledger.RefundAsync(new RefundRequest("r1", id, Cny(4m), T0));
        var conflict = await ledger.RefundAsync(new RefundRequest("r1", id, Cny(5m), T0));
        var keyOfAReservation = await ledger.RefundAsync(new RefundRequest("k1", id, Cny(4m), T0));

        Assert.True(retry.IsReplay);
        Assert.Equal(BudgetDenialCode.IdempotencyKeyConflict, conflict.Denial!.Code);
        Assert.Equal(BudgetDenialCode.IdempotencyKeyConflict, keyOfAReservation.Denial!.Code);
        Assert.Equal(Cny(6m), (await Snap(ledger))["root"].Committed);
    }

    // ---- bad input --------------------------------------------------------------------------------------------

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public async Task A_zero_or_negative_amount_throws_and_moves_nothing(int minorUnits)
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k0", "root/a/x", 5m, T0))).ReservationId;
        var before = await Snap(ledger);
        var amount = Money.FromMinorUnits(minorUnits, Currency.CNY);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await ledger.ReserveAsync(new ReserveRequest("k1", "root/a/x", "alice", amount, T0, T0 + Duration.FromMinutes(1))));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await ledger.CommitAsync(id, amount, T0));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await ledger.RefundAsync(new RefundRequest("r1", id, amount, T0)));
        await AssertUnchanged(before, ledger);
    }

    [Fact]
    public async Task Another_currency_throws_and_moves_nothing()
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k0", "root/a/x", 5m, T0))).ReservationId;
        var before = await Snap(ledger);
        var usd = Money.FromDecimal(1m, Currency.USD);

        await Assert.ThrowsAsync<CurrencyMismatchException>(async () => await ledger.ReserveAsync(new ReserveRequest("k1", "root/a/x", "alice", usd, T0, T0 + Duration.FromMinutes(1))));
        await Assert.ThrowsAsync<CurrencyMismatchException>(async () => await ledger.CommitAsync(id, usd, T0));
        await AssertUnchanged(before, ledger);
    }

    [Fact]
    public async Task An_unknown_path_or_a_missing_key_or_participant_throws_and_moves_nothing()
    {
        var ledger = CreateLedger(Small());
        var before = await Snap(ledger);

        var unknown = await Assert.ThrowsAsync<ArgumentException>(async () => await ledger.ReserveAsync(Request("k1", "root/zzz", 1m, T0)));
        Assert.Contains("root/zzz", unknown.Message, StringComparison.Ordinal);
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await ledger.ReserveAsync(Request("", "root/a", 1m, T0)));
        await Assert.ThrowsAnyAsync<ArgumentException>(async () => await ledger.ReserveAsync(Request("k2", "root/a", 1m, T0, participant: "")));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await ledger.ReserveAsync(Request("k3", "root/a", 1m, T0, holdFor: Duration.Zero)));
        await AssertUnchanged(before, ledger);
        Assert.True((await ledger.ReserveAsync(Request("k1", "root/a", 1m, T0))).IsReserved); // the key was not consumed
    }

    [Fact]
    public async Task An_already_cancelled_token_throws_before_anything_moves()
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k0", "root/a/x", 5m, T0))).ReservationId;
        var committed = (await ledger.ReserveAsync(Request("k1", "root/b", 5m, T0))).ReservationId;
        await ledger.CommitAsync(committed, Cny(5m), T0);
        var expiring = (await ledger.ReserveAsync(Request("k2", "root/b", 1m, T0, holdFor: Duration.FromMinutes(1)))).ReservationId;
        var before = await Snap(ledger);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var token = cancelled.Token;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ledger.ReserveAsync(Request("k3", "root/a/x", 1m, T0), token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ledger.CommitAsync(id, Cny(5m), T0, token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ledger.ReleaseAsync(id, T0, token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ledger.RefundAsync(new RefundRequest("r1", committed, Cny(1m), T0), token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await ledger.ExpireDueAsync(T0 + Duration.FromHours(1), token));

        await AssertUnchanged(before, ledger);
        Assert.Equal(ReservationState.Held, (await ledger.GetReservationAsync(expiring))!.Value.State);
        Assert.True((await ledger.ReserveAsync(Request("k3", "root/a/x", 1m, T0))).IsReserved); // the key was not consumed
        Assert.True((await ledger.RefundAsync(new RefundRequest("r1", committed, Cny(1m), T0))).Succeeded);
    }

    [Fact]
    public async Task Unknown_reservation_ids_are_refused_by_every_settlement()
    {
        var ledger = CreateLedger(Small());
        var before = await Snap(ledger);
        var nobody = new ReservationId(424242);

        Assert.Equal(BudgetDenialCode.UnknownReservation, (await ledger.CommitAsync(nobody, Cny(1m), T0)).Denial!.Code);
        Assert.Equal(BudgetDenialCode.UnknownReservation, (await ledger.ReleaseAsync(nobody, T0)).Denial!.Code);
        Assert.Equal(BudgetDenialCode.UnknownReservation, (await ledger.RefundAsync(new RefundRequest("r1", nobody, Cny(1m), T0))).Denial!.Code);
        Assert.Equal(BudgetDenialCode.UnknownReservation, (await ledger.ReleaseAsync(default, T0)).Denial!.Code);
        Assert.Null(await ledger.GetReservationAsync(nobody));
        await AssertUnchanged(before, ledger);
    }

    [Fact]
    public async Task A_commit_larger_than_the_hold_is_refused_and_moves_nothing()
    {
        var ledger = CreateLedger(Small());
        var id = (await ledger.ReserveAsync(Request("k1", "root/a/x", 10m, T0))).ReservationId;
        var before = await Snap(ledger);

        var result = await ledger.CommitAsync(id, Cny(10.01m), T0);

        Assert.Equal(BudgetDenialCode.ExceedsReserved, result.Denial!.Code);
        Assert.Equal(Cny(10m), result.Denial.Remaining);
        await AssertUnchanged(before, ledger);
        Assert.True((await ledger.CommitAsync(id, Cny(10m), T0)).Succeeded);
    }

    [Fact]
    public async Task A_hold_that_would_be_born_expired_is_denied()
    {
        var ledger = CreateLedger(Small());
        await ledger.ExpireDueAsync(T0 + Duration.FromHours(1));

        // The ledger's time is already T0 + 1h: a late request stamped T0 holding for 30 minutes is dead on arrival.
        var result = await ledger.ReserveAsync(Request("k1", "root/a", 1m, T0, holdFor: Duration.FromMinutes(30)));

        Assert.Equal(BudgetDenialCode.AlreadyExpired, result.Denial!.Code);
        Assert.Equal(Cny(0m), (await ledger.GetSnapshotAsync(T0))["root"].Reserved);
    }

    // ---- pacing -----------------------------------------------------------------------------------------------

    [Fact]
    public async Task An_even_plan_releases_a_third_per_day_and_denies_beyond_it()
    {
        var ledger = CreateLedger(Paced(PacingPlan.Even()));

        Assert.True((await ledger.ReserveAsync(Request("k1", "c", 30m, Day(1, 1)))).IsReserved);
        var denied = await ledger.ReserveAsync(Request("k2", "c", 0.01m, Day(1, 2)));

        Assert.Equal(BudgetDenialCode.PacingLimitReached, denied.Denial!.Code);
        Assert.Equal("c", denied.Denial.NodePath);
        Assert.Equal(Cny(0m), denied.Denial.Remaining);
        Assert.True((await ledger.ReserveAsync(Request("k3", "c", 30m, Day(2, 0)))).IsReserved);
        await AssertInvariants(ledger, Day(2, 0));
    }

    [Fact]
    public async Task Without_roll_over_a_day_unspent_money_is_not_offered_again()
    {
        var ledger = CreateLedger(Paced(PacingPlan.Even(rollOver: false)));

        var denied = await ledger.ReserveAsync(Request("k1", "c", 30.01m, Day(2, 1)));

        Assert.Equal(BudgetDenialCode.PacingLimitReached, denied.Denial!.Code);
        Assert.Equal(Cny(30m), denied.Denial.Remaining);
        var day2 = (await ledger.GetSnapshotAsync(Day(2, 1)))["c"].Days[1];
        Assert.Equal((Cny(30m), Cny(0m), Cny(30m)), (day2.Limit, day2.CarriedIn, day2.Released));
    }

    [Fact]
    public async Task With_roll_over_a_day_unspent_money_is_carried_to_the_next_days()
    {
        var ledger = CreateLedger(Paced(PacingPlan.Even(rollOver: true)));
        await ledger.ReserveAsync(Request("k0", "c", 10m, Day(1, 1)));

        var result = await ledger.ReserveAsync(Request("k1", "c", 50m, Day(2, 1)));

        Assert.True(result.IsReserved);
        Assert.Equal(2, result.DayNumber);
        var days = (await ledger.GetSnapshotAsync(Day(2, 1)))["c"].Days;
        Assert.Equal((Cny(20m), Cny(50m), Cny(50m), Cny(0m)), (days[1].CarriedIn, days[1].Limit, days[1].Reserved, days[1].Available));
        Assert.Equal(Cny(30m), days[2].Limit);
        await AssertInvariants(ledger, Day(2, 1));
    }

    [Fact]
    public async Task With_roll_over_a_late_reservation_on_an_earlier_day_cannot_push_a_later_day_over()
    {
        // Day 2 used day 1's 30 plus its own 30; a late request stamped on day 1 must not fit anymore.
        var ledger = CreateLedger(Paced(PacingPlan.Even(rollOver: true)));
        Assert.True((await ledger.ReserveAsync(Request("k0", "c", 60m, Day(2, 1)))).IsReserved);

        var late = await ledger.ReserveAsync(Request("k1", "c", 0.01m, Day(1, 23)));

        Assert.Equal(BudgetDenialCode.PacingLimitReached, late.Denial!.Code);
        await AssertInvariants(ledger, Day(2, 1));
    }

    [Fact]
    public async Task A_linear_release_has_released_half_of_the_day_at_noon()
    {
        var ledger = CreateLedger(Paced(PacingPlan.Even(withinDay: IntraDayRelease.Linear)));

        Assert.False((await ledger.ReserveAsync(Request("k1", "c", 15.01m, Day(1, 12)))).IsReserved);
        Assert.True((await ledger.ReserveAsync(Request("k2", "c", 15m, Day(1, 12)))).IsReserved);
        Assert.Equal(Cny(15m), (await ledger.GetSnapshotAsync(Day(1, 12)))["c"].Days[0].Released);
        await AssertInvariants(ledger, Day(1, 12));
    }

    [Fact]
    public async Task A_stepped_release_releases_each_slice_at_its_start()
    {
        // Four six-hour slices weighted 1:1:1:1 -> 7.50 per slice of the day's 30.00.
        var ledger = CreateLedger(Paced(PacingPlan.Even(withinDay: IntraDayRelease.Steps(1, 1, 1, 1))));

        Assert.Equal(Cny(7.5m), (await ledger.GetSnapshotAsync(Day(1, 5, 59)))["c"].Days[0].Released);
        Assert.False((await ledger.ReserveAsync(Request("k1", "c", 7.51m, Day(1, 5, 59)))).IsReserved);
        Assert.True((await ledger.ReserveAsync(Request("k2", "c", 15m, Day(1, 6)))).IsReserved);
    }

    [Fact]
    public async Task A_reservation_outside_the_window_is_denied()
    {
        var ledger = CreateLedger(Paced(PacingPlan.Even()));

        var before = await ledger.ReserveAsync(Request("k1", "c", 1m, Day(1) - Duration.Epsilon));
        var after = await ledger.ReserveAsync(Request("k2", "c", 1m, ThreeDays.End));

        Assert.Equal(BudgetDenialCode.OutsideWindow, before.Denial!.Code);
        Assert.Equal(BudgetDenialCode.OutsideWindow, after.Denial!.Code);
    }

    // ---- participant caps -------------------------------------------------------------------------------------

    [Fact]
    public async Task The_campaign_amount_cap_counts_holds_and_grants_and_gets_money_back_on_release()
    {
        var ledger = CreateLedger(Capped(new ParticipantCaps { MaxAmountPerCampaign = Cny(100m) }));
        var first = (await ledger.ReserveAsync(Request("k1", "root/food", 60m, Day(1, 1)))).ReservationId;
        await ledger.CommitAsync(first, Cny(50m), Day(1, 1));

        var denied = await ledger.ReserveAsync(Request("k2", "root/food", 50.01m, Day(2, 1)));
        var otherParticipant = await ledger.ReserveAsync(Request("k3", "root/food", 50.01m, Day(2, 1), participant: "bob"));

        Assert.Equal(BudgetDenialCode.CapAmountReached, denied.Denial!.Code);
        Assert.Equal(CapKind.AmountPerCampaign, denied.Denial.Cap);
        Assert.Equal(Cny(50m), denied.Denial.Remaining);
        Assert.True(otherParticipant.IsReserved);
        Assert.True((await ledger.ReserveAsync(Request("k4", "root/food", 50m, Day(2, 1)))).IsReserved);
    }

    [Fact]
    public async Task The_grant_caps_count_per_day_and_per_campaign()
    {
        var ledger = CreateLedger(Capped(new ParticipantCaps { MaxGrantsPerDay = 2, MaxGrantsPerCampaign = 3 }));
        Assert.True((await ledger.ReserveAsync(Request("k1", "root/food", 1m, Day(1, 1)))).IsReserved);
        Assert.True((await ledger.ReserveAsync(Request("k2", "root/food", 1m, Day(1, 2)))).IsReserved);

        var thirdToday = await ledger.ReserveAsync(Request("k3", "root/food", 1m, Day(1, 3)));
        Assert.True((await ledger.ReserveAsync(Request("k4", "root/food", 1m, Day(2, 1)))).IsReserved);
        var fourthOverall = await ledger.ReserveAsync(Request("k5", "root/food", 1m, Day(3, 1)));

        Assert.Equal((BudgetDenialCode.CapGrantsReached, CapKind.GrantsPerDay, 0), (thirdToday.Denial!.Code, thirdToday.Denial.Cap!.Value, thirdToday.Denial.RemainingGrants!.Value));
        Assert.Equal((BudgetDenialCode.CapGrantsReached, CapKind.GrantsPerCampaign), (fourthOverall.Denial!.Code, fourthOverall.Denial.Cap!.Value));
    }

    [Fact]
    public async Task The_daily_amount_cap_resets_on_the_next_campaign_day()
    {
        var ledger = CreateLedger(Capped(new ParticipantCaps { MaxAmountPerDay = Cny(10m) }));
        Assert.True((await ledger.ReserveAsync(Request("k1", "root/food", 10m, Day(1, 23, 59)))).IsReserved);

        Assert.Equal(CapKind.AmountPerDay, (await ledger.ReserveAsync(Request("k2", "root/food", 0.01m, Day(1, 23, 59)))).Denial!.Cap);
        Assert.True((await ledger.ReserveAsync(Request("k3", "root/food", 10m, Day(2, 0)))).IsReserved);
    }

    [Fact]
    public async Task A_full_refund_gives_the_grant_back_to_the_count_cap_and_a_partial_refund_does_not()
    {
        var ledger = CreateLedger(Capped(new ParticipantCaps { MaxGrantsPerCampaign = 1, MaxAmountPerCampaign = Cny(10m) }));
        var id = (await ledger.ReserveAsync(Request("k1", "root/food", 10m, Day(1, 1)))).ReservationId;
        await ledger.CommitAsync(id, Cny(10m), Day(1, 1));

        await ledger.RefundAsync(new RefundRequest("r1", id, Cny(4m), Day(1, 2)));
        Assert.Equal(BudgetDenialCode.CapGrantsReached, (await ledger.ReserveAsync(Request("k2", "root/food", 1m, Day(1, 3)))).Denial!.Code);
        await ledger.RefundAsync(new RefundRequest("r2", id, Cny(6m), Day(1, 4)));

        Assert.True((await ledger.ReserveAsync(Request("k3", "root/food", 10m, Day(1, 5)))).IsReserved);
    }

    [Fact]
    public async Task Participant_usage_reports_every_cap_with_what_was_used()
    {
        var ledger = CreateLedger(Capped(new ParticipantCaps { MaxAmountPerCampaign = Cny(100m), MaxGrantsPerDay = 3 }));
        var id = (await ledger.ReserveAsync(Request("k1", "root/food", 30m, Day(2, 1)))).ReservationId;
        await ledger.CommitAsync(id, Cny(25m), Day(2, 1));

        var usage = await ledger.GetParticipantUsageAsync("alice");

        Assert.Contains(new ParticipantCapUsage("root/food", CapKind.AmountPerCampaign, 0, 10000, 2500), usage);
        Assert.Contains(new ParticipantCapUsage("root/food", CapKind.GrantsPerDay, 2, 3, 1), usage);
        Assert.Contains(new ParticipantCapUsage("root/food", CapKind.GrantsPerDay, 1, 3, 0), usage);
        Assert.Equal(4, usage.Count); // one campaign cap + three days of the daily cap
        Assert.All((await ledger.GetParticipantUsageAsync("nobody")), u => Assert.Equal(0, u.Used));
    }

    [Fact]
    public async Task A_cap_denial_moves_no_balance_on_any_node()
    {
        var ledger = CreateLedger(Capped(new ParticipantCaps { MaxGrantsPerCampaign = 1 }));
        await ledger.ReserveAsync(Request("k1", "root/food", 1m, Day(1, 1)));
        var before = await ledger.GetSnapshotAsync(Day(1, 1));

        Assert.False((await ledger.ReserveAsync(Request("k2", "root/food", 1m, Day(1, 1)))).IsReserved);

        await AssertUnchanged(before, ledger);
        Assert.Equal(1, (await ledger.GetParticipantUsageAsync("alice")).Single(u => u.Cap == CapKind.GrantsPerCampaign).Used);
    }
}
