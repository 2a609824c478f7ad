using System;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Incentives.Budgets;

namespace Incentives.Campaigns;

/// <summary>
/// Names one grant across the engine: the campaign (which picks the ledger) and the reservation in that ledger. Its text form,
/// <c>spring-festival:R42</c>, is safe in a URL path segment.
/// </summary>
/// <param name="CampaignId">The campaign id.</param>
/// <param name="ReservationId">The reservation id in the campaign's ledger.</param>
/// <remarks>Reservation ids are unique per ledger, not per engine; the campaign id makes the pair unique.</remarks>
public readonly record struct GrantReference(string CampaignId, ReservationId ReservationId)
{
    /// <summary>Returns the text form <c>{campaignId}:R{reservation}</c>.</summary>
    /// <returns>For example <c>spring-festival:R42</c>.</returns>
    public override string ToString() => CampaignId + ":" + ReservationId.ToString();

    /// <summary>Parses the text form written by <see cref="ToString"/>.</summary>
    /// <param name="text">The text.</param>
    /// <param name="reference">The reference when parsed.</param>
    /// <returns><see langword="true"/> when <paramref name="text"/> is a valid reference.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out GrantReference reference)
    {
        reference = default;
        var colon = text?.LastIndexOf(':') ?? -1;
        if (text is null || colon <= 0 || colon + 2 >= text.Length || text[colon + 1] != 'R')
        {
            return false;
        }

        var id = text[..colon];
        if (!Campaign.IsValidId(id) ||
            !long.TryParse(text.AsSpan(colon + 2), NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return false;
        }

        reference = new GrantReference(id, new ReservationId(number));
        return true;
    }

    /// <summary>Parses the text form written by <see cref="ToString"/>.</summary>
    /// <param name="text">The text.</param>
    /// <returns>The reference.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException"><paramref name="text"/> is not of the form <c>campaign-id:R123</c>.</exception>
    public static GrantReference Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var reference)
            ? reference
            : throw new FormatException($"'{text}' is not a grant reference: expected 'campaign-id:R123'.");
    }
}
