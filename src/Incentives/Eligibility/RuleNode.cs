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

    /// <summary>
    /// Gets whether the node can be neither true nor false for a claim because the data it needs is unknown (an unknown
    /// sign-up instant): then both <see cref="Test"/> and <see cref="IsFalse"/> are false, and a <c>not</c> over it fails too.
    /// </summary>
    protected virtual bool CanBeUnknown => false;

    /// <summary>
    /// The hot path of a <c>not</c> over this node: true when the claim certainly does NOT satisfy the node. For two-valued
    /// nodes this is <c>!Test</c>; for nodes over unknown data (three-valued, Kleene logic) both may be false.
    /// </summary>
    public virtual bool IsFalse(Claim claim) => !Test(claim);

    /// <summary>Returns <see cref="IsFalse"/> as an expression, for compiling a <c>not</c> over this node.</summary>
    public virtual Expression ToFalseExpression(ParameterExpression claim) =>
        CanBeUnknown
            ? Expression.Call(Expression.Constant(this, GetType()), GetType().GetMethod(nameof(IsFalse), [typeof(Claim)])!, claim)
            : Expression.Not(ToExpression(claim));

    /// <summary>Adds why the claim fails this node. Called only when <see cref="Test"/> is false.</summary>
    public abstract void AddFailures(Claim claim, List<EligibilityFailure> failures);

    /// <summary>
    /// Evaluates the node once for an explanation: returns true when the claim satisfies it, otherwise adds why not and
    /// returns false. Nodes whose test has a cost or an outside input (a currency conversion) override it so that the
    /// explanation is built from the same evaluation as its decision.
    /// </summary>
    public virtual bool TryExplain(Claim claim, List<EligibilityFailure> failures)
    {
        if (Test(claim))
        {
            return true;
        }

        AddFailures(claim, failures);
        return false;
    }

    /// <summary>
    /// Adds why the node is undecided (neither <see cref="Test"/> nor <see cref="IsFalse"/> holds): the failures of the
    /// unknown leaves beneath it. Leaves report their unknown-data failure through <see cref="AddFailures"/>.
    /// </summary>
    public virtual void AddUnknownFailures(Claim claim, List<EligibilityFailure> failures) => AddFailures(claim, failures);

    /// <summary>
    /// Adds, for a node that holds, the failures that make it hold: the failed conditions under a <c>not</c> beneath it
    /// (used as the causes of a <c>not.excluded</c> failure). Called only when <see cref="Test"/> is true; none by default.
    /// </summary>
    public virtual void AddMatchCauses(Claim claim, List<EligibilityFailure> causes)
    {
    }

    /// <summary>Describes why the claim satisfies this node (for a not). Called only when <see cref="Test"/> is true.</summary>
    public abstract string DescribeMatch(Claim claim);

    protected EligibilityFailure Failure(string code, string message, IReadOnlyList<EligibilityFailure>? causes = null) =>
        new(code, message, Path, Rule, causes);

    /// <summary>Adds the unknown failures of those <paramref name="children"/> that are undecided for the claim (neither true nor false).</summary>
    protected static void AddUnknownFailures(RuleNode[] children, Claim claim, List<EligibilityFailure> failures)
    {
        foreach (var child in children)
        {
            if (!child.Test(claim) && !child.IsFalse(claim))
            {
                child.AddUnknownFailures(claim, failures);
            }
        }
    }

    internal static string ChildPath(string parent, string child) => parent.Length == 0 ? child : parent + "." + child;
}
