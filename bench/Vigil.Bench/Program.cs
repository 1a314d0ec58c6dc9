using System.CommandLine;
using Vigil.Bench;

var root = new RootCommand("Load generator for a running Vigil server; prints results as markdown for bench/RESULTS.md")
{
    IngestBenchmark.CreateCommand(),
    DashboardBenchmark.CreateCommand(),
    FillCommand.CreateCommand(),
    AlertsBenchmark.CreateCommand(),
    LogsBenchmark.CreateCommand(),
    KpiBenchmark.CreateCommand(),
    ExperimentBenchmark.CreateCommand(),
};
return await root.Parse(args).InvokeAsync();
