using System.Collections.Generic;
using Incentives.Serialization;

namespace Incentives.Rewards.Json;

/// <summary>
/// A reward policy as data: one JSON object whose <c>"type"</c> says which policy it is and which other properties
/// apply. Read with <see cref="RewardPolicyJson"/>, checked by <see cref="RewardPolicyDefinitionValidator"/>.
/// </summary>
/// <remarks>
/// <para>One flat class rather than a polymorphic hierarchy, so that an unknown <c>type</c>, a misspelt rounding mode or a
/// missing property becomes a validation failure with a path instead of a deserializer exception.</para>
/// <list type="table">
/// <listheader><term>type</term><description>properties</description></listheader>
/// <item><term><c>fixed</c></term><description><c>amount</c></description></item>
/// <item><term><c>percentage</c></term><description><c>currency</c>, <c>percent</c> in (0, 100], optional <c>rounding</c> (default <c>toZero</c>), <c>floor</c>, <c>cap</c>, <c>allowAboveOrder</c> (default false)</description></item>
/// <item><term><c>tiered</c></term><description><c>tiers</c>: <c>[{"minimumOrder":…,"reward":…}]</c></description></item>
/// <item><term><c>randomRange</c></term><description><c>minimum</c>, <c>maximum</c></description></item>
/// <item><term><c>redEnvelope</c></term><description><c>total</c>, <c>count</c>, <c>minimum</c>, <c>maximum</c>, optional <c>algorithm</c> (default <c>doubleMean</c>), <c>luckyAmounts</c> (default false), <c>seed</c> (default: a secure source)</description></item>
/// </list>
/// <para>
/// A property that the <c>type</c> does not use is a validation failure (<see cref="RewardCodes.PropertyNotApplicable"/>),
/// and an unknown property is rejected when reading (<c>json.invalid</c>), so nothing is silently ignored. The
/// <c>type</c>, <c>rounding</c> and <c>algorithm</c> names are matched without regard to case, like property names;
/// <see cref="RewardPolicyJson.Serialize(RewardPolicyDefinition)"/> writes them in camelCase.
/// </para>
/// <para>
/// A <c>redEnvelope</c> definition describes a new pool (its initial state). To continue a pool after a restart,
/// compile it with the persisted state: <see cref="RewardPolicyJson.Compile(RewardPolicyDefinition, Envelopes.RedEnvelopePoolState, string)"/>.
/// </para>
/// </remarks>
public sealed class RewardPolicyDefinition
{
    /// <summary>Gets or sets the policy type: <c>fixed</c>, <c>percentage</c>, <c>tiered</c>, <c>randomRange</c> or <c>redEnvelope</c>.</summary>
    public string? Type { get; set; }

    /// <summary>Gets or sets the fixed reward (<c>fixed</c>).</summary>
    public MoneyDefinition? Amount { get; set; }

    /// <summary>Gets or sets the currency code of orders and rewards (<c>percentage</c>), e.g. <c>"CNY"</c>.</summary>
    public string? Currency { get; set; }

    /// <summary>Gets or sets the percentage, 8 for 8% (<c>percentage</c>).</summary>
    public decimal? Percent { get; set; }

    /// <summary>Gets or sets the rounding mode name (<c>percentage</c>): <c>toZero</c> (default), <c>toEven</c>, <c>awayFromZero</c>, <c>toNegativeInfinity</c>, <c>toPositiveInfinity</c>.</summary>
    public string? Rounding { get; set; }

    /// <summary>Gets or sets the smallest reward (<c>percentage</c>, optional).</summary>
    public MoneyDefinition? Floor { get; set; }

    /// <summary>Gets or sets the largest reward (<c>percentage</c>, optional).</summary>
    public MoneyDefinition? Cap { get; set; }

    /// <summary>Gets or sets whether the floor may make the reward larger than the order (<c>percentage</c>, default false: the reward never exceeds the order).</summary>
    public bool? AllowAboveOrder { get; set; }

    /// <summary>Gets or sets the tiers in increasing order (<c>tiered</c>).</summary>
    public IList<RewardTierDefinition?>? Tiers { get; set; }

    /// <summary>Gets or sets the pool's total (<c>redEnvelope</c>).</summary>
    public MoneyDefinition? Total { get; set; }

    /// <summary>Gets or sets the number of envelopes (<c>redEnvelope</c>).</summary>
    public int? Count { get; set; }

    /// <summary>Gets or sets the smallest reward (<c>randomRange</c>) or envelope (<c>redEnvelope</c>).</summary>
    public MoneyDefinition? Minimum { get; set; }

    /// <summary>Gets or sets the largest reward (<c>randomRange</c>) or envelope (<c>redEnvelope</c>).</summary>
    public MoneyDefinition? Maximum { get; set; }

    /// <summary>Gets or sets the split algorithm (<c>redEnvelope</c>): <c>doubleMean</c> (default) or <c>cutTheLine</c>.</summary>
    public string? Algorithm { get; set; }

    /// <summary>Gets or sets whether envelopes prefer lucky amounts (<c>redEnvelope</c>, default false).</summary>
    public bool? LuckyAmounts { get; set; }

    /// <summary>Gets or sets the seed of a replayable split (<c>redEnvelope</c>); absent for a secure, unpredictable split.</summary>
    public ulong? Seed { get; set; }
}
