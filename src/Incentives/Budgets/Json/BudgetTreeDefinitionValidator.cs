using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FluentValidation;
using FluentValidation.Results;
using Incentives.Serialization;
using Incentives.Time;
using Incentives.Time.Json;

namespace Incentives.Budgets.Json;

/// <summary>
/// Validates a <see cref="BudgetTreeDefinition"/> and reports every problem at once, each with its JSON path
/// (e.g. <c>nodes[2].pacing.weights</c>, prefixed for a tree nested in a larger definition) and a code from
/// <see cref="BudgetErrorCodes"/>, <see cref="DefinitionErrorCodes"/> (money, missing values) or the Time area (the window):
/// missing or malformed ids, duplicates, missing parents, a second root, bad or negative limits, mixed currencies, a bad
/// window, bad pacing (unknown split, weights count not matching the days, negative or all-zero weights) and bad caps.
/// </summary>
/// <threadsafety>Instances are immutable and thread-safe.</threadsafety>
public sealed class BudgetTreeDefinitionValidator : AbstractValidator<BudgetTreeDefinition>
{
    /// <summary>Initializes a validator whose paths start at the definition's own properties (<c>nodes[0].id</c>).</summary>
    public BudgetTreeDefinitionValidator()
        : this(string.Empty)
    {
    }

    /// <summary>Initializes a validator whose paths are prefixed, for a tree nested in a larger definition.</summary>
    /// <param name="pathPrefix">The path of the tree in the enclosing JSON, e.g. <c>budget</c> gives <c>budget.nodes[0].id</c>; empty for none.</param>
    /// <exception cref="ArgumentNullException"><paramref name="pathPrefix"/> is <see langword="null"/>.</exception>
    public BudgetTreeDefinitionValidator(string pathPrefix)
    {
        ArgumentNullException.ThrowIfNull(pathPrefix);
        RuleFor(d => d).Custom((definition, context) =>
        {
            foreach (var failure in Check(definition, pathPrefix, out _))
            {
                context.AddFailure(failure);
            }
        });
    }

