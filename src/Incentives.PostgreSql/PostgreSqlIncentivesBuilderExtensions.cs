using System;
using Incentives.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Npgsql;

namespace Incentives.PostgreSql;

/// <summary>
/// Makes <c>services.AddIncentives(...)</c> keep every budget in PostgreSQL: <c>.UsePostgreSql(dataSource)</c> or
/// <c>.UsePostgreSql(connectionString)</c>.
/// </summary>
/// <remarks>
/// Each budget's ledger is opened with <see cref="PostgreSqlBudgetLedger.OpenAsync"/> under the budget's id when the engine is
/// first resolved. The schema is not created here: run <see cref="PostgreSqlLedgerSchema.MigrateAsync"/> at start-up or
/// deployment, before the engine is resolved (an app should not migrate its database as a side effect of a DI resolution).
/// </remarks>
public static class PostgreSqlIncentivesBuilderExtensions
{
    /// <summary>Keeps every budget of the programme in PostgreSQL, through <paramref name="dataSource"/>.</summary>
    /// <param name="builder">The Incentives builder.</param>
    /// <param name="dataSource">The database; the app owns and disposes it.</param>
    /// <param name="options">Schema and retry options; defaults when null.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="dataSource"/> is null.</exception>
    public static IncentivesBuilder UsePostgreSql(this IncentivesBuilder builder, NpgsqlDataSource dataSource, PostgreSqlLedgerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(dataSource);
        return builder.UseLedger((_, budgetId, tree) => Open(dataSource, budgetId, tree, options));
    }

    /// <summary>
    /// Keeps every budget of the programme in PostgreSQL, through an <see cref="NpgsqlDataSource"/> registered for
    /// <paramref name="connectionString"/> (unless the app registered one already, which then wins).
    /// </summary>
    /// <param name="builder">The Incentives builder.</param>
    /// <param name="connectionString">An Npgsql connection string.</param>
    /// <param name="options">Schema and retry options; defaults when null.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="connectionString"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty.</exception>
    public static IncentivesBuilder UsePostgreSql(this IncentivesBuilder builder, string connectionString, PostgreSqlLedgerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        builder.Services.TryAddSingleton(_ => NpgsqlDataSource.Create(connectionString));
        return builder.UseLedger((provider, budgetId, tree) =>
            Open(provider.GetRequiredService<NpgsqlDataSource>(), budgetId, tree, options));
    }

    // The DI ledger factory is synchronous; opening runs once per budget, at the engine's first resolution.
    private static PostgreSqlBudgetLedger Open(NpgsqlDataSource dataSource, string budgetId, Budgets.BudgetTree tree, PostgreSqlLedgerOptions? options) =>
        PostgreSqlBudgetLedger.OpenAsync(dataSource, budgetId, tree, options).GetAwaiter().GetResult();
}
