namespace Incentives.Campaigns;

/// <summary>How a campaign combines with the other campaigns that apply to the same claim.</summary>
/// <remarks>
/// The engine orders the campaigns that apply by <see cref="Campaign.Priority"/> (highest first, then by id) and lets the first one
/// decide: <see cref="Exclusive"/> grants it alone, <see cref="Stackable"/> grants every applying stackable campaign, and
/// <see cref="BestForParticipant"/> grants the single best-paying campaign among the applying best-for-participant ones.
/// See <c>docs/engine.md</c>.
/// </remarks>
public enum StackingMode
{
    /// <summary>Granted alone: no other campaign is granted with it.</summary>
    Exclusive = 0,

    /// <summary>Granted together with every other stackable campaign that applies.</summary>
    Stackable = 1,

    /// <summary>Competes on amount: of the best-for-participant campaigns that apply, only the one paying the most is granted.</summary>
    BestForParticipant = 2,
}
