using System;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using FluentValidation;
using FluentValidation.Results;
using Incentives.Budgets;
using Incentives.Budgets.Json;
using Incentives.Campaigns;
using Incentives.Campaigns.Json;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Incentives.DependencyInjection;

/// <summary>The state of one programme registration, kept in the container so that a second call adds to the first.</summary>
internal sealed class IncentivesRegistration(IncentivesBuilder builder)
{
    public IncentivesBuilder Builder { get; } = builder;

    /// <summary>Compiles every source; throws one exception listing every failure of every source.</summary>
    public CampaignProgramme BuildProgramme()
    {
        var failures = new List<ValidationFailure>();
        var campaigns = new List<Campaign>();
        var paths = new List<string>();
        var trees = new Dictionary<string, BudgetTree>(StringComparer.Ordinal);
        var invalidBudgets = new HashSet<string>(StringComparer.Ordinal);
        var sources = Builder.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            var at = $"sources[{i}]";
            switch (sources[i].Value)
            {
                case Campaign campaign:
                    Add(campaign, at);
                    break;
                case CampaignDefinition definition:
                    Add(Try(() => CampaignJson.Compile(definition, at), at), at);
                    break;
                case IncentivesBuilder.CampaignJsonText text:
                    Add(Try(() => CampaignJson.Compile(CampaignJson.Deserialize(text.Json), at), at), at);
                    break;
                case CampaignProgramme programme:
                    AddProgramme(programme, at);
                    break;
                case CampaignProgrammeDefinition definition:
                    AddParts(definition, at);
                    break;
                case IncentivesBuilder.ProgrammeJsonText text:
                    AddParts(Try(() => CampaignProgrammeJson.Deserialize(text.Json), at), at);
                    break;
                case IncentivesBuilder.ProgrammeBudget budget:
                    AddTree(budget.Id, budget.Tree ?? Try(() => BudgetTreeJson.Compile(budget.Definition!), at), at);
                    break;
            }
        }

        // The cross-checks run over every source at once: a campaign may draw from a budget another source defines.
        CampaignChecks.CheckAll(campaigns, id => trees.GetValueOrDefault(id), i => paths[i], failures, invalidBudgets.Contains);
        if (failures.Count == 0)
        {
            return CampaignProgramme.Create(campaigns, trees, i => paths[i]);
        }

        var title = Builder.Name is null ? "The Incentives programme is invalid:" : $"The Incentives programme '{Builder.Name}' is invalid:";
        throw CampaignValidation.Exception(title, failures);

        void Add(Campaign? campaign, string path)
        {
            if (campaign is not null)
            {
                campaigns.Add(campaign);
                paths.Add(path);
            }
        }

        void AddProgramme(CampaignProgramme programme, string path)
        {
            for (var c = 0; c < programme.Campaigns.Count; c++)
            {
                Add(programme.Campaigns[c], $"{path}.campaigns[{c}]");
            }

            foreach (var (id, tree) in programme.Budgets)
            {
                AddTree(id, tree, path);
            }
        }

        void AddParts(CampaignProgrammeDefinition? definition, string path)
        {
            if (definition is null)
            {
                return;
            }

            var parts = CampaignCompiler.CompileParts(definition, path, failures);
            for (var c = 0; c < parts.Campaigns.Count; c++)
            {
                Add(parts.Campaigns[c], parts.Paths[c]);
            }

            foreach (var (id, tree) in parts.Trees)
            {
                AddTree(id, tree, path);
            }

            invalidBudgets.UnionWith(parts.InvalidBudgets);
        }

        void AddTree(string id, BudgetTree? tree, string path)
        {
            if (tree is null)
            {
                invalidBudgets.Add(id);
            }
            else if (!trees.TryAdd(id, tree))
            {
                failures.Add(new ValidationFailure(path, $"Budget '{id}' is defined by an earlier source too.") { ErrorCode = CampaignErrorCodes.DuplicateBudgetId });
            }
        }

        T? Try<T>(Func<T> compile, string path)
            where T : class
        {
            try
            {
                return compile();
            }
            catch (ValidationException e)
            {
                foreach (var error in e.Errors)
                {
                    // Failures of JSON reading carry paths relative to the document: root them at the source.
                    var rooted = error.PropertyName == path || error.PropertyName.StartsWith(path + ".", StringComparison.Ordinal)
                        ? error.PropertyName
                        : CampaignValidation.Join(path, error.PropertyName);
                    failures.Add(new ValidationFailure(rooted, error.ErrorMessage, error.AttemptedValue) { ErrorCode = error.ErrorCode });
                }

                return null;
            }
        }
    }

    public CampaignEngine BuildEngine(IServiceProvider provider)
    {
        var programme = BuildProgramme();
        var clock = Builder.Clock
            ?? (Builder.Name is null ? null : provider.GetKeyedService<IClock>(Builder.Name))
            ?? provider.GetService<IClock>()
            ?? DefaultClock();
        var factory = Builder.LedgerFactory;
        var options = new CampaignEngineOptions
        {
            Random = Builder.Random,
            MeterFactory = provider.GetService<IMeterFactory>(),
            Name = Builder.Name,
            Retention = Builder.Retention,
        };
        return factory is null
            ? new CampaignEngine(programme, clock, options)
            : new CampaignEngine(programme, (id, tree) => factory(provider, id, tree), clock, options);
    }

    /// <summary>The composition root's default: the one place the library reads the system clock.</summary>
    private static IClock DefaultClock()
    {
#pragma warning disable RS0030 // The DI composition root is where SystemClock.Instance is allowed: an app that registers an IClock (FakeClock in tests) never gets here.
        return SystemClock.Instance;
#pragma warning restore RS0030
    }
}
