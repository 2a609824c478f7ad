using System.Collections.Generic;
using System.Linq.Expressions;
using Incentives.Claims;

namespace Incentives.Eligibility;

/// <summary>
/// A compiled rule: the hot-path test plus, off the hot path, the explanation of a failure or a match. Each rule
/// type compiles into its own sealed node; all-of and any-of nodes hold their (flattened) children in an array.
/// </summary>
internal abstract class RuleNode
{
    protected RuleNode(EligibilityRule rule, string path)
    {
        Rule = rule;
        Path = path;
    }

    /// <summary>Gets the rule as written, for explanations.</summary>
    public EligibilityRule Rule { get; }

    /// <summary>Gets the rule's path in the tree as written.</summary>
    public string Path { get; }

    /// <summary>The hot path: must not allocate.</summary>
    public abstract bool Test(Claim claim);

    /// <summary>
    /// Returns the node's test as an expression over <paramref name="claim"/>, for compiling the whole tree into one
    /// delegate: by default a direct (devirtualized, inlinable) call to this sealed node's <see cref="Test"/>;
    /// combinators override it with <c>&amp;&amp;</c>, <c>||</c> and <c>!</c>.
    /// </summary>
    public virtual Expression ToExpression(ParameterExpression claim) =>
        Expression.Call(Expression.Constant(this, GetType()), GetType().GetMethod(nameof(Test), [typeof(Claim)])!, claim);

    /// <summary>Adds why the claim fails this node. Called only when <see cref="Test"/> is false.</summary>
    public abstract void AddFailures(Claim claim, List<EligibilityFailure> failures);

    /// <summary>Describes why the claim satisfies this node (for a not). Called only when <see cref="Test"/> is true.</summary>
    public abstract string DescribeMatch(Claim claim);

    protected EligibilityFailure Failure(string code, string message) => new(code, message, Path, Rule);

    internal static string ChildPath(string parent, string child) => parent.Length == 0 ? child : parent + "." + child;
}
