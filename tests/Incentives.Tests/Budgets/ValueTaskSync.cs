using System.Threading.Tasks;

namespace Incentives.Tests.Budgets;

/// <summary>
/// Waits for a ledger operation from synchronous code (FsCheck properties, worker threads). An in-memory ledger
/// completes synchronously, so nothing blocks; a durable ledger's task is awaited on the calling thread.
/// </summary>
internal static class ValueTaskSync
{
    public static T RunSync<T>(this ValueTask<T> task) =>
        task.IsCompletedSuccessfully ? task.Result : task.AsTask().GetAwaiter().GetResult();
}
