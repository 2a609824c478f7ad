using System;
using System.Collections.Generic;
using System.Linq;

namespace Incentives.Simulation;

/// <summary>Checks a <see cref="TrafficModel"/> before a run.</summary>
internal static class TrafficChecks
{
    public static void Validate(TrafficModel traffic, int dayCount, string parameterName)
    {
        var problems = new List<string>();
        if (traffic.Claims < 0)
        {
            problems.Add("Claims must be zero or more.");
        }

        if (traffic.Participants <= 0)
        {
            problems.Add("Participants must be at least 1.");
        }

        if (!(traffic.RepeatSkew > 0))
        {
            problems.Add("RepeatSkew must be positive.");
        }

        if (traffic.DayWeights is { } days && (days.Count != dayCount || days.Any(w => w < 0) || days.All(w => w == 0)))
        {
            problems.Add($"DayWeights must hold {dayCount} non-negative weights (one per campaign day), not all zero.");
        }

        if (traffic.HourWeights is null || traffic.HourWeights.Count != 24 || traffic.HourWeights.Any(w => w < 0) || traffic.HourWeights.All(w => w == 0))
        {
            problems.Add("HourWeights must hold 24 non-negative weights, not all zero.");
        }

        CheckMix(traffic.Regions, nameof(traffic.Regions), problems, required: true);
        CheckMix(traffic.Channels, nameof(traffic.Channels), problems, required: true);
        CheckMix(traffic.Categories, nameof(traffic.Categories), problems, required: false);
        if (traffic.OrderSizes is null || traffic.OrderSizes.Count == 0 || traffic.OrderSizes.Any(b => b is null || b.Weight < 0 || b.Minimum < 0 || b.Maximum < b.Minimum) ||
            traffic.OrderSizes.All(b => b.Weight == 0))
        {
            problems.Add("OrderSizes must hold bands with 0 <= Minimum <= Maximum and non-negative weights, not all zero.");
        }

        foreach (var (name, share) in new[] { (nameof(traffic.BlockedShare), traffic.BlockedShare), (nameof(traffic.CancelShare), traffic.CancelShare), (nameof(traffic.RefundShare), traffic.RefundShare) })
        {
            if (!(share >= 0 && share <= 1))
            {
                problems.Add($"{name} must be between 0 and 1.");
            }
        }

        if (traffic.SettleDelay <= NodaTime.Duration.Zero || traffic.RefundDelay <= NodaTime.Duration.Zero)
        {
            problems.Add("SettleDelay and RefundDelay must be positive.");
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException("The traffic model is invalid: " + string.Join(" ", problems), parameterName);
        }
    }

    private static void CheckMix(IReadOnlyList<WeightedValue>? mix, string name, List<string> problems, bool required)
    {
        if (mix is null || (required && mix.Count == 0) || mix.Any(v => v is null || string.IsNullOrWhiteSpace(v.Value) || v.Weight < 0) ||
            (mix.Count > 0 && mix.All(v => v.Weight == 0)))
        {
            problems.Add($"{name} must hold non-blank values with non-negative weights, not all zero{(required ? string.Empty : " (or be empty)")}.");
        }
    }
}
