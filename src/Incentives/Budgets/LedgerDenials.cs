using System;
using System.Globalization;
using NodaTime;

namespace Incentives.Budgets;

/// <summary>
/// The denials every ledger gives for the same cause, with the same code and the same words, so that the in-memory and the
/// durable stores are indistinguishable to a caller (and to the shared contract tests).
/// </summary>
internal static class LedgerDenials
{
    internal static BudgetDenial KeyConflict(string key) => new(
        BudgetDenialCode.IdempotencyKeyConflict,
        $"The idempotency key '{key}' was already used for a different request; use a new key for a new request.");

    /// <param name="id">The unknown id.</param>
    /// <param name="lastId">The highest id the ledger ever issued: an id at or below it was pruned, not never issued.</param>
    internal static BudgetDenial UnknownReservation(ReservationId id, long lastId) => new(
        BudgetDenialCode.UnknownReservation,
        id.Value >= 1 && id.Value <= lastId
            ? $"{id} was settled before a retention cut-off and has been pruned from this ledger."
            : $"No reservation has the id {id}.");

    internal static BudgetDenial NotHeld(ReservationId id, ReservationState state, Instant expiresAt, string path) =>
        state == ReservationState.Expired
            ? new BudgetDenial(BudgetDenialCode.ReservationExpired, $"{id} expired at {expiresAt}; reserve again.", path)
            : new BudgetDenial(BudgetDenialCode.AlreadySettled, $"{id} is already {state}.", path);

    internal static BudgetDenial AlreadyExpired(Instant expiresAt, Instant now) =>
        new(BudgetDenialCode.AlreadyExpired, $"The expiry {expiresAt} is not after the ledger's time {now}.");

    internal static BudgetDenial OutsideWindow(Instant instant, BudgetTree tree) =>
        new(BudgetDenialCode.OutsideWindow, $"{instant} is outside the campaign window {tree.Window}.");

    internal static BudgetDenial AmountCap(BudgetNode node, CapKind cap, long left, string scope, Currency currency)
    {
        var remaining = new Money(Math.Max(0, left), currency);
        return new(
            BudgetDenialCode.CapAmountReached,
            $"The participant has {remaining} left of the {cap} cap of '{node.Path}' {scope}.",
            node.Path,
            cap,
            remaining: remaining);
    }

    internal static BudgetDenial GrantCap(BudgetNode node, CapKind cap, int left, string scope) => new(
        BudgetDenialCode.CapGrantsReached,
        $"The participant has {Math.Max(0, left).ToString(CultureInfo.InvariantCulture)} grants left of the {cap} cap of '{node.Path}' {scope}.",
        node.Path,
        cap,
        remainingGrants: Math.Max(0, left));
}
