using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using FluentValidation;
using FluentValidation.Results;
using Incentives.Time;
using NodaTime;
using NodaTime.Text;

namespace Incentives.Budgets.Json;

/// <summary>
/// Validates a <see cref="BudgetTreeDefinition"/> and reports every problem at once, each with its JSON path
/// (e.g. <c>nodes[2].pacing.weights</c>): missing or malformed ids, duplicates, missing parents, a second root,
/// negative limits, mixed currencies, a bad window, bad pacing (unknown split, weights count not matching the days,
/// negative or all-zero weights) and bad caps.
/// </summary>
public sealed class BudgetTreeDefinitionValidator : AbstractValidator<BudgetTreeDefinition>
{
    /// <summary>Initializes the validator.</summary>
    public BudgetTreeDefinitionValidator()
    {
        RuleFor(d => d).Custom((definition, context) =>
        {
            foreach (var failure in Check(definition))
            {
                context.AddFailure(failure);
            }
        });
    }

    /// <summary>Builds the campaign window of a definition, or returns null when it has none or it is invalid.</summary>
    /// <param name="window">The window definition.</param>
    /// <param name="failures">Receives the window's problems.</param>
    /// <returns>The window, or null.</returns>
    internal static CampaignWindow? TryBuildWindow(BudgetWindowDefinition? window, List<ValidationFailure>? failures)
    {
        if (window is null)
        {
            return null;
        }

        var start = ParseLocal(window.Start, "window.start", failures);
        var end = ParseLocal(window.End, "window.end", failures);
        DateTimeZone? zone = null;
        if (string.IsNullOrEmpty(window.Zone))
        {
            failures?.Add(new ValidationFailure("window.zone", "A TZDB zone id such as 'Asia/Shanghai' is required."));
        }
        else if ((zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(window.Zone)) is null)
        {
            failures?.Add(new ValidationFailure("window.zone", $"'{window.Zone}' is not a TZDB zone id."));
        }

        if (start is null || end is null || zone is null)
        {
            return null;
        }

        if (end <= start)
        {
            failures?.Add(new ValidationFailure("window.end", "The window's end must be after its start."));
            return null;
        }

        try
        {
            return CampaignWindow.Create(start.Value, end.Value, zone);
        }
        catch (Exception e) when (e is SkippedTimeException or AmbiguousTimeException or ArgumentException)
        {
            failures?.Add(new ValidationFailure("window", $"The window cannot be placed in {zone.Id}: {e.Message}"));
            return null;
        }
    }

    private static LocalDateTime? ParseLocal(string? text, string path, List<ValidationFailure>? failures)
    {
        if (string.IsNullOrEmpty(text))
        {
            failures?.Add(new ValidationFailure(path, "A local date-time such as '2026-02-15T00:00:00' is required."));
            return null;
        }

        var result = LocalDateTimePattern.ExtendedIso.Parse(text);
        if (!result.Success)
        {
            failures?.Add(new ValidationFailure(path, $"'{text}' is not an ISO local date-time such as '2026-02-15T00:00:00'."));
            return null;
        }

        return result.Value;
    }

    private static List<ValidationFailure> Check(BudgetTreeDefinition definition)
    {
        var failures = new List<ValidationFailure>();
        var window = TryBuildWindow(definition.Window, failures);
        var windowUsable = window is not null;
        if (definition.Nodes is not { Count: > 0 } nodes)
        {
            failures.Add(new ValidationFailure("nodes", "A budget tree needs at least one node (the root)."));
            return failures;
        }

        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        Currency? currency = null;
        string? root = null;
        for (var i = 0; i < nodes.Count; i++)
        {
            var path = $"nodes[{i.ToString(CultureInfo.InvariantCulture)}]";
            var node = nodes[i];
            if (node is null)
            {
                failures.Add(new ValidationFailure(path, "A node must be an object."));
                continue;
            }

            if (!BudgetTreeBuilder.IsValidPath(node.Id))
            {
                failures.Add(new ValidationFailure($"{path}.id", $"'{node.Id}' is not a valid id: use segments of letters, digits, '-', '_' or '.', separated by '/'."));
            }
            else if (ids.TryGetValue(node.Id!, out var first))
            {
                failures.Add(new ValidationFailure($"{path}.id", $"'{node.Id}' is also the id of nodes[{first.ToString(CultureInfo.InvariantCulture)}]; ids must be unique."));
            }
            else
            {
                ids.Add(node.Id!, i);
                if (!node.Id!.Contains('/', StringComparison.Ordinal))
                {
                    if (root is not null)
                    {
                        failures.Add(new ValidationFailure($"{path}.id", $"'{node.Id}' would be a second root; the root is '{root}'."));
                    }

                    root ??= node.Id;
                }
            }

            if (node.Limit is not { } limit)
            {
                failures.Add(new ValidationFailure($"{path}.limit", "A limit such as {\"amount\":\"1000.00\",\"currency\":\"CNY\"} is required."));
            }
            else
            {
                currency ??= limit.Currency;
                CheckMoney(limit, currency, $"{path}.limit", allowZero: true, failures);
            }

            if (node.Pacing is { } pacing)
            {
                CheckPacing(pacing, window, windowUsable || definition.Window is not null, $"{path}.pacing", failures);
            }

            if (node.Caps is { } caps)
            {
                CheckCaps(caps, currency, definition.Window is not null, $"{path}.caps", failures);
            }
        }

        if (root is null && ids.Count > 0)
        {
            failures.Add(new ValidationFailure("nodes", "No node has a single-segment id, so the tree has no root."));
        }

        foreach (var (id, index) in ids)
        {
            var slash = id.LastIndexOf('/');
            if (slash > 0 && !ids.ContainsKey(id[..slash]))
            {
                failures.Add(new ValidationFailure(
                    $"nodes[{index.ToString(CultureInfo.InvariantCulture)}].id", $"The parent '{id[..slash]}' of '{id}' is not defined."));
            }
        }

        return failures;
    }

