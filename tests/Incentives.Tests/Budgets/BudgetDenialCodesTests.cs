using System;
using System.Linq;
using System.Threading.Tasks;
using Incentives.Budgets;
using static Incentives.Tests.Budgets.TestTrees;

namespace Incentives.Tests.Budgets;

public sealed class BudgetDenialCodesTests
{
    [Fact]
    public void Every_denial_code_has_a_distinct_stable_kebab_case_text()
    {
        var texts = Enum.GetValues<BudgetDenialCode>().Select(c => c.ToCode()).ToList();

        Assert.Equal(texts.Count, texts.Distinct().Count());
        Assert.All(texts, t => Assert.Matches("^(budget|cap|ledger)\\.[a-z]+(-[a-z]+)*$", t));
        // The names the issue and the engine use; changing one breaks API clients.
        Assert.Equal(
            new[] { "budget.exhausted", "budget.day-exhausted", "cap.amount-reached", "cap.count-reached", "ledger.idempotency-key-conflict" },
            new[] { BudgetDenialCode.NodeLimitReached, BudgetDenialCode.PacingLimitReached, BudgetDenialCode.CapAmountReached, BudgetDenialCode.CapGrantsReached, BudgetDenialCode.IdempotencyKeyConflict }
                .Select(c => c.ToCode()));
        Assert.Throws<ArgumentOutOfRangeException>(() => ((BudgetDenialCode)999).ToCode());
    }

    [Fact]
    public async Task A_denial_carries_its_text_code_and_prints_it()
    {
        var ledger = new InMemoryBudgetLedger(Paced(PacingPlan.Even()));

        var denied = await ledger.ReserveAsync(Request("k1", "c", 30.01m, Day(1, 1)));

        Assert.Equal("budget.day-exhausted", denied.Denial!.ReasonCode);
        Assert.StartsWith("Denied budget.day-exhausted: 'c' has released only CNY 30.00", denied.ToString(), StringComparison.Ordinal);
    }
}
