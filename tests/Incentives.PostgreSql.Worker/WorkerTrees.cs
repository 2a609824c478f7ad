using Incentives.Budgets;

namespace Incentives.PostgreSql.Worker;

/// <summary>The trees the worker processes and the tests share.</summary>
public static class WorkerTrees
{
    /// <summary>The participant whose cap every claiming worker hits.</summary>
    public const string CappedParticipant = "ann";

    /// <summary>root 100.00 ├ root/a 60.00 (ann: at most 20.00 and 8 grants) └ root/b 70.00: small, so claims run it dry.</summary>
    public static BudgetTree Claims() => new BudgetTreeBuilder(Currency.CNY)
        .Add("root", Money.FromDecimal(100m, Currency.CNY))
        .Add("root/a", Money.FromDecimal(60m, Currency.CNY), caps: new ParticipantCaps { MaxAmountPerCampaign = Money.FromDecimal(20m, Currency.CNY), MaxGrantsPerCampaign = 8 })
        .Add("root/b", Money.FromDecimal(70m, Currency.CNY))
        .Build();

    /// <summary>One hot node of 500.00 with no caps, for leasing.</summary>
    public static BudgetTree Hot() => new BudgetTreeBuilder(Currency.CNY)
        .Add("hot", Money.FromDecimal(500m, Currency.CNY))
        .Build();
}
