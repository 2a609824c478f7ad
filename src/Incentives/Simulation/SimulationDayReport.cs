using System.Collections.Generic;

namespace Incentives.Simulation;

/// <summary>One campaign day of a <see cref="SimulationReport"/>, over all budgets.</summary>
/// <param name="Date">The local date (ISO <c>yyyy-MM-dd</c>).</param>
/// <param name="Claims">How many claims arrived on the day.</param>
/// <param name="GrantedClaims">How many of them were granted.</param>
/// <param name="Flows">The money granted on the day's claims (summed over the budgets' root nodes) and what became of it.</param>
/// <param name="Denials">Denials of the day's refused claims by reason code.</param>
public sealed record SimulationDayReport(string Date, long Claims, long GrantedClaims, FlowFigures Flows, IReadOnlyDictionary<string, long> Denials);
