using System.Linq;
using FluentValidation;
using FluentValidation.TestHelper;
using Incentives.Budgets;
using Incentives.Budgets.Json;
using Incentives.Serialization;
using NodaTime;

namespace Incentives.Tests.Budgets;

public sealed class BudgetTreeDefinitionValidatorTests
{
    private static BudgetTreeDefinition Parse(string json) => BudgetTreeJson.Deserialize(json);

    [Fact]
    public void The_Spring_Festival_definition_is_valid()
    {
        new BudgetTreeDefinitionValidator().TestValidate(Parse(SpringFestivalBudgetTests.Json)).ShouldNotHaveAnyValidationErrors();
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_JSON_path()
    {
        // docs/budgets.md: "Validation errors"
        const string json = """
            {
              "window": { "start": "2026-02-15T00:00:00", "end": "2026-02-18T00:00:00", "zone": "Asia/Shanghai" },
              "nodes": [
                { "id": "fest", "limit": { "amount": "1000", "currency": "CNY" },
                  "pacing": { "split": "weighted", "weights": [1, 2] } },
                { "id": "fest/food", "limit": { "amount": "-5", "currency": "CNY" } },
                { "id": "fest/food", "limit": { "amount": "5", "currency": "USD" } },
                { "id": "fest/toys/lego", "limit": { "amount": "5", "currency": "CNY" },
                  "pacing": { "split": "even", "withinDay": "steps", "withinDayWeights": [1, -1] } },
                { "id": "other", "limit": { "amount": "5", "currency": "CNY" },
                  "caps": { "maxGrantsPerDay": 0, "maxAmountPerCampaign": { "amount": "0", "currency": "CNY" } } },
                { "id": "bad id!", "limit": { "amount": "5", "currency": "CNY" }, "pacing": { "split": "sometimes" } }
              ]
            }
            """;

        var result = new BudgetTreeDefinitionValidator().TestValidate(Parse(json));

        Assert.Equal(
            new[]
            {
                "nodes[0].pacing.weights",
                "nodes[1].limit.amount",
                "nodes[2].id",
                "nodes[2].limit.currency",
                "nodes[3].pacing.withinDayWeights[1]",
                "nodes[4].id",
                "nodes[4].caps.maxAmountPerCampaign.amount",
                "nodes[4].caps.maxGrantsPerDay",
                "nodes[5].id",
                "nodes[5].pacing.split",
                "nodes[3].id",
            },
            result.Errors.Select(e => e.PropertyName));
        Assert.Equal(
            new[]
            {
                BudgetErrorCodes.WeightsCountMismatch,
                DefinitionErrorCodes.InvalidAmount,
                BudgetErrorCodes.NodeDuplicate,
                BudgetErrorCodes.CurrencyMismatch,
                BudgetErrorCodes.WeightNegative,
                BudgetErrorCodes.SecondRoot,
                BudgetErrorCodes.CapNotPositive,
                BudgetErrorCodes.CapNotPositive,
                BudgetErrorCodes.NodeIdInvalid,
                BudgetErrorCodes.SplitUnknown,
                BudgetErrorCodes.ParentMissing,
            },
            result.Errors.Select(e => e.ErrorCode));
        Assert.Equal("budget.weights-count-mismatch", BudgetErrorCodes.WeightsCountMismatch);
        Assert.Contains("3 days", result.Errors[0].ErrorMessage, System.StringComparison.Ordinal);
        Assert.Contains("'fest/toys' of 'fest/toys/lego' is not defined", result.Errors[^1].ErrorMessage, System.StringComparison.Ordinal);
    }

    [Fact]
    public void A_bad_window_and_pacing_or_daily_caps_without_a_window_are_reported()
    {
        var badWindow = new BudgetTreeDefinitionValidator().TestValidate(Parse("""
            { "window": { "start": "2026-02-15", "end": "2026-02-14T00:00:00", "zone": "Mars/Olympus" },
              "nodes": [ { "id": "a", "limit": { "amount": "1", "currency": "CNY" } } ] }
            """));
        var noWindow = new BudgetTreeDefinitionValidator().TestValidate(Parse("""
            { "nodes": [ { "id": "a", "limit": { "amount": "1", "currency": "CNY" }, "pacing": { }, "caps": { "maxGrantsPerDay": 2 } } ] }
            """));
        var noNodes = new BudgetTreeDefinitionValidator().TestValidate(Parse("{ }"));

        // The window is the Time area's CampaignWindowDefinition, validated with its own codes under the "window" path.
        Assert.Equal(new[] { ("window.zone", "time.zone.unknown"), ("window.end", "time.end.notAfterStart") }, badWindow.Errors.Select(e => (e.PropertyName, e.ErrorCode)));
        Assert.Equal(new[] { "nodes[0].pacing", "nodes[0].caps" }, noWindow.Errors.Select(e => e.PropertyName));
        Assert.All(noWindow.Errors, e => Assert.Equal(BudgetErrorCodes.WindowRequired, e.ErrorCode));
        Assert.Equal(new[] { ("nodes", BudgetErrorCodes.NodesEmpty) }, noNodes.Errors.Select(e => (e.PropertyName, e.ErrorCode)));
    }

    [Fact]
    public void Loading_an_invalid_definition_throws_one_ValidationException_listing_every_failure()
    {
        var e = Assert.Throws<ValidationException>(() => BudgetTreeJson.Load("""
            { "nodes": [ { "id": "a", "limit": { "amount": "-1", "currency": "CNY" } }, { "id": "b/c" } ] }
            """));

        Assert.Equal(new[] { "nodes[0].limit.amount", "nodes[1].limit", "nodes[1].id" }, e.Errors.Select(f => f.PropertyName));
        Assert.Contains("nodes[1].limit", e.Message, System.StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_JSON_values_become_a_validation_failure_at_their_path()
    {
        var badMoney = Assert.Throws<ValidationException>(() => BudgetTreeJson.Load("""
            { "nodes": [ { "id": "a", "limit": { "amount": "1.001", "currency": "CNY" } } ] }
            """));
        var unknownProperty = Assert.Throws<ValidationException>(() => BudgetTreeJson.Load("""
            { "nodes": [ { "id": "a", "limmit": { "amount": "1", "currency": "CNY" } } ] }
            """));

        // Money is a MoneyDefinition: a bad amount is a validation failure at its own path, reported with every other one.
        Assert.Equal(("nodes[0].limit.amount", DefinitionErrorCodes.InvalidAmount), (badMoney.Errors.Single().PropertyName, badMoney.Errors.Single().ErrorCode));
        Assert.StartsWith("nodes[0]", unknownProperty.Errors.Single().PropertyName, System.StringComparison.Ordinal);
        Assert.Equal(DefinitionErrorCodes.InvalidJson, unknownProperty.Errors.Single().ErrorCode);
    }

    [Fact]
    public void Nodes_may_be_listed_before_their_parent_and_keep_their_order_otherwise()
    {
        var tree = BudgetTreeJson.Load("""
            { "nodes": [
                { "id": "a/b/c", "limit": { "amount": "1", "currency": "JPY" } },
                { "id": "a", "limit": { "amount": "3", "currency": "JPY" } },
                { "id": "a/z", "limit": { "amount": "2", "currency": "JPY" } },
                { "id": "a/b", "limit": { "amount": "2", "currency": "JPY" } } ] }
            """);

        Assert.Equal(new[] { "a", "a/z", "a/b", "a/b/c" }, tree.Nodes.Select(n => n.Path));
        Assert.Equal(Currency.JPY, tree.Currency);
        Assert.Null(tree.Window);
    }

    [Fact]
    public void A_nested_tree_reports_paths_under_its_prefix_and_a_bad_currency_together_with_every_other_problem()
    {
        var definition = Parse("""
            { "nodes": [ { "id": "a", "limit": { "amount": "1", "currency": "XXQ" } },
                         { "id": "a/b", "limit": { "amount": "1.234", "currency": "CNY" }, "caps": { } } ] }
            """);

        var e = Assert.Throws<ValidationException>(() => BudgetTreeJson.Compile(definition, "campaign.budget"));

        Assert.Equal(
            new[]
            {
                ("campaign.budget.nodes[0].limit.currency", DefinitionErrorCodes.UnknownCurrency),
                ("campaign.budget.nodes[1].limit.amount", DefinitionErrorCodes.InvalidAmount),
                ("campaign.budget.nodes[1].caps", BudgetErrorCodes.CapsEmpty),
            },
            e.Errors.Select(f => (f.PropertyName, f.ErrorCode)));
        Assert.Equal(
            new[] { ("campaign.budget.nodes", BudgetErrorCodes.NoRoot), ("campaign.budget.nodes[0].id", BudgetErrorCodes.ParentMissing) },
            new BudgetTreeDefinitionValidator("campaign.budget").Validate(Parse("""{ "nodes": [ { "id": "a/b", "limit": { "amount": "1", "currency": "CNY" } } ] }"""))
                .Errors.Select(f => (f.PropertyName, f.ErrorCode)));
    }

    [Fact]
    public void A_window_with_slots_or_on_the_participant_clock_is_refused()
    {
        var slots = new BudgetTreeDefinitionValidator().Validate(Parse("""
            { "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 3, "slots": [ { "start": "20:00", "end": "22:00" } ] },
              "nodes": [ { "id": "a", "limit": { "amount": "1", "currency": "CNY" } } ] }
            """));
        var participant = new BudgetTreeDefinitionValidator().Validate(Parse("""
            { "window": { "zone": "Asia/Shanghai", "start": "2026-02-15", "days": 3, "timeReference": "participant" },
              "nodes": [ { "id": "a", "limit": { "amount": "1", "currency": "CNY" } } ] }
            """));

        Assert.Equal(new[] { ("window.slots", BudgetErrorCodes.WindowUnsupported) }, slots.Errors.Select(e => (e.PropertyName, e.ErrorCode)));
        Assert.Equal(new[] { ("window.timeReference", BudgetErrorCodes.WindowUnsupported) }, participant.Errors.Select(e => (e.PropertyName, e.ErrorCode)));
    }

    [Fact]
    public void Every_code_is_lower_case_kebab_case_under_budget()
    {
        var codes = typeof(BudgetErrorCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^budget\\.[a-z]+(-[a-z]+)*$", c));
    }

    [Fact]
    public void A_tree_written_as_a_definition_and_as_JSON_reloads_to_an_equal_tree()
    {
        // docs/budgets.md: "Writing a tree back"
        var london = DateTimeZoneProviders.Tzdb["Europe/London"];
        var window = Incentives.Time.CampaignWindow.Create(new LocalDateTime(2026, 10, 24, 18, 0), new LocalDateTime(2026, 10, 25, 1, 30), london, Incentives.Time.DstPolicy.FirstClockReading);
        var tree = new BudgetTreeBuilder(Currency.GBP, window)
            .Add("fest", Money.FromDecimal(1000.01m, Currency.GBP), PacingPlan.Weighted([1, 3], rollOver: true, withinDay: IntraDayRelease.Steps(1, 0, 2)))
            .Add("fest/food", Money.FromDecimal(600m, Currency.GBP), PacingPlan.Even(withinDay: IntraDayRelease.Linear),
                new ParticipantCaps { MaxAmountPerCampaign = Money.FromDecimal(20.5m, Currency.GBP), MaxGrantsPerDay = 3 })
            .Add("fest/toys", Money.FromDecimal(0m, Currency.GBP), caps: new ParticipantCaps { MaxGrantsPerCampaign = 1, MaxAmountPerDay = Money.FromDecimal(1m, Currency.GBP) })
            .Build();

        var json = BudgetTreeJson.Serialize(tree);
        var reloaded = BudgetTreeJson.Load(json);
        var spring = SpringFestivalBudgetTests.BuildInCode();
        var springReloaded = BudgetTreeJson.Compile(BudgetTreeJson.ToDefinition(spring));

        foreach (var (original, copy) in new[] { (tree, reloaded), (spring, springReloaded) })
        {
            Assert.Equal(original.Window, copy.Window);
            Assert.Equal(original.Currency, copy.Currency);
            Assert.Equal(
                original.Nodes.Select(n => (n.Path, n.Limit, n.Pacing, n.Caps, string.Join(",", n.DayAmounts))),
                copy.Nodes.Select(n => (n.Path, n.Limit, n.Pacing, n.Caps, string.Join(",", n.DayAmounts))));
        }

        // 01:30 happens twice in London on 2026-10-25; the window ends at the first one, and the JSON says so.
        Assert.Contains("\"ambiguousTime\": \"earlierOffset\"", json, System.StringComparison.Ordinal);
        Assert.Contains("\"amount\": \"20.50\"", json, System.StringComparison.Ordinal);
        Assert.Equal(window.End, reloaded.Window!.End);
    }
}
