using System;
using System.Linq;
using Incentives.Budgets;
using static Incentives.Tests.Budgets.TestTrees;

namespace Incentives.Tests.Budgets;

public sealed class BudgetTreeBuilderTests
{
    [Fact]
    public void The_tree_links_parents_and_children_by_path()
    {
        var tree = Small();

        var x = tree.GetNode("root/a/x");

        Assert.Equal("x", x.Name);
        Assert.Equal(2, x.Depth);
        Assert.Equal("root/a", x.Parent!.Path);
        Assert.Equal(new[] { "root/a", "root/b" }, tree.Root.Children.Select(c => c.Path));
        Assert.False(tree.TryGetNode("root/c", out _));
        Assert.Throws<ArgumentException>(() => tree.GetNode("nope"));
    }

    [Fact]
    public void A_path_finds_its_node_whether_it_is_the_nodes_own_string_or_another_with_the_same_text()
    {
        var tree = Small();
        var x = tree.GetNode("root/a/x");

        Assert.True(tree.TryGetNode(x.Path, out var byInstance));
        Assert.True(tree.TryGetNode(new string("root/a/x".AsSpan()), out var byText));
        Assert.Same(x, byInstance);
        Assert.Same(x, byText);
        Assert.All(tree.Nodes, n => Assert.Same(n, tree.GetNode(new string(n.Path.AsSpan()))));
        Assert.False(tree.TryGetNode(new string("root/a/y".AsSpan()), out _));
    }

    [Theory]
    [InlineData("root/a", "defined twice")]
    [InlineData("root/zz/y", "must be added before")]
    [InlineData("other", "second root")]
    [InlineData("root//y", "not a valid budget path")]
    [InlineData("root/a b", "not a valid budget path")]
    public void Bad_paths_are_rejected_with_a_message_naming_the_problem(string path, string message)
    {
        var builder = new BudgetTreeBuilder(Currency.CNY).Add("root", Cny(1m)).Add("root/a", Cny(1m));

        var e = Assert.Throws<ArgumentException>(() => builder.Add(path, Cny(1m)));

        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Limits_and_caps_must_be_in_the_tree_currency_and_not_negative()
    {
        var builder = new BudgetTreeBuilder(Currency.CNY, ThreeDays).Add("root", Cny(1m));

        Assert.Contains("USD", Assert.Throws<ArgumentException>(() => builder.Add("root/a", Money.FromDecimal(1m, Currency.USD))).Message, StringComparison.Ordinal);
        Assert.Contains("zero or more", Assert.Throws<ArgumentException>(() => builder.Add("root/b", Cny(-1m))).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => builder.Add("root/c", Cny(1m), caps: new ParticipantCaps { MaxGrantsPerDay = 0 }));
        Assert.Throws<ArgumentException>(() => builder.Add("root/d", Cny(1m), caps: new ParticipantCaps { MaxAmountPerDay = Cny(0m) }));
        builder.Add("root/a", Cny(1m)); // a rejected Add leaves the path free
    }

    [Fact]
    public void Pacing_and_daily_caps_need_a_window_and_weights_must_match_its_days()
    {
        var noWindow = new BudgetTreeBuilder(Currency.CNY);
        var window = new BudgetTreeBuilder(Currency.CNY, ThreeDays);

        Assert.Throws<ArgumentException>(() => noWindow.Add("root", Cny(1m), PacingPlan.Even()));
        Assert.Throws<ArgumentException>(() => noWindow.Add("root", Cny(1m), caps: new ParticipantCaps { MaxGrantsPerDay = 1 }));
        var e = Assert.Throws<ArgumentException>(() => window.Add("root", Cny(1m), PacingPlan.Weighted([1, 2])));
        Assert.Contains("2 day weights but the window has 3 days", e.Message, StringComparison.Ordinal);
        Assert.Throws<InvalidOperationException>(() => new BudgetTreeBuilder(Currency.CNY).Build());
    }

    [Fact]
    public void Plans_reject_bad_weights()
    {
        Assert.Throws<ArgumentException>(() => PacingPlan.Weighted([]));
        Assert.Throws<ArgumentException>(() => PacingPlan.Weighted([1, -1, 1]));
        Assert.Throws<ArgumentException>(() => PacingPlan.Weighted([0, 0, 0]));
        Assert.Throws<ArgumentException>(() => IntraDayRelease.Steps());
        Assert.Throws<ArgumentException>(() => IntraDayRelease.Steps(0, 0));
    }
}
