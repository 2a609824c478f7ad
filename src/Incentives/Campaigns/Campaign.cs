using System;
using System.Text.RegularExpressions;
using Incentives.Eligibility;
using Incentives.Rewards;
using Incentives.Time;
using NodaTime;

namespace Incentives.Campaigns;

/// <summary>
/// One campaign: when it is open (<see cref="Schedule"/>), who qualifies (<see cref="Rule"/>), how much they get
/// (<see cref="Reward"/>), which budget pays (<see cref="BudgetId"/> and <see cref="Route"/>), how long a grant is held before it
/// must be committed (<see cref="Hold"/>), and how it combines with other campaigns (<see cref="Priority"/>, <see cref="Stacking"/>).
/// </summary>
/// <remarks>
/// <para>Build one with <see cref="Create(string)"/> or load it from JSON with <see cref="Json.CampaignJson"/>. Caps per participant
/// and pacing per day are properties of the budget tree's nodes, so that campaigns sharing a budget share them too.</para>
/// <para>A campaign is checked against its budget tree when an engine or a programme is built
/// (<see cref="CampaignProgramme"/>): currencies, node paths and windows must agree.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe; the reward policy may hold state of its own (a red-envelope pool), which is thread-safe.</threadsafety>
public sealed partial class Campaign
{
    /// <summary>The default <see cref="Hold"/>: 15 minutes.</summary>
    public static readonly Duration DefaultHold = Duration.FromMinutes(15);

    internal Campaign(CampaignBuilder b)
    {
        Id = b.Id;
        Name = b.Name ?? b.Id;
        Schedule = b.Schedule!;
        Rule = b.Rule;
        Evaluator = b.Rule?.Compile();
        Reward = b.Reward!;
        BudgetId = b.BudgetId!;
        Route = b.Route!;
        Hold = b.Hold;
        Priority = b.Priority;
        Stacking = b.Stacking;
    }

    /// <summary>Gets the id, unique within an engine: lower-case letters, digits, <c>.</c>, <c>_</c> and <c>-</c>.</summary>
    public string Id { get; }

    /// <summary>Gets the display name (the id when none was given).</summary>
    public string Name { get; }

    /// <summary>Gets when the campaign accepts claims.</summary>
    public ICampaignSchedule Schedule { get; }

    /// <summary>Gets the eligibility rule, or <see langword="null"/> when everyone inside the window qualifies.</summary>
    public EligibilityRule? Rule { get; }

    /// <summary>Gets the reward policy.</summary>
    public RewardPolicy Reward { get; }

    /// <summary>Gets the currency of the campaign: its reward's currency, which must be its budget's.</summary>
    public Currency Currency => Reward.Currency;

    /// <summary>Gets the id of the budget (tree and ledger) that pays for the grants.</summary>
    public string BudgetId { get; }

    /// <summary>Gets which node of the budget a claim draws from.</summary>
    public BudgetRoute Route { get; }

    /// <summary>Gets how long a grant is held in the ledger before it expires unless committed. Default <see cref="DefaultHold"/>.</summary>
    public Duration Hold { get; }

    /// <summary>Gets the priority: higher first. Default 0.</summary>
    public int Priority { get; }

    /// <summary>Gets how the campaign combines with others. Default <see cref="StackingMode.Exclusive"/>.</summary>
    public StackingMode Stacking { get; }

    internal EligibilityEvaluator? Evaluator { get; }

    /// <summary>Starts building a campaign.</summary>
    /// <param name="id">The campaign id: lower-case letters, digits, <c>.</c>, <c>_</c> and <c>-</c>, starting with a letter or digit.</param>
    /// <returns>A builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not a valid campaign id.</exception>
    public static CampaignBuilder Create(string id)
    {
        if (!IsValidId(id))
        {
            throw new ArgumentException($"'{id}' is not a campaign id: use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit.", nameof(id));
        }

        return new CampaignBuilder(id);
    }

    /// <summary>Returns whether <paramref name="id"/> is a valid campaign or budget id.</summary>
    /// <param name="id">The candidate.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsValidId(string? id) => id is { Length: > 0 and <= 128 } && IdPattern().IsMatch(id);

    /// <summary>Returns the id, priority and stacking mode.</summary>
    /// <returns>For example <c>spring-festival (priority 10, Exclusive)</c>.</returns>
    public override string ToString() => $"{Id} (priority {Priority.ToString(System.Globalization.CultureInfo.InvariantCulture)}, {Stacking})";

    [GeneratedRegex("^[a-z0-9][a-z0-9._-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
