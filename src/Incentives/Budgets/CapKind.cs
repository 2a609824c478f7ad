namespace Incentives.Budgets;

/// <summary>Which participant cap of a node a usage figure or a denial is about.</summary>
public enum CapKind
{
    /// <summary><see cref="ParticipantCaps.MaxAmountPerCampaign"/>.</summary>
    AmountPerCampaign = 1,

    /// <summary><see cref="ParticipantCaps.MaxGrantsPerCampaign"/>.</summary>
    GrantsPerCampaign = 2,

    /// <summary><see cref="ParticipantCaps.MaxAmountPerDay"/>.</summary>
    AmountPerDay = 3,

    /// <summary><see cref="ParticipantCaps.MaxGrantsPerDay"/>.</summary>
    GrantsPerDay = 4,
}
