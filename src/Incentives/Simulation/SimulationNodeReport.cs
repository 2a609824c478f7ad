using System.Collections.Generic;

namespace Incentives.Simulation;

/// <summary>One budget node in a <see cref="SimulationReport"/>: the ledger's final figures, the simulator's flows, and when it ran out.</summary>
/// <param name="BudgetId">The budget (ledger) id.</param>
/// <param name="Path">The node's path.</param>
/// <param name="Limit">The node's limit.</param>
/// <param name="Reserved">Held on reservations at the end (ledger snapshot).</param>
/// <param name="Committed">Committed net of refunds at the end (ledger snapshot).</param>
/// <param name="Available">Not used at the end (ledger snapshot): <c>Limit - Reserved - Committed</c>.</param>
/// <param name="Flows">The money that flowed through the node over the whole run.</param>
/// <param name="ExhaustedAt">The first claim instant refused because the node's whole limit was used (ISO), or <see langword="null"/>.</param>
/// <param name="Days">The node's figures per campaign day.</param>
public sealed record SimulationNodeReport(
    string BudgetId, string Path, Money Limit, Money Reserved, Money Committed, Money Available, FlowFigures Flows, string? ExhaustedAt,
    IReadOnlyList<SimulationNodeDay> Days);
