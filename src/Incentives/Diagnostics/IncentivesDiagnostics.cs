namespace Incentives.Diagnostics;

/// <summary>
/// The names under which the library reports metrics (<see cref="System.Diagnostics.Metrics.Meter"/>) and traces
/// (<see cref="System.Diagnostics.ActivitySource"/>), following the OpenTelemetry semantic conventions: lower-case, dot-separated
/// names, units in UCUM, tags named <c>incentives.*</c>.
/// </summary>
/// <remarks>
/// Subscribe with OpenTelemetry (<c>.AddMeter(IncentivesDiagnostics.MeterName)</c>,
/// <c>.AddSource(IncentivesDiagnostics.ActivitySourceName)</c>) or with a <see cref="System.Diagnostics.Metrics.MeterListener"/> and an
/// <see cref="System.Diagnostics.ActivityListener"/>; the library itself depends on neither. When nobody listens, the instruments
/// are disabled and the engine skips them after one branch.
/// </remarks>
public static class IncentivesDiagnostics
{
    /// <summary>The name of the meter and of the activity source: <c>Incentives</c>.</summary>
    public const string MeterName = "Incentives";

    /// <summary>The name of the activity source: <c>Incentives</c>.</summary>
    public const string ActivitySourceName = "Incentives";

    /// <summary>Counter (<c>{claim}</c>): one per claim handled, tagged with <see cref="OutcomeTag"/> and <see cref="ReasonTag"/>.</summary>
    public const string ClaimsInstrument = "incentives.claims";

    /// <summary>Counter (<c>{grant}</c>): one per grant made, tagged with <see cref="CampaignTag"/> and <see cref="CurrencyTag"/>.</summary>
    public const string GrantsInstrument = "incentives.grants";

    /// <summary>Counter (<c>{denial}</c>): one per campaign that was considered and not granted, tagged with <see cref="CampaignTag"/> and <see cref="ReasonTag"/>.</summary>
    public const string DenialsInstrument = "incentives.denials";

    /// <summary>Counter (minor units, <c>{minor_unit}</c>): amount granted, tagged with <see cref="CampaignTag"/> and <see cref="CurrencyTag"/>.</summary>
    public const string GrantedAmountInstrument = "incentives.granted.amount";

    /// <summary>Histogram (<c>s</c>): how long a claim took inside the engine, tagged with <see cref="OutcomeTag"/>.</summary>
    public const string ClaimDurationInstrument = "incentives.claim.duration";

    /// <summary>Observable gauge (minor units): budget available per node, tagged with <see cref="BudgetTag"/>, <see cref="NodeTag"/> and <see cref="CurrencyTag"/>.</summary>
    public const string BudgetAvailableInstrument = "incentives.budget.available";

    /// <summary>The span around one claim: <c>incentives.claim</c>.</summary>
    public const string ClaimActivity = "incentives.claim";

    /// <summary>The span around one quote: <c>incentives.quote</c>.</summary>
    public const string QuoteActivity = "incentives.quote";

    /// <summary>Tag: the outcome of a claim, <c>granted</c> or <c>denied</c>.</summary>
    public const string OutcomeTag = "incentives.outcome";

    /// <summary>Tag: the reason code of a denial (see <c>ClaimDenialCodes</c>), or of the first denial of a denied claim.</summary>
    public const string ReasonTag = "incentives.reason";

    /// <summary>Tag: a campaign id.</summary>
    public const string CampaignTag = "incentives.campaign.id";

    /// <summary>Tag (spans only): the ids of the campaigns granted, comma-separated.</summary>
    public const string GrantedCampaignsTag = "incentives.campaign.granted";

    /// <summary>Tag: an ISO 4217 currency code.</summary>
    public const string CurrencyTag = "incentives.currency";

    /// <summary>Tag: a budget id.</summary>
    public const string BudgetTag = "incentives.budget.id";

    /// <summary>Tag: a budget node path.</summary>
    public const string NodeTag = "incentives.budget.node";

    /// <summary>Tag (spans only): whether the result was replayed from an earlier claim with the same idempotency key.</summary>
    public const string ReplayTag = "incentives.replay";

    /// <summary>The value of <see cref="OutcomeTag"/> for a claim that produced at least one grant.</summary>
    public const string Granted = "granted";

    /// <summary>The value of <see cref="OutcomeTag"/> for a claim that produced no grant.</summary>
    public const string Denied = "denied";
}
