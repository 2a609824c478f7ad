using Incentives.Simulation;

namespace SpringFestival;

/// <summary>Draws the budget burn-down (money left at the end of each day) as a PNG with ScottPlot.</summary>
public static class BurnDownChart
{
    public static string Save(IReadOnlyList<(string Label, SimulationReport Report)> runs, string path)
    {
        var plot = new ScottPlot.Plot();
        string[] labels = [];
        foreach (var (label, report) in runs)
        {
            var root = report.Nodes[0];
            // Point 0 is the start (the whole limit); point d + 1 is the end of day d.
            double[] xs = [.. Enumerable.Range(0, root.Days.Count + 1).Select(i => (double)i)];
            double[] ys = [(double)(root.Limit.Amount / 1_000_000m), .. root.Days.Select(d => (double)(d.RemainingAtEndOfDay.Amount / 1_000_000m))];
            var line = plot.Add.Scatter(xs, ys);
            line.LegendText = label;
            line.LineWidth = 2;
            labels = ["start", .. root.Days.Select(d => d.Date[5..])];
        }

        plot.Axes.Bottom.SetTicks([.. Enumerable.Range(0, labels.Length).Select(i => (double)i)], labels);
        plot.Title("Spring Festival 2026: budget left at the end of each day");
        plot.YLabel("million CNY");
        plot.XLabel("end of day (Asia/Shanghai); the Eve is 02-16");
        plot.ShowLegend(ScottPlot.Alignment.UpperRight);
        plot.SavePng(path, 900, 500);
        return path;
    }
}
