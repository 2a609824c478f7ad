namespace Incentives.PostgreSql;

/// <summary>Options of <see cref="PostgreSqlBudgetLedger"/>.</summary>
/// <remarks>Defaults: schema <c>incentives</c>, 5 attempts per operation.</remarks>
public sealed class PostgreSqlLedgerOptions
{
    /// <summary>The PostgreSQL schema that holds the ledger tables (lower-case letters, digits, '_'). Default <c>incentives</c>.</summary>
    public string Schema { get; init; } = PostgreSqlLedgerSchema.DefaultSchema;

    /// <summary>
    /// How many times one operation is tried when it meets a transient failure (serialization failure, deadlock, lost
    /// connection, server restarting) before a <see cref="PostgreSqlLedgerException"/> is thrown. Default 5.
    /// </summary>
    public int MaxAttempts { get; init; } = 5;
}
