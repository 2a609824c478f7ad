using System;
using System.Collections.Generic;
using FluentValidation;
using FluentValidation.Results;
using Incentives.Eligibility;
using Incentives.Rewards;
using Incentives.Time;
using NodaTime;

namespace Incentives.Campaigns;

/// <summary>Builds a <see cref="Campaign"/> in code. Start with <see cref="Campaign.Create(string)"/>.</summary>
/// <remarks>Every method returns the same builder. <see cref="Build"/> reports every missing or invalid part at once.</remarks>
public sealed class CampaignBuilder
{
    internal CampaignBuilder(string id) => Id = id;

    internal string Id { get; }

    internal string? Name { get; private set; }

    internal ICampaignSchedule? Schedule { get; private set; }

    internal EligibilityRule? Rule { get; private set; }

    internal RewardPolicy? Reward { get; private set; }

    internal string? BudgetId { get; private set; }

    internal BudgetRoute? Route { get; private set; }

    internal Duration Hold { get; private set; } = Campaign.DefaultHold;

    internal int Priority { get; private set; }

    internal StackingMode Stacking { get; private set; } = StackingMode.Exclusive;

    /// <summary>Sets the display name.</summary>
    /// <param name="name">The name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or blank.</exception>
    public CampaignBuilder Named(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
        return this;
    }

    /// <summary>Sets when the campaign is open (a <see cref="CampaignWindow"/> or a <see cref="SlotSchedule"/>). Required.</summary>
    /// <param name="schedule">The schedule.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="schedule"/> is null.</exception>
    public CampaignBuilder During(ICampaignSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        Schedule = schedule;
        return this;
    }

    /// <summary>Sets the eligibility rule. Optional: without one, every claim inside the window qualifies.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public CampaignBuilder When(EligibilityRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        Rule = rule;
        return this;
    }

    /// <summary>Sets the reward policy. Required.</summary>
    /// <param name="reward">The policy.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="reward"/> is null.</exception>
    public CampaignBuilder Rewarding(RewardPolicy reward)
    {
        ArgumentNullException.ThrowIfNull(reward);
        Reward = reward;
        return this;
    }

    /// <summary>Sets the budget that pays and the node a claim draws from. Required.</summary>
    /// <param name="budgetId">The budget id, as registered with the engine or the programme.</param>
    /// <param name="route">The route to a node.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="budgetId"/> is not a valid id.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="route"/> is null.</exception>
    public CampaignBuilder DrawingFrom(string budgetId, BudgetRoute route)
    {
        if (!Campaign.IsValidId(budgetId))
        {
            throw new ArgumentException($"'{budgetId}' is not a budget id: use lower-case letters, digits, '.', '_' and '-'.", nameof(budgetId));
        }

        ArgumentNullException.ThrowIfNull(route);
        BudgetId = budgetId;
        Route = route;
        return this;
    }

    /// <summary>Sets the budget that pays and a path template (<c>{channel}</c>, <c>{category}</c>) for the node. Required.</summary>
    /// <param name="budgetId">The budget id.</param>
    /// <param name="pathTemplate">The path template or a fixed node path.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">An invalid budget id or a blank template.</exception>
    public CampaignBuilder DrawingFrom(string budgetId, string pathTemplate) => DrawingFrom(budgetId, BudgetRoute.Template(pathTemplate));

    /// <summary>Sets how long a grant is held before it expires unless committed. Default 15 minutes.</summary>
    /// <param name="hold">A positive duration.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="hold"/> is not positive.</exception>
    public CampaignBuilder HoldingFor(Duration hold)
    {
        if (hold <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(hold), hold, "A hold time must be positive.");
        }

        Hold = hold;
        return this;
    }

    /// <summary>Sets the priority (higher first). Default 0.</summary>
    /// <param name="priority">The priority.</param>
    /// <returns>This builder.</returns>
    public CampaignBuilder WithPriority(int priority)
    {
        Priority = priority;
        return this;
    }

    /// <summary>Sets how the campaign combines with others. Default <see cref="StackingMode.Exclusive"/>.</summary>
    /// <param name="stacking">The mode.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="stacking"/> is not a defined mode.</exception>
    public CampaignBuilder WithStacking(StackingMode stacking)
    {
        if (!Enum.IsDefined(stacking))
        {
            throw new ArgumentOutOfRangeException(nameof(stacking), stacking, "Use Exclusive, Stackable or BestForParticipant.");
        }

        Stacking = stacking;
        return this;
    }

    /// <summary>Builds the campaign.</summary>
    /// <returns>The campaign.</returns>
    /// <exception cref="ValidationException">The schedule, reward or budget is missing (every missing part is listed).</exception>
    public Campaign Build()
    {
        var failures = new List<ValidationFailure>();
        if (Schedule is null)
        {
            failures.Add(Missing("window", "The campaign needs a window: call During(...)."));
        }

        if (Reward is null)
        {
            failures.Add(Missing("reward", "The campaign needs a reward: call Rewarding(...)."));
        }

        if (BudgetId is null)
        {
            failures.Add(Missing("budget", "The campaign needs a budget: call DrawingFrom(...)."));
        }

        if (failures.Count > 0)
        {
            throw CampaignValidation.Exception($"Campaign '{Id}' is incomplete:", failures);
        }

        return new Campaign(this);
    }

    private static ValidationFailure Missing(string path, string message) => new(path, message) { ErrorCode = CampaignErrorCodes.Required };
}
