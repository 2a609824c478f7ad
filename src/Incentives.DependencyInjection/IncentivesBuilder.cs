using System;
using System.Collections.Generic;
using System.IO;
using Incentives.Budgets;
using Incentives.Budgets.Json;
using Incentives.Campaigns;
using Incentives.Campaigns.Json;
using Incentives.Rewards.Randomness;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Incentives.DependencyInjection;

/// <summary>
/// Configures one programme (campaigns, budgets, ledger, clock) registered by
/// <see cref="IncentivesServiceCollectionExtensions.AddIncentives(IServiceCollection, Action{IncentivesBuilder})"/>.
/// </summary>
/// <remarks>
/// <para>Nothing is parsed or validated when a method is called: definitions are kept and compiled when the engine is first
/// resolved, and every problem of every definition is reported then in one <see cref="FluentValidation.ValidationException"/>,
/// with paths <c>sources[i]...</c> (the i-th definition added).</para>
/// <para>Defaults: an <see cref="InMemoryBudgetLedger"/> per budget; the <see cref="IClock"/> registered in the container
/// (keyed by the programme's name first), else the system clock; <see cref="SecureRandomSource.Shared"/>; the
/// <see cref="System.Diagnostics.Metrics.IMeterFactory"/> registered in the container (by <c>services.AddMetrics()</c>) when there
/// is one; no retention.</para>
/// </remarks>
public sealed class IncentivesBuilder
{
    internal IncentivesBuilder(IServiceCollection services, string? name)
    {
        Services = services;
        Name = name;
    }

    /// <summary>Gets the service collection, for extensions (a durable ledger's package registers its services here).</summary>
    public IServiceCollection Services { get; }

    /// <summary>Gets the programme's name (the service key), or <see langword="null"/> for the default, unkeyed engine.</summary>
    public string? Name { get; }

    internal List<Source> Sources { get; } = [];

    internal Func<IServiceProvider, string, BudgetTree, IBudgetLedger>? LedgerFactory { get; private set; }

    internal IClock? Clock { get; private set; }

    internal IRandomSource? Random { get; private set; }

    internal Duration? Retention { get; private set; }

    /// <summary>Adds a campaign built in code.</summary>
    /// <param name="campaign">The campaign.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="campaign"/> is null.</exception>
    public IncentivesBuilder AddCampaign(Campaign campaign)
    {
        ArgumentNullException.ThrowIfNull(campaign);
        Sources.Add(new Source(campaign));
        return this;
    }

