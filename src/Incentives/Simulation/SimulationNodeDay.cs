namespace Incentives.Simulation;

/// <summary>One campaign day of one budget node in a <see cref="SimulationReport"/>.</summary>
/// <param name="Date">The local date of the campaign day (ISO <c>yyyy-MM-dd</c>).</param>
/// <param name="Flows">The money granted on this day's claims and what became of it.</param>
/// <param name="Limit">The day's limit from the ledger's pacing, or <see langword="null"/> when the node is not paced.</param>
/// <param name="Available">What the ledger had left of the day's limit at the end, or <see langword="null"/> when the node is not paced.</param>
/// <param name="RemainingAtEndOfDay">What the node had left in total (all days) at the end of this day, read from a ledger snapshot: the burn-down.</param>
/// <param name="DayExhaustedAt">The first claim instant refused because this day's pacing was used up (ISO), or <see langword="null"/>.</param>
public sealed record SimulationNodeDay(
    string Date, FlowFigures Flows, Money? Limit, Money? Available, Money RemainingAtEndOfDay, string? DayExhaustedAt);
