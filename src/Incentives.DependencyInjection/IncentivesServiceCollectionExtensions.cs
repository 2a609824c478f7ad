using System;
using System.Linq;
using FluentValidation;
using Incentives.Campaigns;
using Incentives.Campaigns.Json;
using Incentives.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Incentives (a <see cref="CampaignEngine"/> over campaigns and budgets) in an <see cref="IServiceCollection"/>.</summary>
/// <remarks>
/// <para>Registered as singletons with <c>TryAdd</c>: <see cref="CampaignEngine"/> and <see cref="CampaignProgramme"/> (keyed by
/// the name for a named programme), and the validators <see cref="IValidator{T}"/> of <see cref="CampaignDefinition"/> and
/// <see cref="CampaignProgrammeDefinition"/>. Calling <c>AddIncentives</c> twice with the same name adds the second call's
/// definitions to the same programme and registers everything once.</para>
/// <para>Definitions are validated when the engine (or the programme) is first resolved: one
/// <see cref="ValidationException"/> lists every problem, never in the middle of a claim.</para>
/// </remarks>
public static class IncentivesServiceCollectionExtensions
{
    /// <summary>Registers the default (unkeyed) engine and configures its programme.</summary>
    /// <param name="services">The services.</param>
    /// <param name="configure">Adds campaigns and budgets, chooses the ledger and the clock.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static IServiceCollection AddIncentives(this IServiceCollection services, Action<IncentivesBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(services.AddIncentives());
        return services;
    }

    /// <summary>Registers an engine keyed by <paramref name="name"/> (resolve it with <c>[FromKeyedServices(name)]</c>) and configures its programme.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The programme's name, used as the service key.</param>
    /// <param name="configure">Adds campaigns and budgets, chooses the ledger and the clock.</param>
    /// <returns>The same services, for chaining.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank.</exception>
    public static IServiceCollection AddIncentives(this IServiceCollection services, string name, Action<IncentivesBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        configure(services.AddIncentives(name));
        return services;
    }

    /// <summary>Registers the default (unkeyed) engine and returns the builder of its programme.</summary>
    /// <param name="services">The services.</param>
    /// <returns>The builder (the same one on every call).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="services"/> is null.</exception>
    public static IncentivesBuilder AddIncentives(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return Register(services, null);
    }

    /// <summary>Registers an engine keyed by <paramref name="name"/> and returns the builder of its programme.</summary>
    /// <param name="services">The services.</param>
    /// <param name="name">The programme's name, used as the service key.</param>
    /// <returns>The builder (the same one on every call with this name).</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is blank.</exception>
    public static IncentivesBuilder AddIncentives(this IServiceCollection services, string name)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return Register(services, name);
    }

    private static IncentivesBuilder Register(IServiceCollection services, string? name)
    {
        services.TryAddSingleton<IValidator<CampaignDefinition>, CampaignDefinitionValidator>();
        services.TryAddSingleton<IValidator<CampaignProgrammeDefinition>, CampaignProgrammeDefinitionValidator>();

        var existing = services.FirstOrDefault(d => d.ServiceType == typeof(IncentivesRegistration) && Equals(d.ServiceKey, name));
        if (existing is not null)
        {
            return ((IncentivesRegistration)(existing.IsKeyedService ? existing.KeyedImplementationInstance! : existing.ImplementationInstance!)).Builder;
        }

        var registration = new IncentivesRegistration(new IncentivesBuilder(services, name));
        if (name is null)
        {
            services.AddSingleton(registration);
            services.TryAddSingleton(sp => sp.GetRequiredService<IncentivesRegistration>().BuildProgramme());
            services.TryAddSingleton(sp => sp.GetRequiredService<IncentivesRegistration>().BuildEngine(sp));
        }
        else
        {
            services.AddKeyedSingleton(name, registration);
            services.TryAddKeyedSingleton(name, (sp, key) => sp.GetRequiredKeyedService<IncentivesRegistration>(key).BuildProgramme());
            services.TryAddKeyedSingleton(name, (sp, key) => sp.GetRequiredKeyedService<IncentivesRegistration>(key).BuildEngine(sp));
        }

        return registration.Builder;
    }
}