    /// <summary>Adds a campaign definition (validated at first resolution).</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public IncentivesBuilder AddCampaign(CampaignDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Sources.Add(new Source(definition));
        return this;
    }

    /// <summary>Adds a campaign as JSON text (read and validated at first resolution).</summary>
    /// <param name="json">The JSON of a <see cref="CampaignDefinition"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public IncentivesBuilder AddCampaignJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Sources.Add(new Source(new CampaignJsonText(json)));
        return this;
    }

    /// <summary>Adds a budget tree built in code under an id.</summary>
    /// <param name="budgetId">The budget id campaigns refer to.</param>
    /// <param name="tree">The tree.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public IncentivesBuilder AddBudget(string budgetId, BudgetTree tree)
    {
        ArgumentNullException.ThrowIfNull(budgetId);
        ArgumentNullException.ThrowIfNull(tree);
        Sources.Add(new Source(new ProgrammeBudget(budgetId, tree, null)));
        return this;
    }

    /// <summary>Adds a budget tree definition under an id (validated at first resolution).</summary>
    /// <param name="budgetId">The budget id campaigns refer to.</param>
    /// <param name="definition">The tree definition.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public IncentivesBuilder AddBudget(string budgetId, BudgetTreeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(budgetId);
        ArgumentNullException.ThrowIfNull(definition);
        Sources.Add(new Source(new ProgrammeBudget(budgetId, null, definition)));
        return this;
    }

    /// <summary>Adds a programme built in code (its campaigns and budgets).</summary>
    /// <param name="programme">The programme.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="programme"/> is null.</exception>
    public IncentivesBuilder AddProgramme(CampaignProgramme programme)
    {
        ArgumentNullException.ThrowIfNull(programme);
        Sources.Add(new Source(programme));
        return this;
    }

    /// <summary>Adds a programme definition (validated at first resolution).</summary>
    /// <param name="definition">The definition.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="definition"/> is null.</exception>
    public IncentivesBuilder AddProgramme(CampaignProgrammeDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        Sources.Add(new Source(definition));
        return this;
    }

    /// <summary>Adds a programme as JSON text: budgets and campaigns (read and validated at first resolution).</summary>
    /// <param name="json">The JSON of a <see cref="CampaignProgrammeDefinition"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    public IncentivesBuilder AddProgrammeJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        Sources.Add(new Source(new ProgrammeJsonText(json)));
        return this;
    }

    /// <summary>Adds a programme from a UTF-8 JSON stream, read now (the stream may be closed afterwards) and validated at first resolution.</summary>
    /// <param name="utf8Json">The stream, read to its end, not closed.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="utf8Json"/> is null.</exception>
    public IncentivesBuilder AddProgrammeJson(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var reader = new StreamReader(utf8Json, System.Text.Encoding.UTF8, detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return AddProgrammeJson(reader.ReadToEnd());
    }

    /// <summary>Makes every budget's ledger with <paramref name="factory"/> (called once per budget, at first resolution).</summary>
    /// <param name="factory">Makes the ledger from the provider, the budget id and its tree.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="factory"/> is null.</exception>
    public IncentivesBuilder UseLedger(Func<IServiceProvider, string, BudgetTree, IBudgetLedger> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        LedgerFactory = factory;
        return this;
    }

    /// <summary>
    /// Makes every budget's ledger as a <typeparamref name="TLedger"/>, created with
    /// <see cref="ActivatorUtilities"/>: its constructor takes the <see cref="BudgetTree"/> and any registered services.
    /// </summary>
    /// <typeparam name="TLedger">The ledger type.</typeparam>
    /// <returns>This builder.</returns>
    public IncentivesBuilder UseLedger<TLedger>()
        where TLedger : class, IBudgetLedger =>
        UseLedger((provider, _, tree) => ActivatorUtilities.CreateInstance<TLedger>(provider, tree));

    /// <summary>Uses <paramref name="clock"/>, whatever clock the container holds.</summary>
    /// <param name="clock">The clock.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="clock"/> is null.</exception>
    public IncentivesBuilder UseClock(IClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Clock = clock;
        return this;
    }

    /// <summary>Uses <paramref name="random"/> for random rewards (a seeded source makes tests and simulations repeatable).</summary>
    /// <param name="random">The random source.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="random"/> is null.</exception>
    public IncentivesBuilder UseRandom(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        Random = random;
        return this;
    }

    /// <summary>
    /// Makes the engine forget settled claims after <paramref name="retention"/> (<see cref="CampaignEngineOptions.Retention"/>),
    /// so that its memory stays bounded; with the default in-memory ledgers, their settled reservations are pruned too. Default:
    /// no retention (every claim is remembered for the engine's lifetime).
    /// </summary>
    /// <param name="retention">Longer than the longest time a client may retry a claim and than the refund period.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="retention"/> is zero, negative or longer than ten years.</exception>
    public IncentivesBuilder UseRetention(Duration retention)
    {
        CampaignEngineOptions.CheckRetention(retention, nameof(retention));
        Retention = retention;
        return this;
    }

    /// <summary>One definition added to the builder, compiled at first resolution.</summary>
    internal sealed record Source(object Value);

    /// <summary>JSON text of one campaign.</summary>
    internal sealed record CampaignJsonText(string Json);

    /// <summary>JSON text of a programme.</summary>
    internal sealed record ProgrammeJsonText(string Json);

    /// <summary>A budget added on its own: a tree, or a tree definition.</summary>
    internal sealed record ProgrammeBudget(string Id, BudgetTree? Tree, BudgetTreeDefinition? Definition);
}
