using System;

namespace Incentives.Budgets;

/// <summary>The argument checks every ledger applies before anything moves, so that all implementations throw alike.</summary>
public static class LedgerArguments
{
    /// <summary>Checks a reservation request and resolves its node.</summary>
    /// <param name="tree">The ledger's tree.</param>
    /// <param name="request">The request.</param>
    /// <returns>The node named by the request.</returns>
    /// <exception cref="ArgumentNullException">The tree, key, path or participant is null.</exception>
    /// <exception cref="ArgumentException">An empty key or participant, an unknown path, an amount in another currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not positive, or the expiry is not after the instant.</exception>
    public static BudgetNode CheckReserve(BudgetTree tree, in ReserveRequest request)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentException.ThrowIfNullOrEmpty(request.IdempotencyKey, "request.IdempotencyKey");
        ArgumentException.ThrowIfNullOrEmpty(request.ParticipantId, "request.ParticipantId");
        ArgumentNullException.ThrowIfNull(request.NodePath, "request.NodePath");
        if (!tree.TryGetNode(request.NodePath, out var node))
        {
            throw new ArgumentException($"The budget tree has no node '{request.NodePath}'.", "request.NodePath");
        }

        CheckAmount(tree, request.Amount, "request.Amount");
        if (request.ExpiresAt <= request.Instant)
        {
            throw new ArgumentOutOfRangeException(
                "request.ExpiresAt", request.ExpiresAt, $"The expiry must be after the reservation instant {request.Instant}.");
        }

        return node;
    }

    /// <summary>Checks a refund request.</summary>
    /// <param name="tree">The ledger's tree.</param>
    /// <param name="request">The request.</param>
    /// <exception cref="ArgumentNullException">The tree or key is null.</exception>
    /// <exception cref="ArgumentException">An empty key, an amount in another currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not positive.</exception>
    public static void CheckRefund(BudgetTree tree, in RefundRequest request)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentException.ThrowIfNullOrEmpty(request.IdempotencyKey, "request.IdempotencyKey");
        CheckAmount(tree, request.Amount, "request.Amount");
    }

    /// <summary>Checks that an amount is positive and in the tree's currency.</summary>
    /// <param name="tree">The ledger's tree.</param>
    /// <param name="amount">The amount.</param>
    /// <param name="paramName">The parameter name to report.</param>
    /// <exception cref="CurrencyMismatchException">The amount is in another currency.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The amount is not positive.</exception>
    public static void CheckAmount(BudgetTree tree, Money amount, string paramName)
    {
        ArgumentNullException.ThrowIfNull(tree);
        if (amount.Currency != tree.Currency)
        {
            throw new CurrencyMismatchException(tree.Currency, amount.Currency, paramName);
        }

        if (!amount.IsPositive)
        {
            throw new ArgumentOutOfRangeException(paramName, amount, "The amount must be greater than zero.");
        }
    }
}
