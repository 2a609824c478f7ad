using System.Collections.Generic;
using Incentives.Serialization;

namespace Incentives.Samples.WebApi;

/// <summary>The body of <c>POST /claims</c>.</summary>
public sealed class ClaimRequest
{
    /// <summary>Who claims.</summary>
    public ParticipantRequest? Participant { get; set; }

    /// <summary>The channel, e.g. <c>app</c>.</summary>
    public string? Channel { get; set; }

    /// <summary>The category, e.g. <c>food</c>.</summary>
    public string? Category { get; set; }

    /// <summary>The order amount, <c>{"amount":"88.00","currency":"CNY"}</c>.</summary>
    public MoneyDefinition? OrderAmount { get; set; }

    /// <summary>The claim's instant (ISO, e.g. <c>2026-02-15T04:00:00Z</c>); the clock's instant when absent.</summary>
    public string? At { get; set; }
}

/// <summary>The participant of a claim.</summary>
public sealed class ParticipantRequest
{
    /// <summary>The participant's stable id (required).</summary>
    public string? Id { get; set; }

    /// <summary>The region, e.g. <c>CN</c>.</summary>
    public string? Region { get; set; }

    /// <summary>Segments such as <c>vip</c>.</summary>
    public List<string>? Segments { get; set; }

    /// <summary>When the participant signed up (ISO instant).</summary>
    public string? SignedUpAt { get; set; }

    /// <summary>The participant's home time zone (TZDB id, e.g. <c>Europe/London</c>).</summary>
    public string? HomeZone { get; set; }
}

/// <summary>The optional body of <c>POST /grants/{id}/commit</c> and the body of <c>/refund</c>.</summary>
public sealed class AmountRequest
{
    /// <summary>The amount: a partial commit, or the amount to refund.</summary>
    public MoneyDefinition? Amount { get; set; }
}
