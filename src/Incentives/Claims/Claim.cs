using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using NodaTime;

namespace Incentives.Claims;

/// <summary>
/// One request for an incentive: who (<see cref="Participant"/>), when (<see cref="At"/>), where
/// (<see cref="Channel"/>), what (<see cref="Category"/>, <see cref="OrderAmount"/>, <see cref="MerchantId"/>),
/// plus free-form <see cref="Attributes"/> for what the built-in fields do not foresee.
/// </summary>
/// <remarks>
/// <para>
/// Build one per request and pass it to every stage (eligibility, reward, budget):
/// <c>new Claim(participant, instant, "marketplace") { Category = "food", OrderAmount = ... }</c>.
/// The claim carries its own instant, so that evaluation never reads a clock and is reproducible.
/// </para>
/// <para>Strings are compared ordinally (case-sensitive) by every rule.</para>
/// </remarks>
/// <threadsafety>Instances are immutable once initialized and are thread-safe.</threadsafety>
public sealed class Claim
{
    private static readonly Dictionary<string, string> NoAttributes = new(StringComparer.Ordinal);

    private readonly string? category;
    private readonly string? merchantId;
    private readonly Dictionary<string, string> attributes = NoAttributes;
    private readonly ReadOnlyDictionary<string, string> attributeView = ReadOnlyDictionary<string, string>.Empty;

    /// <summary>Initializes a claim.</summary>
    /// <param name="participant">Who claims.</param>
    /// <param name="at">The instant of the claim (taken from an injected clock by the caller).</param>
    /// <param name="channel">The app or surface the claim comes through, for example <c>"marketplace"</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="participant"/> or <paramref name="channel"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="channel"/> is empty or white space.</exception>
    public Claim(Participant participant, Instant at, string channel)
    {
        ArgumentNullException.ThrowIfNull(participant);
        ArgumentException.ThrowIfNullOrWhiteSpace(channel);
        Participant = participant;
        At = at;
        Channel = channel;
    }

    /// <summary>Gets who claims.</summary>
    public Participant Participant { get; }

    /// <summary>Gets the instant of the claim.</summary>
    public Instant At { get; }

    /// <summary>Gets the channel (app or surface) the claim comes through.</summary>
    public string Channel { get; }

    /// <summary>Gets what the incentive would be spent on (for example <c>"food"</c>), or <see langword="null"/> when not known.</summary>
    /// <exception cref="ArgumentException">Set to an empty or white-space string.</exception>
    public string? Category
    {
        get => category;
        init => category = NullOrNonBlank(value, nameof(Category));
    }

    /// <summary>Gets the amount of the order the claim is attached to, or <see langword="null"/> when there is none.</summary>
    public Money? OrderAmount { get; init; }

    /// <summary>Gets the merchant's id, or <see langword="null"/> when not known.</summary>
    /// <exception cref="ArgumentException">Set to an empty or white-space string.</exception>
    public string? MerchantId
    {
        get => merchantId;
        init => merchantId = NullOrNonBlank(value, nameof(MerchantId));
    }

    /// <summary>
    /// Gets extension attributes (ordinal keys), for example <c>{"deviceTrust": "high", "orderCount": "3"}</c>.
    /// Empty by default. The given dictionary is copied.
    /// </summary>
    /// <exception cref="ArgumentNullException">Set to <see langword="null"/>, or a value is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A key is empty or white space.</exception>
    public IReadOnlyDictionary<string, string> Attributes
    {
        get => attributeView;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Attributes));
            var copy = new Dictionary<string, string>(value.Count, StringComparer.Ordinal);
            foreach (var (key, item) in value)
            {
                if (string.IsNullOrWhiteSpace(key))
                {
                    throw new ArgumentException("An attribute key must be a non-empty name.", nameof(Attributes));
                }

                copy[key] = item ?? throw new ArgumentNullException(nameof(Attributes), $"Attribute '{key}' has a null value.");
            }

            attributes = copy;
            attributeView = copy.AsReadOnly();
        }
    }

    /// <summary>Looks an attribute up without allocating.</summary>
    /// <param name="key">The attribute key.</param>
    /// <param name="value">The value when present.</param>
    /// <returns><see langword="true"/> when the claim carries the attribute.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is <see langword="null"/>.</exception>
    public bool TryGetAttribute(string key, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        ArgumentNullException.ThrowIfNull(key);
        return attributes.TryGetValue(key, out value);
    }

    /// <summary>Returns a short description: participant, instant and channel.</summary>
    /// <returns>For example <c>Claim by u-42 at 2026-02-15T02:00:00Z via marketplace</c>.</returns>
    public override string ToString() => $"Claim by {Participant.Id} at {At} via {Channel}";

    private static string? NullOrNonBlank(string? value, string name)
    {
        if (value is not null)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        }

        return value;
    }
}
