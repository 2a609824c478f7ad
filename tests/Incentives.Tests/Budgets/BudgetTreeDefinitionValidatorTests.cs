using System.Linq;
using System.Text.Json;
using FluentValidation;
using FluentValidation.TestHelper;
using Incentives.Budgets.Json;

namespace Incentives.Tests.Budgets;

public sealed class BudgetTreeDefinitionValidatorTests
{
    private static BudgetTreeDefinition Parse(string json) => JsonSerializer.Deserialize<BudgetTreeDefinition>(json, BudgetTreeJson.JsonOptions)!;

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

        Assert.Equal(new[] { "window.start", "window.zone" }, badWindow.Errors.Select(e => e.PropertyName));
        Assert.Equal(new[] { "nodes[0].pacing", "nodes[0].caps" }, noWindow.Errors.Select(e => e.PropertyName));
        Assert.Equal(new[] { "nodes" }, noNodes.Errors.Select(e => e.PropertyName));
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

        Assert.Equal("nodes[0].limit", badMoney.Errors.Single().PropertyName);
        Assert.StartsWith("nodes[0]", unknownProperty.Errors.Single().PropertyName, System.StringComparison.Ordinal);
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
}
