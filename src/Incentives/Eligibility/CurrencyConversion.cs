namespace Incentives.Eligibility;

/// <summary>
/// Converts an amount into another currency for <see cref="MinOrderAmountRule"/>, or says it cannot.
/// </summary>
/// <param name="amount">The order amount, in its own currency.</param>
/// <param name="target">The currency of the rule's minimum.</param>
/// <param name="converted">The amount in <paramref name="target"/>, when converted.</param>
/// <returns><see langword="true"/> when a rate was available and <paramref name="converted"/> is in <paramref name="target"/>.</returns>
/// <remarks>
/// The conversion runs on the hot path: it must be pure, thread-safe and should not allocate (for example a lookup
/// in a frozen table of rates followed by <see cref="Money.Multiply(decimal, System.MidpointRounding)"/>). Returning
/// <see langword="false"/> makes the rule fail with <see cref="EligibilityCodes.OrderCurrencyMismatch"/>. The
/// library's exchange-rate type, when it exists, is adapted to this delegate by the caller.
/// </remarks>
public delegate bool CurrencyConversion(Money amount, Currency target, out Money converted);