    private static void CheckPacing(PacingDefinition pacing, CampaignWindow? window, bool windowGiven, string path, List<ValidationFailure> failures)
    {
        if (!windowGiven)
        {
            failures.Add(new ValidationFailure(path, "Pacing releases money per campaign day, so the tree needs a window."));
        }

        var split = pacing.Split ?? "even";
        if (split == "weighted")
        {
            if (pacing.Weights is not { Count: > 0 } weights)
            {
                failures.Add(new ValidationFailure($"{path}.weights", "A weighted split needs one weight per campaign day."));
            }
            else
            {
                if (window is not null && weights.Count != window.Days.Count)
                {
                    failures.Add(new ValidationFailure(
                        $"{path}.weights",
                        $"There are {weights.Count.ToString(CultureInfo.InvariantCulture)} weights but the window has {window.Days.Count.ToString(CultureInfo.InvariantCulture)} days."));
                }

                CheckWeights(weights, $"{path}.weights", failures);
            }
        }
        else if (split == "even")
        {
            if (pacing.Weights is not null)
            {
                failures.Add(new ValidationFailure($"{path}.weights", "Weights are only allowed with \"split\": \"weighted\"."));
            }
        }
        else
        {
            failures.Add(new ValidationFailure($"{path}.split", $"'{split}' is not a split; use \"even\" or \"weighted\"."));
        }

        switch (pacing.WithinDay ?? "allAtStart")
        {
            case "steps":
                if (pacing.WithinDayWeights is not { Count: > 0 } steps)
                {
                    failures.Add(new ValidationFailure($"{path}.withinDayWeights", "A stepped release needs at least one slice weight."));
                }
                else
                {
                    CheckWeights(steps, $"{path}.withinDayWeights", failures);
                }

                break;
            case "allAtStart" or "linear":
                if (pacing.WithinDayWeights is not null)
                {
                    failures.Add(new ValidationFailure($"{path}.withinDayWeights", "Slice weights are only allowed with \"withinDay\": \"steps\"."));
                }

                break;
            default:
                failures.Add(new ValidationFailure($"{path}.withinDay", $"'{pacing.WithinDay}' is not a release; use \"allAtStart\", \"linear\" or \"steps\"."));
                break;
        }
    }

    private static void CheckWeights(IList<long> weights, string path, List<ValidationFailure> failures)
    {
        for (var k = 0; k < weights.Count; k++)
        {
            if (weights[k] < 0)
            {
                failures.Add(new ValidationFailure($"{path}[{k.ToString(CultureInfo.InvariantCulture)}]", "A weight must not be negative."));
            }
        }

        if (weights.All(w => w <= 0))
        {
            failures.Add(new ValidationFailure(path, "At least one weight must be greater than zero."));
        }
    }

    private static void CheckCaps(ParticipantCapsDefinition caps, Currency? currency, bool windowGiven, string path, List<ValidationFailure> failures)
    {
        if (caps.MaxAmountPerCampaign is null && caps.MaxGrantsPerCampaign is null && caps.MaxAmountPerDay is null && caps.MaxGrantsPerDay is null)
        {
            failures.Add(new ValidationFailure(path, "Set at least one cap, or leave \"caps\" out."));
        }

        if (caps.MaxAmountPerCampaign is { } campaignAmount)
        {
            CheckMoney(campaignAmount, currency, $"{path}.maxAmountPerCampaign", allowZero: false, failures);
        }

        if (caps.MaxAmountPerDay is { } dayAmount)
        {
            CheckMoney(dayAmount, currency, $"{path}.maxAmountPerDay", allowZero: false, failures);
        }

        if (caps.MaxGrantsPerCampaign is < 1)
        {
            failures.Add(new ValidationFailure($"{path}.maxGrantsPerCampaign", "A grant cap must be at least 1."));
        }

        if (caps.MaxGrantsPerDay is < 1)
        {
            failures.Add(new ValidationFailure($"{path}.maxGrantsPerDay", "A grant cap must be at least 1."));
        }

        if ((caps.MaxAmountPerDay is not null || caps.MaxGrantsPerDay is not null) && !windowGiven)
        {
            failures.Add(new ValidationFailure(path, "Per-day caps count per campaign day, so the tree needs a window."));
        }
    }

    private static void CheckMoney(Money value, Currency? currency, string path, bool allowZero, List<ValidationFailure> failures)
    {
        if (currency is not null && value.Currency != currency)
        {
            failures.Add(new ValidationFailure($"{path}.currency", $"'{value.Currency.Code}' differs from the tree's currency '{currency.Code}' (that of the first limit); a tree has one currency."));
        }

        if (value.IsNegative || (!allowZero && value.IsZero))
        {
            failures.Add(new ValidationFailure($"{path}.amount", allowZero ? "The amount must not be negative." : "The amount must be greater than zero."));
        }
    }
}