    /// <summary>Checks a definition; on success also returns its compiled window (null when it has none).</summary>
    internal static List<ValidationFailure> Check(BudgetTreeDefinition definition, string prefix, out CampaignWindow? window)
    {
        var failures = new List<ValidationFailure>();
        window = definition.Window is null ? null : CompileWindow(definition.Window, Path(prefix, "window"), failures);
        var windowGiven = definition.Window is not null;
        if (definition.Nodes is not { Count: > 0 } nodes)
        {
            failures.Add(Failure(Path(prefix, "nodes"), "A budget tree needs at least one node (the root).", BudgetErrorCodes.NodesEmpty));
            return failures;
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        Currency? currency = null;
        string? root = null;
        for (var i = 0; i < nodes.Count; i++)
        {
            var path = Path(prefix, $"nodes[{i.ToString(CultureInfo.InvariantCulture)}]");
            var node = nodes[i];
            if (node is null)
            {
                failures.Add(Failure(path, "A node must be an object.", BudgetErrorCodes.NodeNull));
                continue;
            }

            if (!BudgetTreeBuilder.IsValidPath(node.Id))
            {
                failures.Add(Failure(
                    $"{path}.id",
                    $"'{node.Id}' is not a valid id: use segments of letters, digits, '-', '_' or '.', separated by '/'.",
                    string.IsNullOrEmpty(node.Id) ? DefinitionErrorCodes.Required : BudgetErrorCodes.NodeIdInvalid));
            }
            else if (ids.TryGetValue(node.Id!, out var first))
            {
                failures.Add(Failure($"{path}.id", $"'{node.Id}' is also the id of nodes[{first.ToString(CultureInfo.InvariantCulture)}]; ids must be unique.", BudgetErrorCodes.NodeDuplicate));
            }
            else
            {
                ids.Add(node.Id!, i);
                if (!node.Id!.Contains('/', StringComparison.Ordinal))
                {
                    if (root is not null)
                    {
                        failures.Add(Failure($"{path}.id", $"'{node.Id}' would be a second root; the root is '{root}'.", BudgetErrorCodes.SecondRoot));
                    }

                    root ??= node.Id;
                }
            }

            if (node.Limit is null)
            {
                failures.Add(Failure($"{path}.limit", "A limit such as {\"amount\":\"1000.00\",\"currency\":\"CNY\"} is required.", DefinitionErrorCodes.Required));
            }
            else
            {
                CheckMoney(node.Limit, ref currency, $"{path}.limit", allowZero: true, failures);
            }

            if (node.Pacing is { } pacing)
            {
                CheckPacing(pacing, window, windowGiven, $"{path}.pacing", failures);
            }

            if (node.Caps is { } caps)
            {
                CheckCaps(caps, ref currency, windowGiven, $"{path}.caps", failures);
            }
        }

        if (root is null && ids.Count > 0)
        {
            failures.Add(Failure(Path(prefix, "nodes"), "No node has a single-segment id, so the tree has no root.", BudgetErrorCodes.NoRoot));
        }

        foreach (var (id, index) in ids)
        {
            var slash = id.LastIndexOf('/');
            if (slash > 0 && !ids.ContainsKey(id[..slash]))
            {
                failures.Add(Failure(
                    Path(prefix, $"nodes[{index.ToString(CultureInfo.InvariantCulture)}].id"),
                    $"The parent '{id[..slash]}' of '{id}' is not defined.",
                    BudgetErrorCodes.ParentMissing));
            }
        }

        return failures;
    }

    private static string Path(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    private static ValidationFailure Failure(string path, string message, string code) => new(path, message) { ErrorCode = code };

    private static CampaignWindow? CompileWindow(CampaignWindowDefinition definition, string path, List<ValidationFailure> failures)
    {
        var windowFailures = new CampaignWindowDefinitionValidator(path).Validate(definition).Errors;
        if (windowFailures.Count > 0)
        {
            failures.AddRange(windowFailures);
            return null;
        }

        if (definition.Slots is not null)
        {
            failures.Add(Failure($"{path}.slots", "A budget window cannot have slots: pacing and per-day caps count whole campaign days.", BudgetErrorCodes.WindowUnsupported));
            return null;
        }

        var window = (CampaignWindow)CampaignWindowJson.Compile(definition, path);
        if (window.TimeReference != WindowTimeReference.Campaign)
        {
            failures.Add(Failure($"{path}.timeReference", "A budget window must be on the campaign's clock: every participant shares the same budget days.", BudgetErrorCodes.WindowUnsupported));
            return null;
        }

        return window;
    }

    private static void CheckPacing(PacingDefinition pacing, CampaignWindow? window, bool windowGiven, string path, List<ValidationFailure> failures)
    {
        if (!windowGiven)
        {
            failures.Add(Failure(path, "Pacing releases money per campaign day, so the tree needs a window.", BudgetErrorCodes.WindowRequired));
        }

        var split = pacing.Split ?? "even";
        if (split == "weighted")
        {
            if (pacing.Weights is not { Count: > 0 } weights)
            {
                failures.Add(Failure($"{path}.weights", "A weighted split needs one weight per campaign day.", BudgetErrorCodes.WeightsRequired));
            }
            else
            {
                if (window is not null && weights.Count != window.Days.Count)
                {
                    failures.Add(Failure(
                        $"{path}.weights",
                        $"There are {weights.Count.ToString(CultureInfo.InvariantCulture)} weights but the window has {window.Days.Count.ToString(CultureInfo.InvariantCulture)} days.",
                        BudgetErrorCodes.WeightsCountMismatch));
                }

                CheckWeights(weights, $"{path}.weights", failures);
            }
        }
        else if (split == "even")
        {
            if (pacing.Weights is not null)
            {
                failures.Add(Failure($"{path}.weights", "Weights are only allowed with \"split\": \"weighted\".", BudgetErrorCodes.WeightsNotAllowed));
            }
        }
        else
        {
            failures.Add(Failure($"{path}.split", $"'{split}' is not a split; use \"even\" or \"weighted\".", BudgetErrorCodes.SplitUnknown));
        }

        switch (pacing.WithinDay ?? "allAtStart")
        {
            case "steps":
                if (pacing.WithinDayWeights is not { Count: > 0 } steps)
                {
                    failures.Add(Failure($"{path}.withinDayWeights", "A stepped release needs at least one slice weight.", BudgetErrorCodes.WeightsRequired));
                }
                else
                {
                    CheckWeights(steps, $"{path}.withinDayWeights", failures);
                }

                break;
            case "allAtStart" or "linear":
                if (pacing.WithinDayWeights is not null)
                {
                    failures.Add(Failure($"{path}.withinDayWeights", "Slice weights are only allowed with \"withinDay\": \"steps\".", BudgetErrorCodes.WeightsNotAllowed));
                }

                break;
            default:
                failures.Add(Failure($"{path}.withinDay", $"'{pacing.WithinDay}' is not a release; use \"allAtStart\", \"linear\" or \"steps\".", BudgetErrorCodes.WithinDayUnknown));
                break;
        }
    }

    private static void CheckWeights(IList<long> weights, string path, List<ValidationFailure> failures)
    {
        for (var k = 0; k < weights.Count; k++)
        {
            if (weights[k] < 0)
            {
                failures.Add(Failure($"{path}[{k.ToString(CultureInfo.InvariantCulture)}]", "A weight must not be negative.", BudgetErrorCodes.WeightNegative));
            }
        }

        if (weights.All(w => w <= 0))
        {
            failures.Add(Failure(path, "At least one weight must be greater than zero.", BudgetErrorCodes.WeightsAllZero));
        }
    }

    private static void CheckCaps(ParticipantCapsDefinition caps, ref Currency? currency, bool windowGiven, string path, List<ValidationFailure> failures)
    {
        if (caps.MaxAmountPerCampaign is null && caps.MaxGrantsPerCampaign is null && caps.MaxAmountPerDay is null && caps.MaxGrantsPerDay is null)
        {
            failures.Add(Failure(path, "Set at least one cap, or leave \"caps\" out.", BudgetErrorCodes.CapsEmpty));
        }

        if (caps.MaxAmountPerCampaign is { } campaignAmount)
        {
            CheckMoney(campaignAmount, ref currency, $"{path}.maxAmountPerCampaign", allowZero: false, failures);
        }

        if (caps.MaxAmountPerDay is { } dayAmount)
        {
            CheckMoney(dayAmount, ref currency, $"{path}.maxAmountPerDay", allowZero: false, failures);
        }

        if (caps.MaxGrantsPerCampaign is < 1)
        {
            failures.Add(Failure($"{path}.maxGrantsPerCampaign", "A grant cap must be at least 1.", BudgetErrorCodes.CapNotPositive));
        }

        if (caps.MaxGrantsPerDay is < 1)
        {
            failures.Add(Failure($"{path}.maxGrantsPerDay", "A grant cap must be at least 1.", BudgetErrorCodes.CapNotPositive));
        }

        if ((caps.MaxAmountPerDay is not null || caps.MaxGrantsPerDay is not null) && !windowGiven)
        {
            failures.Add(Failure(path, "Per-day caps count per campaign day, so the tree needs a window.", BudgetErrorCodes.WindowRequired));
        }
    }

    private static void CheckMoney(MoneyDefinition value, ref Currency? currency, string path, bool allowZero, List<ValidationFailure> failures)
    {
        var moneyFailures = new MoneyDefinitionValidator().Validate(value).Errors;
        foreach (var failure in moneyFailures)
        {
            failure.PropertyName = $"{path}.{failure.PropertyName}";
            failures.Add(failure);
        }

        if (moneyFailures.Count > 0)
        {
            return;
        }

        var money = MoneyDefinitionValidator.ToMoney(value);
        currency ??= money.Currency;
        if (money.Currency != currency)
        {
            failures.Add(Failure(
                $"{path}.currency",
                $"'{money.Currency.Code}' differs from the tree's currency '{currency.Code}' (that of the first limit); a tree has one currency.",
                BudgetErrorCodes.CurrencyMismatch));
        }

        if (!allowZero && money.IsZero)
        {
            failures.Add(Failure($"{path}.amount", "The amount must be greater than zero.", BudgetErrorCodes.CapNotPositive));
        }
    }
}
