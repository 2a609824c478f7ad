using System.Collections.Generic;
using System.Linq;
using Incentives.Budgets;
using Incentives.Campaigns;
using NodaTime;
using NodaTime.Text;

namespace Incentives.Samples.WebApi;

/// <summary>The answer to <c>POST /claims</c>: the grants, and why each other campaign did not grant.</summary>
public sealed record ClaimResponse(string IdempotencyKey, string ParticipantId, bool Granted, bool Replay, IReadOnlyList<GrantResponse> Grants, IReadOnlyList<DenialResponse> Denials)
{
    internal static ClaimResponse From(ClaimResult result) => new(
        result.IdempotencyKey,
        result.ParticipantId,
        result.IsGranted,
        result.IsReplay,
        result.Grants.Select(GrantResponse.From).ToList(),
        result.Denials.Select(DenialResponse.From).ToList());
}

/// <summary>One grant; <see cref="Id"/> is the grant's reference for <c>/grants/{id}/...</c>.</summary>
public sealed record GrantResponse(string Id, string CampaignId, string BudgetId, string NodePath, Money Amount, string ReservedAt, string ExpiresAt)
{
    internal static GrantResponse From(CampaignGrant grant) => new(
        grant.Reference.ToString(), grant.CampaignId, grant.BudgetId, grant.NodePath, grant.Amount, Iso(grant.ReservedAt), Iso(grant.ExpiresAt));

    internal static string Iso(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
}

/// <summary>Why a campaign did not grant: a machine-readable code and a message.</summary>
public sealed record DenialResponse(string? CampaignId, string Code, string Message, string? NodePath, IReadOnlyList<string> EligibilityFailures)
{
    internal static DenialResponse From(DenialReason reason) => new(
        reason.CampaignId, reason.Code, reason.Message, reason.NodePath, reason.EligibilityFailures.Select(f => f.Code).ToList());
}

/// <summary>The outcome of a commit, release or refund.</summary>
public sealed record LedgerResponse(string Grant, string Operation, Money Amount, Money Returned, bool Replay)
{
    internal static LedgerResponse From(LedgerResult result, GrantReference grant) => new(
        grant.ToString(), result.Operation.ToString().ToLowerInvariant(), result.Amount, result.Returned, result.IsReplay);
}

/// <summary>A campaign of the programme.</summary>
public sealed record CampaignResponse(string Id, string Name, string Currency, string BudgetId, int Priority, string Stacking, string Hold)
{
    internal static CampaignResponse From(Campaign campaign) => new(
        campaign.Id, campaign.Name, campaign.Currency.Code, campaign.BudgetId, campaign.Priority,
        char.ToLowerInvariant(campaign.Stacking.ToString()[0]) + campaign.Stacking.ToString()[1..],
        PeriodPattern.NormalizingIso.Format(Period.FromSeconds((long)campaign.Hold.TotalSeconds).Normalize()));
}

/// <summary>One budget (ledger): every node, and every day of a paced node.</summary>
public sealed record BudgetResponse(string Id, string AsOf, IReadOnlyList<BudgetNodeResponse> Nodes)
{
    internal static BudgetResponse From(string id, LedgerSnapshot snapshot) => new(
        id,
        GrantResponse.Iso(snapshot.AsOf),
        snapshot.Nodes.Select(n => new BudgetNodeResponse(
            n.Path, n.Limit, n.Released, n.Reserved, n.Committed, n.Available,
            n.Days.Select(d => new BudgetDayResponse(d.Day.Number, LocalDatePattern.Iso.Format(d.Day.Date), d.Limit, d.Released, d.Reserved, d.Committed, d.Available)).ToList()))
        .ToList());
}

/// <summary>One node: limit, released, reserved, committed, available (<c>limit = available + reserved + committed</c>).</summary>
public sealed record BudgetNodeResponse(string Path, Money Limit, Money Released, Money Reserved, Money Committed, Money Available, IReadOnlyList<BudgetDayResponse> Days);

/// <summary>One campaign day of a paced node.</summary>
public sealed record BudgetDayResponse(int Day, string Date, Money Limit, Money Released, Money Reserved, Money Committed, Money Available);
