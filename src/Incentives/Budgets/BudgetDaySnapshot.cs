using Incentives.Time;

namespace Incentives.Budgets;

/// <summary>One campaign day of a paced node, as of a snapshot's instant.</summary>
/// <remarks>
/// <c>Limit == Available + Reserved + Committed</c> and <c>Reserved + Committed &lt;= Released &lt;= Limit</c> always hold.
/// Without roll-over <c>Limit == Planned</c>. With roll-over <c>Limit == Planned + CarriedIn</c>, where
/// <c>CarriedIn</c> is what the earlier days' plans allowed and they did not use.
/// </remarks>
/// <param name="Day">The campaign day.</param>
/// <param name="Planned">The day's amount in the pacing plan.</param>
/// <param name="CarriedIn">Unused money of earlier days available on this day (roll-over only; otherwise zero).</param>
/// <param name="Limit">The most this day may hold and grant: <c>Planned + CarriedIn</c>.</param>
/// <param name="Released">How much of <paramref name="Limit"/> has been released as of the snapshot (carried-in money counts as released).</param>
/// <param name="Reserved">Held on reservations of this day.</param>
/// <param name="Committed">Committed on grants of this day, net of refunds.</param>
/// <param name="Available">Not yet used: <c>Limit - Reserved - Committed</c>.</param>
public readonly record struct BudgetDaySnapshot(
    CampaignDay Day, Money Planned, Money CarriedIn, Money Limit, Money Released, Money Reserved, Money Committed, Money Available);
