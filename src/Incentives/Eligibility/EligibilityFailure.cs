using System;
using System.Collections.Generic;
using System.Text;

namespace Incentives.Eligibility;

/// <summary>
/// One condition that a claim failed: a stable <see cref="Code"/> for machines, a <see cref="Message"/> for people,
/// where in the rule tree it sits (<see cref="Path"/>), the <see cref="Rule"/> itself, and for an any-of the
/// reasons each alternative failed (<see cref="Causes"/>).
/// </summary>
/// <threadsafety>Instances are immutable and thread-safe.</threadsafety>
public sealed class EligibilityFailure
{
    private static readonly EligibilityFailure[] NoCauses = [];

    /// <summary>Initializes a failure.</summary>
    /// <param name="code">The machine-readable code, one of <see cref="EligibilityCodes"/> or a custom rule's code.</param>
    /// <param name="message">The human message, naming the claim's value and what was expected.</param>
    /// <param name="path">The rule's path in the tree, in the JSON form's names (<c>""</c> for the root, <c>"rules[2].rule"</c>).</param>
    /// <param name="rule">The rule that failed.</param>
    /// <param name="causes">The failures beneath this one (an any-of's alternatives), or <see langword="null"/> for none.</param>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="causes"/> is <see langword="null"/>.</exception>
    public EligibilityFailure(string code, string message, string path, EligibilityRule rule, IReadOnlyList<EligibilityFailure>? causes = null)
    {
        ArgumentNullException.ThrowIfNull(code);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(rule);
        Code = code;
        Message = message;
        Path = path;
        Rule = rule;
        Causes = causes ?? NoCauses;
    }

    /// <summary>Gets the stable machine-readable code, for example <c>"channel.not-allowed"</c> (see <see cref="EligibilityCodes"/>).</summary>
    public string Code { get; }

    /// <summary>Gets the human message, for example <c>Channel 'web' is not one of {marketplace, payments, travel}.</c></summary>
    public string Message { get; }

    /// <summary>
    /// Gets the path of the failed rule in the rule tree, using the JSON form's property names: <c>""</c> for the root,
    /// <c>"rules[1]"</c> for the second rule of the root all-of, <c>"rules[1].rule"</c> for the rule inside it.
    /// Paths refer to the tree as written, before compilation flattens it.
    /// </summary>
    public string Path { get; }

    /// <summary>Gets the rule that failed; evaluating it alone on the same claim also fails.</summary>
    public EligibilityRule Rule { get; }

    /// <summary>
    /// Gets the failures beneath this one: for <see cref="EligibilityCodes.AnyOfNoneMatched"/>, why each alternative failed;
    /// for <see cref="EligibilityCodes.NotExcluded"/>, the failed conditions under a nested not that made the excluded rule
    /// match. Empty otherwise.
    /// </summary>
    public IReadOnlyList<EligibilityFailure> Causes { get; }

    /// <summary>Returns <c>code: message</c>, followed by the causes, indented.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var builder = new StringBuilder();
        Append(builder, 0);
        return builder.ToString();
    }

    internal void Append(StringBuilder builder, int depth)
    {
        builder.Append(' ', depth * 2).Append(Code).Append(": ").Append(Message);
        foreach (var cause in Causes)
        {
            builder.Append('\n');
            cause.Append(builder, depth + 1);
        }
    }
}
