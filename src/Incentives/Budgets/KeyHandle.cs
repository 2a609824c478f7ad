namespace Incentives.Budgets;

/// <summary>
/// Where a key lives in a <see cref="KeyIndex{TValue}"/>: its entry and its hash. Kept by whoever will remove the key later
/// (a pruning queue, a reservation record), so that the removal finds the key's slot without reading the key again.
/// </summary>
/// <param name="Entry">The entry's index.</param>
/// <param name="Hash">The key's hash.</param>
internal readonly record struct KeyHandle(int Entry, int Hash);
