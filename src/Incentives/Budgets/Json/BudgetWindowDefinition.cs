namespace Incentives.Budgets.Json;

/// <summary>The campaign window of a budget tree: local date-times in a zone, half-open <c>[start, end)</c>.</summary>
public sealed class BudgetWindowDefinition
{
    /// <summary>Gets or sets the first local date-time, ISO format, e.g. <c>2026-02-15T00:00:00</c>.</summary>
    public string? Start { get; set; }

    /// <summary>Gets or sets the end (exclusive), e.g. <c>2026-02-24T00:00:00</c>.</summary>
    public string? End { get; set; }

    /// <summary>Gets or sets the TZDB zone id, e.g. <c>Asia/Shanghai</c>.</summary>
    public string? Zone { get; set; }
}
