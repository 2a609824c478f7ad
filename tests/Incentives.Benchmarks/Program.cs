using BenchmarkDotNet.Running;

namespace Incentives.Benchmarks;

/// <summary>Runs the benchmarks chosen on the command line, e.g. <c>--filter *Money*</c>.</summary>
public static class Program
{
    /// <summary>Entry point: <c>probe [rounds] [claims per round] [threads] [separate]</c> runs <see cref="Campaigns.EngineSteadyStateProbe"/>; anything else goes to BenchmarkDotNet.</summary>
    public static void Main(string[] args)
    {
        if (args.Length > 0 && args[0] == "probe")
        {
            Campaigns.EngineSteadyStateProbe.Run(
                args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 120,
                args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : Campaigns.CampaignEngineBenchmarks.Operations,
                args.Length > 3 ? int.Parse(args[3], System.Globalization.CultureInfo.InvariantCulture) : 1,
                args.Length > 4 && args[4] == "separate");
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
