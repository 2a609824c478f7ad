namespace Incentives.Simulation;

/// <summary>
/// Money that flowed through a budget node (or a day of it) during a simulation, counted by the simulator from the engine's
/// results. Amounts are attributed to the node a grant drew from and to every ancestor, and to the campaign day of the claim.
/// </summary>
/// <remarks><c>Granted == Committed + Released + Outstanding</c> always holds; <c>Refunded &lt;= Committed</c>.</remarks>
/// <param name="Grants">How many grants were made.</param>
/// <param name="Granted">The total amount granted (reserved by claims).</param>
/// <param name="Committed">The amount committed (paid orders), before refunds.</param>
/// <param name="Released">The amount released (cancelled orders).</param>
/// <param name="Refunded">The amount refunded after commit.</param>
/// <param name="Outstanding">The amount still held when the simulation ended (neither committed nor released).</param>
public sealed record FlowFigures(long Grants, Money Granted, Money Committed, Money Released, Money Refunded, Money Outstanding);
